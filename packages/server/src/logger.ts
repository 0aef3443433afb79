import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/** JSON logs to stdout, or to `destination` (tests read them from there). */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { service: 'lianxin' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
  return destination ? pino(options, destination) : pino(options);
}
