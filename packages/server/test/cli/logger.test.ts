import { createLogger, prettyLine } from '../../src/logger';

/** On a terminal each log record is one line for people: time, level, message, fields. */
describe('prettyLine', () => {
  const record = {
    level: 30,
    time: Date.UTC(2026, 11, 7, 8, 30, 5),
    pid: 1,
    hostname: 'h',
    service: 'lianxin',
    msg: 'request',
    method: 'POST',
    path: '/graphql',
    operation: 'CountStreets',
    status: 200,
    ms: 3.2,
  };

  it('shows the level, the message and the fields as key=value, without colour off a terminal', () => {
    const line = prettyLine(JSON.stringify(record));
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d INFO  request method=POST path=\/graphql operation=CountStreets status=200 ms=3.2\n$/,
    );
    expect(line).not.toContain('hostname');
  });

  it('colours the level on a terminal, and puts an error stack below its line', () => {
    const error = {
      ...record,
      level: 50,
      msg: 'failed',
      err: { type: 'Error', message: 'x', stack: 'Error: x\n    at f' },
    };
    const line = prettyLine(JSON.stringify(error), true);
    expect(line).toContain('\u001b[31mERROR\u001b[0m failed');
    expect(line).toMatch(/\nError: x\n {4}at f\n$/);
  });

  it('passes a line that is not JSON through as it is', () => {
    expect(prettyLine('plain text')).toBe('plain text\n');
  });
});

it('writes JSON to a destination, whatever the format asked for', () => {
  const lines: string[] = [];
  const logger = createLogger(
    { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' },
    { write: (l: string) => void lines.push(l) },
  );
  logger.info({ status: 200 }, 'request');
  expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'request', status: 200 });
});
