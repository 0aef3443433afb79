import { randomUUID } from 'node:crypto';
import type { RawJsonSink } from '../context';

/**
 * JSON text that goes into one response as it is. A direct read's data arrives from PostgreSQL
 * as JSON text; parsing it only for Apollo to serialize it again cost a fifth of the server's
 * CPU on a 25 KB answer. The read returns a placeholder string instead, and the transport puts
 * the text in its place in the serialized body. Placeholders carry a random per-request token,
 * so no value a caller stored can ever match one.
 */
export class RawJson implements RawJsonSink {
  // Made on first use: most responses carry no raw text.
  private token = '';
  private readonly texts: string[] = [];
  objects = 0;

  add(json: string): string {
    this.token ||= `lianxin-raw-json:${randomUUID()}:`;
    this.objects += countObjects(json);
    this.texts.push(json);
    return `${this.token}${this.texts.length - 1}`;
  }

  /** The serialized response with every placeholder replaced by its text. */
  splice(body: string): string {
    if (!this.texts.length) return body;
    let out = body;
    this.texts.forEach((text, i) => {
      const quoted = `"${this.token}${i}"`;
      const at = out.indexOf(quoted);
      if (at >= 0) out = out.slice(0, at) + text + out.slice(at + quoted.length);
    });
    return out;
  }
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
