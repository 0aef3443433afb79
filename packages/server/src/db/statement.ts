/**
 * A SQL statement with a stable name, so PostgreSQL prepares it once per connection and
 * reuses the plan. Declare statements at module level with `sql(name, text)`.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

const names = new Set<string>();

export function sql(name: string, text: string): Statement {
  if (names.has(name)) throw new Error(`SQL statement name "${name}" is declared twice`);
  names.add(name);
  return { name, text };
}

const generated = new Map<string, Statement>();

/**
 * A statement named after its text, for SQL assembled at run time from a small set of shapes
 * (filters, orderings): each shape is prepared once per connection like a declared one.
 */
export function named(text: string): Statement {
  let found = generated.get(text);
  if (!found) {
    found = { name: `g${generated.size}`, text };
    // Bounded: shapes come from code, not from user input; past this, run unprepared.
    if (generated.size < 5000) generated.set(text, found);
    else return { name: '', text };
  }
  return found;
}
