import {
  getArgumentValues,
  getNamedType,
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
import type { ConnectionRelation, ReadCatalog, ReadModel, Relation } from '../relay/read-model';
import {
  connectionSql,
  listSql,
  objectSql,
  type Build,
  type ConnectionPlan,
  type EdgePart,
  type Entry,
  type PageFact,
} from './sql';

export type { Entry };

/**
 * Planning a direct read: the operation's selection, checked against the modules' read models,
 * becomes one SQL expression builder per response key. Computed once per document; anything it
 * does not fully understand (directives, abstract types, fields no read model declares) makes the
 * whole plan null, and the operation runs the ordinary way.
 */

const PAGE_FACTS = new Set<string>(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']);

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
    private readonly catalog: ReadCatalog,
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
      const root = this.catalog.relation('Query', f.name.value);
      const def = queryType.getFields()[f.name.value];
      if (!root || !def) return null;
      const entry = this.relationEntry(root(), f, def, fragments);
      if (!entry) return null;
      entries.push(entry);
    }
    return entries;
  }

  private relationEntry(
    relation: Relation,
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
    const entries = this.objectEntries(relation.model, node.selectionSet, fragments);
    if (!entries) return null;
    return relation.kind === 'list'
      ? { key, nested: true, sql: (row, b) => listSql(b, relation, entries, args(b), row) }
      : { key, nested: true, sql: (row, b) => objectSql(b, relation, entries, args(b), row) };
  }

  private objectEntries(
    model: ReadModel,
    set: SelectionSetNode | undefined,
    fragments: Fragments,
  ): Entry[] | null {
    const fields = fieldsOf(set, model.type, fragments);
    const graphqlType = this.schema.getType(model.type);
    if (!fields || !graphqlType || !('getFields' in graphqlType)) return null;
    const defs = graphqlType.getFields() as Record<string, GraphQLField<unknown, unknown>>;
    const entries: Entry[] = [];
    for (const f of fields) {
      const name = f.name.value;
      const key = keyOf(f);
      if (name === '__typename') entries.push({ key, sql: () => literal(model.type) });
      else if (name === 'id' && !f.arguments?.length)
        entries.push({ key, sql: (row) => globalIdSql(model.type, `${row!}.id`) });
      else if (model.scalars[name] && !f.arguments?.length && !f.selectionSet) {
        const column = model.scalars[name];
        entries.push({ key, sql: (row) => column(row!) });
      } else {
        const relation = this.catalog.relation(model.type, name);
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
    relation: ConnectionRelation,
    set: SelectionSetNode | undefined,
    fragments: Fragments,
  ): ConnectionPlan | null {
    const fields = fieldsOf(set, relation.connectionType, fragments);
    const connectionType = this.schema.getType(relation.connectionType);
    if (!fields || !connectionType || !('getFields' in connectionType)) return null;
    const edgeField = connectionType.getFields().edges;
    const edgeType = edgeField && getNamedType(edgeField.type).name;
    const plan: ConnectionPlan = {
      order: fields.map(keyOf),
      nodes: [],
      edges: [],
      totalCount: [],
      typename: [],
      pageInfo: [],
    };
    for (const f of fields) {
      const key = keyOf(f);
      switch (f.name.value) {
        case 'nodes': {
          const entries = this.objectEntries(relation.model, f.selectionSet, fragments);
          if (!entries) return null;
          plan.nodes.push({ key, entries });
          break;
        }
        case 'edges': {
          const parts = edgeType ? this.edgeParts(relation, edgeType, f, fragments) : null;
          if (!parts) return null;
          plan.edges.push({ key, parts });
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
            if (PAGE_FACTS.has(i.name.value))
              entries.push({ key: k, fact: i.name.value as PageFact });
            else if (i.name.value === '__typename') entries.push({ key: k, constant: 'PageInfo' });
            else return null;
          }
          plan.pageInfo.push({ key, entries });
          break;
        }
        default:
          return null;
      }
    }
    return plan;
  }

  private edgeParts(
    relation: ConnectionRelation,
    edgeType: string,
    edges: FieldNode,
    fragments: Fragments,
  ): EdgePart[] | null {
    const fields = fieldsOf(edges.selectionSet, edgeType, fragments);
    if (!fields) return null;
    const parts: EdgePart[] = [];
    for (const f of fields) {
      const key = keyOf(f);
      if (f.name.value === 'cursor') parts.push({ key, cursor: true });
      else if (f.name.value === '__typename') parts.push({ key, constant: edgeType });
      else if (f.name.value === 'node') {
        const entries = this.objectEntries(relation.model, f.selectionSet, fragments);
        if (!entries) return null;
        parts.push({ key, node: entries });
      } else return null;
    }
    return parts;
  }
}
