import {
  getArgumentValues,
  Kind,
  print,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Fragments } from '../fragments';
import { globalIdSql } from '../relay/global-id';
import type { Build } from './sql';
import { connectionSql, listSql, objectSql } from './sql';
import type { DirectRelation, DirectRoots, DirectType } from './types';

/**
 * Planning a direct read: the operation's selection, checked against what the domain's direct
 * types offer, becomes one SQL expression builder per response key. Computed once per document;
 * anything it does not fully understand (directives, abstract types, fields it does not know,
 * edges and cursors) makes the whole plan null, and the operation runs the ordinary way.
 */

/** A `'key', expression` pair of `json_build_object`, given the row alias; undefined gives up. */
export interface Entry {
  key: string;
  /** A value known without SQL (the root's `__typename`). */
  constant?: string;
  /** A relation (its own rows), not a value of the row. */
  nested?: true;
  /** `row` is the parent row's alias; null at the root. */
  sql(row: string | null, b: Build): string | undefined;
}

export interface ConnectionPlan {
  /** The response keys in the order selected (the response keeps it). */
  order: string[];
  nodes: { key: string; entries: Entry[] }[];
  totalCount: string[];
  /** Keys of `__typename`. */
  typename: string[];
  pageInfo: {
    key: string;
    entries: ({ key: string; sql: string } | { key: string; more: true })[];
  }[];
}

/** json_build_object takes at most 100 arguments: 50 keys. */
const MAX_KEYS = 50;

const keyOf = (f: FieldNode) => f.alias?.value ?? f.name.value;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The fields selected on `typeName`, fragments flattened; null on directives, fragments on other
 * types, more keys than one JSON object takes, or one key asked twice with different selections.
 */
function fieldsOf(
  set: SelectionSetNode | undefined,
  typeName: string,
  fragments: Fragments,
): FieldNode[] | null {
  if (!set) return null;
  const found: FieldNode[] = [];
  const walk = (s: SelectionSetNode, depth: number): boolean => {
    if (depth > 10) return false;
    for (const sel of s.selections) {
      if (sel.directives?.length) return false;
      if (sel.kind === Kind.FIELD) found.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (sel.typeCondition && sel.typeCondition.name.value !== typeName) return false;
        if (!walk(sel.selectionSet, depth + 1)) return false;
      } else {
        const fragment = fragments[sel.name.value];
        if (!fragment || fragment.typeCondition.name.value !== typeName) return false;
        if (!walk(fragment.selectionSet, depth + 1)) return false;
      }
    }
    return true;
  };
  if (!walk(set, 0)) return null;
  // The same key twice is fine when it is the same plain field (`id` in a fragment and outside).
  const byKey = new Map<string, FieldNode>();
  for (const f of found) {
    const seen = byKey.get(keyOf(f));
    if (!seen) byKey.set(keyOf(f), f);
    else if (seen.selectionSet || f.selectionSet || print(seen) !== print(f)) return null;
  }
  return byKey.size <= MAX_KEYS ? [...byKey.values()] : null;
}

export class Planner {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly roots: DirectRoots,
  ) {}

  /** The entries of the operation's root object, or null when it is not a direct read. */
  plan(operation: OperationDefinitionNode, fragments: Fragments): Entry[] | null {
    if (operation.operation !== 'query') return null;
    const queryType = this.schema.getQueryType();
    if (!queryType) return null;
    const fields = fieldsOf(operation.selectionSet, queryType.name, fragments);
    if (!fields) return null;
    const entries: Entry[] = [];
    for (const f of fields) {
      const key = keyOf(f);
      if (f.name.value === '__typename') {
        entries.push({ key, constant: queryType.name, sql: () => literal(queryType.name) });
        continue;
      }
      const root = this.roots[f.name.value];
      const def = queryType.getFields()[f.name.value];
      if (!root || !def) return null;
      const entry = this.relationEntry(root(), f, def, fragments);
      if (!entry) return null;
      entries.push(entry);
    }
    return entries;
  }

  private relationEntry(
    relation: DirectRelation,
    node: FieldNode,
    def: GraphQLField<unknown, unknown>,
    fragments: Fragments,
  ): Entry | null {
    const key = keyOf(node);
    const args = (b: Build) => getArgumentValues(def, node, b.variables);
    if (relation.kind === 'connection') {
      const connection = this.connectionPlan(relation, node.selectionSet, fragments);
      return (
        connection && {
          key,
          nested: true,
          sql: (row, b) => connectionSql(b, relation, connection, args(b), row),
        }
      );
    }
    const entries = this.objectEntries(relation.type, node.selectionSet, fragments);
    if (!entries) return null;
    return relation.kind === 'list'
      ? { key, nested: true, sql: (row, b) => listSql(b, relation, entries, args(b), row) }
      : { key, nested: true, sql: (row, b) => objectSql(b, relation, entries, args(b), row) };
  }

  private objectEntries(
    type: DirectType,
    set: SelectionSetNode | undefined,
    fragments: Fragments,
  ): Entry[] | null {
    const fields = fieldsOf(set, type.name, fragments);
    const graphqlType = this.schema.getType(type.name);
    if (!fields || !graphqlType || !('getFields' in graphqlType)) return null;
    const defs = graphqlType.getFields() as Record<string, GraphQLField<unknown, unknown>>;
    const entries: Entry[] = [];
    for (const f of fields) {
      const name = f.name.value;
      const key = keyOf(f);
      if (name === '__typename') entries.push({ key, sql: () => literal(type.name) });
      else if (name === 'id' && !f.arguments?.length)
        entries.push({ key, sql: (row) => globalIdSql(type.name, `${row!}.id`) });
      else if (type.scalars[name] && !f.arguments?.length && !f.selectionSet) {
        const column = type.scalars[name];
        entries.push({ key, sql: (row) => column(row!) });
      } else {
        const relation = type.relations?.[name];
        const def = defs[name];
        if (!relation || !def) return null;
        const entry = this.relationEntry(relation(), f, def, fragments);
        if (!entry) return null;
        entries.push(entry);
      }
    }
    return entries;
  }

  private connectionPlan(
    relation: Extract<DirectRelation, { kind: 'connection' }>,
    set: SelectionSetNode | undefined,
    fragments: Fragments,
  ): ConnectionPlan | null {
    const fields = fieldsOf(set, relation.connectionType, fragments);
    if (!fields) return null;
    const plan: ConnectionPlan = {
      order: fields.map(keyOf),
      nodes: [],
      totalCount: [],
      typename: [],
      pageInfo: [],
    };
    for (const f of fields) {
      const key = keyOf(f);
      switch (f.name.value) {
        case 'nodes': {
          const entries = this.objectEntries(relation.type, f.selectionSet, fragments);
          if (!entries) return null;
          plan.nodes.push({ key, entries });
          break;
        }
        case 'totalCount':
          plan.totalCount.push(key);
          break;
        case '__typename':
          plan.typename.push(key);
          break;
        case 'pageInfo': {
          const info = fieldsOf(f.selectionSet, 'PageInfo', fragments);
          if (!info) return null;
          const entries: ConnectionPlan['pageInfo'][number]['entries'] = [];
          for (const i of info) {
            const k = keyOf(i);
            if (i.name.value === 'hasNextPage') entries.push({ key: k, more: true });
            // Only first pages are read directly: nothing comes before them.
            else if (i.name.value === 'hasPreviousPage') entries.push({ key: k, sql: 'false' });
            else if (i.name.value === '__typename')
              entries.push({ key: k, sql: literal('PageInfo') });
            else return null; // cursors: the ordinary path
          }
          plan.pageInfo.push({ key, entries });
          break;
        }
        default:
          return null; // edges and cursors: the ordinary path
      }
    }
    return plan;
  }
}
