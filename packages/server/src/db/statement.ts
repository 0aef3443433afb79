/**
 * A SQL statement with a stable name, so PostgreSQL prepares it once per connection and
 * reuses the plan. Declare statements at module level with `sql(name, text)`.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
  /** Type parsers for this statement's results (node-postgres `types`), e.g. JSON kept as text. */
  readonly types?: { getTypeParser: (oid: number, format?: string) => unknown };
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

/**
 * Names for SQL built from a caller's document (direct reads), whose texts are as many as
 * callers care to write. A prepared statement is a plan on every pooled connection, kept until
 * the connection closes: naming each text let one backend grow from 47 MB to 1.3 GB on queries
 * that differed in one alias. So a text is prepared only once it has run often (a real client's
 * query, not a one-off), and at most `limit` texts are ever prepared; every other runs unnamed
 * (planned on each run, kept nowhere).
 */
export class PreparedShapes {
  private readonly runs = new Map<string, number>();
  private readonly prepared = new Map<string, Statement>();

  constructor(
    private readonly limit: number,
    private readonly after = 5,
    private readonly candidates = 1000,
  ) {}

  statement(text: string, types?: Statement['types']): Statement {
    const found = this.prepared.get(text);
    if (found) return found;
    if (this.prepared.size >= this.limit) return { name: '', text, types };
    const runs = (this.runs.get(text) ?? 0) + 1;
    this.runs.delete(text);
    if (runs < this.after) {
      // Candidates are bounded too: the least recently run is forgotten.
      if (this.runs.size >= this.candidates) this.runs.delete(this.runs.keys().next().value!);
      this.runs.set(text, runs);
      return { name: '', text, types };
    }
    const statement = { name: `shape${this.prepared.size}`, text, types };
    this.prepared.set(text, statement);
    return statement;
  }

  /** How many texts are prepared, for tests. */
  get size(): number {
    return this.prepared.size;
  }
}
