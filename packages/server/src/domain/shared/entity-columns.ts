import { getMetadataArgsStorage } from 'typeorm';

/** Column types read as text, so values arrive as the records hold them (see `castOf`). */
const TEXT_CASTS = new Set(['bigint', 'int8', 'date', 'ltree', 'numeric', 'decimal']);

// bigint ids stay exact strings; a date would become a local-time Date in node-postgres; ltree
// and numeric are strings either way, the cast says so.
const castOf = (type: string): string => (TEXT_CASTS.has(type) ? '::text' : '');

export interface EntityColumnsOptions<E> {
  /** Columns left out of the select list (e.g. a large one loaded on demand). */
  omit?: readonly (keyof E & string)[];
  /** Further select entries, e.g. a joined table's `pp.name AS "personName"`. */
  extra?: readonly string[];
}

/** What `entityColumns` was asked for, kept so a test can hold the select lists to it. */
export interface EntityColumnsDeclaration {
  entity: abstract new () => unknown;
  alias: string;
  /** Entity property → record property (the same name), for every column selected. */
  selected: ReadonlyMap<string, string>;
  omitted: readonly string[];
  extra: readonly string[];
}

const declarations = new Map<string, EntityColumnsDeclaration>();

/** The declaration a select list was built from, if `entityColumns` built it. */
export function entityColumnsDeclaration(columns: string): EntityColumnsDeclaration | undefined {
  return declarations.get(columns);
}

export interface EntityColumn {
  propertyName: string;
  /** The column's SQL name. */
  name: string;
  /** Its SQL type as the decorator gave it, e.g. `bigint`, `timestamptz`. */
  type: string;
}

/** The columns typeorm knows of `entity`, in declaration order (inherited ones included). */
export function entityColumnsOf(entity: abstract new () => unknown): EntityColumn[] {
  return getMetadataArgsStorage()
    .filterColumns(entity)
    .map((c) => ({
      propertyName: c.propertyName,
      name: c.options.name ?? c.propertyName,
      type: String(c.options.type ?? ''),
    }));
}

/**
 * A TableSpec select list with every column of `entity` under `alias`, each aliased to its
 * property name and cast so values come out of node-postgres as records hold them: a column
 * added to the entity reaches the records with no other edit.
 */
export function entityColumns<E>(
  entity: abstract new () => E,
  alias: string,
  options: EntityColumnsOptions<E> = {},
): string {
  const omit = new Set<string>(options.omit ?? []);
  const columns = entityColumnsOf(entity);
  const known = new Set(columns.map((c) => c.propertyName));
  for (const name of omit) {
    if (!known.has(name)) throw new Error(`${entity.name} has no column ${name}`);
  }
  const selected = new Map<string, string>();
  const entries: string[] = [];
  for (const column of columns) {
    if (omit.has(column.propertyName)) continue;
    if (!/^[a-z_][a-z0-9_]*$/.test(column.name)) {
      throw new Error(
        `${entity.name}.${column.propertyName}: unexpected column name ${column.name}`,
      );
    }
    selected.set(column.propertyName, column.propertyName);
    entries.push(`${alias}.${column.name}${castOf(column.type)} AS "${column.propertyName}"`);
  }
  const extra = options.extra ?? [];
  const list = [...entries, ...extra].join(', ');
  declarations.set(list, { entity, alias, selected, omitted: [...omit], extra });
  return list;
}
