/**
 * JSON text that PostgreSQL built for a direct read, as a value of a result's `data`. Parsing it
 * only to serialize it again cost a fifth of the server's CPU on a 25 KB answer, so a transport
 * that serializes results with `serializeResult` writes the text into its response as it is.
 * Anything else that serializes it (a log, `JSON.stringify`) gets the parsed value.
 */
export class RawJsonValue {
  private counted = -1;

  constructor(readonly text: string) {}

  /** How many JSON objects the text holds (for the response's actual cost). */
  get objects(): number {
    if (this.counted < 0) this.counted = countObjects(this.text);
    return this.counted;
  }

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** A GraphQL result as transports write it (the fields in the order Apollo writes them). */
export interface SerializableResult {
  errors?: readonly unknown[];
  data?: Record<string, unknown> | null;
  extensions?: Record<string, unknown>;
}

/**
 * A result as the body of a response: `JSON.stringify` and a newline (as Apollo writes it), with
 * the text of each raw JSON value put in as it is. Direct reads leave such values only as root
 * fields of `data`, the one place looked at here; anywhere else `toJSON` parses them.
 */
export function serializeResult(result: SerializableResult): string {
  const data = result.data;
  if (!data || !hasRawJson(data)) return `${JSON.stringify(result)}\n`;
  let out = '{';
  for (const key of ['errors', 'data', 'extensions'] as const) {
    const value = result[key];
    if (value === undefined) continue;
    if (out.length > 1) out += ',';
    out += `"${key}":${key === 'data' ? serializeData(data) : JSON.stringify(value)}`;
  }
  return `${out}}\n`;
}

function hasRawJson(data: Record<string, unknown>): boolean {
  for (const key in data) if (data[key] instanceof RawJsonValue) return true;
  return false;
}

function serializeData(data: Record<string, unknown>): string {
  let out = '{';
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (value === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${value instanceof RawJsonValue ? value.text : JSON.stringify(value)}`;
  }
  return `${out}}`;
}

/** The number of objects in a JSON text: its `{` outside strings. */
export function countObjects(json: string): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */) count++;
  }
  return count;
}
