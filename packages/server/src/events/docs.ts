import { z } from 'zod';
import type { EventType } from './catalog';

/** A JSON Schema node, as zod prints it; only what the printer reads. */
interface Node {
  title?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Node[];
  items?: Node | false;
  prefixItems?: Node[];
  properties?: Record<string, Node>;
  required?: string[];
}

/**
 * The catalog as markdown: every event type with its subject and its payload as stored in the
 * stream (JSON), by area in the order given. docs/events.md holds this between its markers.
 */
export function printEventCatalog(types: readonly EventType[]): string {
  const out: string[] = [];
  let area = '';
  for (const type of types) {
    const [prefix] = type.name.split('.');
    if (prefix !== area) {
      area = prefix!;
      out.push(`## ${area}`, '');
    }
    const schema = z.toJSONSchema(type.payload, { io: 'input' }) as Node;
    out.push(
      `### \`${type.name}\``,
      '',
      `Subject: \`${type.subject}\`. ${type.description}`,
      '',
      '```',
      typeOf(schema, ''),
      '```',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

function typeOf(node: Node, indent: string): string {
  if (node.title) return node.title;
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.anyOf) {
    const options = node.anyOf.map((n) => typeOf(n, indent));
    return options.join(node.anyOf.every((n) => n.properties) ? `\n${indent}| ` : ' | ');
  }
  if (Array.isArray(node.type))
    return node.type.map((t) => typeOf({ ...node, type: t }, indent)).join(' | ');
  switch (node.type) {
    case 'object': {
      const required = new Set(node.required ?? []);
      const inner = `${indent}  `;
      const fields = Object.entries(node.properties ?? {}).map(
        ([key, value]) => `${inner}${key}${required.has(key) ? '' : '?'}: ${typeOf(value, inner)}`,
      );
      return fields.length ? `{\n${fields.join('\n')}\n${indent}}` : '{}';
    }
    case 'array': {
      if (node.prefixItems) return `[${node.prefixItems.map((n) => typeOf(n, indent)).join(', ')}]`;
      const item = typeOf(node.items as Node, indent);
      return /[ |]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    default:
      return node.type ?? 'unknown';
  }
}
