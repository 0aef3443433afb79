import type { ServerResponse } from 'node:http';

/** The two formats of GeoReport v2, chosen by the path's suffix (`services.json`, `services.xml`). */
export type Format = 'json' | 'xml';

/** A value of a GeoReport field: absent values are `null` in JSON and empty elements in XML. */
export type Value = string | number | boolean | null;

/** One `<service>`, `<request>` …: its fields in the spec's order. */
export type Row = Record<string, Value>;

/** A GeoReport error as the spec writes it: `code` is the HTTP status. */
export interface Problem {
  code: number;
  description: string;
}

/** A refusal in GeoReport's error format: one HTTP status, one or more descriptions. */
export class Open311Error extends Error {
  readonly problems: Problem[];

  constructor(
    readonly status: number,
    descriptions: string | string[],
    readonly headers: Record<string, string> = {},
  ) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions];
    super(list.join(' '));
    this.name = 'Open311Error';
    this.problems = list.map((description) => ({ code: status, description }));
  }
}

/** What an answer holds: a list under a root element (`services`/`service`), or one object. */
export type Document =
  | { root: string; item: string; rows: Row[] }
  | { root: string; object: Row; lists: Record<string, { item: string; rows: Row[] }> };

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Writes a document in `format` with `status`. */
export function sendDocument(
  res: ServerResponse,
  format: Format,
  status: number,
  doc: Document,
  headers: Record<string, string> = {},
): void {
  const body = format === 'json' ? jsonOf(doc) : xmlOf(doc);
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, {
    ...headers,
    'content-type': CONTENT_TYPES[format],
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** Writes a refusal: `[{code, description}]`, or `<errors><error>…` in XML. */
export function sendProblems(res: ServerResponse, format: Format, error: Open311Error): void {
  sendDocument(res, format, error.status, errorDocument(error.problems), error.headers);
}

export function errorDocument(problems: Problem[]): Document {
  return { root: 'errors', item: 'error', rows: problems.map((p) => ({ ...p })) };
}

function jsonOf(doc: Document): string {
  if ('rows' in doc) return JSON.stringify(doc.rows);
  const object: Record<string, unknown> = { ...doc.object };
  for (const [name, list] of Object.entries(doc.lists)) object[name] = list.rows;
  return JSON.stringify(object);
}

function xmlOf(doc: Document): string {
  const head = '<?xml version="1.0" encoding="utf-8"?>';
  if ('rows' in doc) return `${head}${element(doc.root, listXml(doc.item, doc.rows))}`;
  let inner = rowXml(doc.object);
  for (const [name, list] of Object.entries(doc.lists))
    inner += element(name, listXml(list.item, list.rows));
  return `${head}${element(doc.root, inner)}`;
}

const listXml = (item: string, rows: Row[]) =>
  rows.map((row) => element(item, rowXml(row))).join('');

const rowXml = (row: Row) =>
  Object.entries(row)
    .map(([name, value]) => element(name, value === null ? '' : escapeXml(String(value))))
    .join('');

/** `<name>inner</name>`, or `<name/>` when empty; `inner` is XML already. */
const element = (name: string, inner: string) =>
  inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;

/**
 * Text as XML character data: markup characters escaped, and characters XML 1.0 cannot hold
 * (control characters, lone surrogates) dropped, so a description a resident typed never makes
 * the document unreadable.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>]/g, (c) => ESCAPES[c]!);
}

// Character data only: this writer writes no attributes, so quotes need no escaping.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A time as GeoReport writes it (W3C, UTC, whole seconds): `2026-03-01T08:30:00Z`. */
export function w3cTime(date: Date | null | undefined): string | null {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}
