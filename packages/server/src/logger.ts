import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/**
 * JSON logs to stdout, or to `destination` (tests read them from there). On a terminal
 * (`LOG_FORMAT=auto` and stdout a TTY, or `LOG_FORMAT=pretty`) each line is written for people
 * instead: time, level, message, then the other fields as `key=value`.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, 'LOG_FORMAT'>>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { service: 'lianxin' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
  if (destination) return pino(options, destination);
  const format = config.LOG_FORMAT ?? 'auto';
  if (format === 'pretty' || (format === 'auto' && process.stdout.isTTY)) {
    return pino(options, prettyStream(process.stdout, { color: Boolean(process.stdout.isTTY) }));
  }
  return pino(options);
}

const LEVELS: Record<number, [name: string, color: string]> = {
  10: ['TRACE', '90'],
  20: ['DEBUG', '36'],
  30: ['INFO ', '32'],
  40: ['WARN ', '33'],
  50: ['ERROR', '31'],
  60: ['FATAL', '35'],
};
/** Fields every line has, or that the line's head already shows. */
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'err']);

/** One log record (pino's JSON line) as a line for people. */
export function prettyLine(json: string, color = false): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const time = new Date(typeof record.time === 'number' ? record.time : Date.now());
  const clock = time.toTimeString().slice(0, 8);
  const [name, code] = LEVELS[record.level as number] ?? [String(record.level), '0'];
  let line = `${paint('90', clock)} ${paint(code, name)} ${String(record.msg ?? '')}`;
  for (const [key, value] of Object.entries(record)) {
    if (OMITTED.has(key) || value === undefined) continue;
    const text = typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value);
    line += ` ${paint('90', `${key}=`)}${text}`;
  }
  const err = record.err as { type?: string; message?: string; stack?: string } | undefined;
  if (err) line += `\n${err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`}`;
  return `${line}\n`;
}

function prettyStream(
  out: NodeJS.WritableStream,
  { color }: { color: boolean },
): pino.DestinationStream {
  return { write: (chunk: string) => void out.write(prettyLine(chunk, color)) };
}
