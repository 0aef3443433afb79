import {
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  Kind,
  type DirectiveNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { Fragments } from '../fragments';
import { RawJsonValue } from '../pipeline/raw-json';

/**
 * Query cost in the style of Shopify's API: an object costs 1, a scalar 0, a connection 1 plus
 * its page size times the cost of one item (page size from `first`/`last`, 20 by default), a plain
 * list of objects 1 plus its assumed size times one item, and a mutation field 10 more.
 *
 * The cost is computed on the operation as it will run: fragments (named or inline, at any level)
 * expanded, `@skip`/`@include` applied, and arguments read from the coerced variables (defaults
 * included). So no way of writing a document makes it cheaper than what it asks for. Every
 * transport (HTTP, the direct lane, WebSocket) prices operations with this one walk.
 */
export const DEFAULT_PAGE = 20;
export const ASSUMED_LIST_SIZE = 10;
export const MUTATION_COST = 10;

/** Page arguments read from a connection field. */
const PAGE_ARGS = ['first', 'last'] as const;

const isConnection = (typeName: string) => typeName.endsWith('Connection');

interface Walk {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Record<string, unknown>;
  /** Cost of a selection set on a type; the same set costs the same wherever it is spread. */
  memo: Map<SelectionSetNode, Map<string, number>>;
}

/**
 * The requested cost of `operation`, with `variables` already coerced (graphql-js's
 * `getVariableValues`, which fills in defaults).
 */
export function requestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const walk: Walk = { schema, fragments, variables, memo: new Map() };
  const perField = operation.operation === 'mutation' ? MUTATION_COST : 0;
  return selectionCost(walk, root, operation.selectionSet, perField);
}

/** False when `@skip(if: true)` or `@include(if: false)` takes the selection out. */
function included(walk: Walk, directives: readonly DirectiveNode[] | undefined): boolean {
  if (!directives?.length) return true;
  for (const d of directives) {
    const def =
      d.name.value === 'skip'
        ? GraphQLSkipDirective
        : d.name.value === 'include'
          ? GraphQLIncludeDirective
          : null;
    if (!def) continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if')?.value;
    const value = arg && literal(walk, arg);
    if (def === GraphQLSkipDirective && value === true) return false;
    if (def === GraphQLIncludeDirective && value === false) return false;
  }
  return true;
}

function literal(walk: Walk, value: ValueNode): unknown {
  if (value.kind === Kind.VARIABLE) return walk.variables[value.name.value];
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind === Kind.INT) return Number(value.value);
  return undefined;
}

function selectionCost(
  walk: Walk,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  perField = 0,
): number {
  // Memoized per set and type: a fragment spread many times is priced once (linear time).
  let byType = walk.memo.get(selectionSet);
  const memoKey = `${parent.name}:${perField}`;
  const known = byType?.get(memoKey);
  if (known !== undefined) return known;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection.directives)) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const typeName = fragment.typeCondition?.name.value;
      const type = typeName ? walk.schema.getType(typeName) : parent;
      if (!type || !isCompositeType(type)) continue;
      // Fragments on abstract types may match any of their objects: each is priced in full.
      cost += selectionCost(walk, type, fragment.selectionSet, perField);
      continue;
    }
    if (selection.name.value.startsWith('__')) continue;
    const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    const named = getNamedType(field.type);
    if (!selection.selectionSet || !isCompositeType(named)) {
      cost += perField;
      continue;
    }
    const args = selection.arguments ?? [];
    if (isConnection(named.name)) {
      const size = pageSize(walk, field, args);
      cost += 1 + perField + connectionCost(walk, named, selection.selectionSet, size);
      continue;
    }
    const one = 1 + selectionCost(walk, named, selection.selectionSet);
    cost += isListType(getNullableType(field.type))
      ? 1 + perField + listSize(walk, field, args) * one
      : perField + one;
  }
  if (!byType) walk.memo.set(selectionSet, (byType = new Map()));
  byType.set(memoKey, cost);
  return cost;
}

type ArgumentNodes = Parameters<typeof getArgumentValues>[1]['arguments'];

/** A field's arguments as execution will see them; {} when they do not coerce (it will fail). */
function argumentsOf(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  args: ArgumentNodes,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, { arguments: args } as never, walk.variables);
  } catch {
    return {};
  }
}

function pageSize(walk: Walk, field: GraphQLField<unknown, unknown>, args: ArgumentNodes): number {
  const values = argumentsOf(walk, field, args);
  for (const name of PAGE_ARGS) {
    const n = values[name];
    if (typeof n === 'number' && Number.isFinite(n)) return Math.max(0, n);
  }
  return DEFAULT_PAGE;
}

/** A plain list: as many as the IDs asked for (`nodes(ids:)`), else an assumed size. */
function listSize(walk: Walk, field: GraphQLField<unknown, unknown>, args: ArgumentNodes): number {
  if (field.args.some((a) => a.name === 'ids')) {
    const ids = argumentsOf(walk, field, args).ids;
    if (Array.isArray(ids)) return ids.length;
  }
  return ASSUMED_LIST_SIZE;
}

/** A connection's selection: `edges` and `nodes` are paid per item, the rest once. */
function connectionCost(
  walk: Walk,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  size: number,
): number {
  // Memoized like selectionCost: fragments spread many times inside a connection cost linear time.
  let byType = walk.memo.get(selectionSet);
  const memoKey = `${type.name}#page:${size}`;
  const known = byType?.get(memoKey);
  if (known !== undefined) return known;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection.directives)) continue;
    if (selection.kind !== Kind.FIELD) {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[selection.name.value] : selection;
      if (fragment) cost += connectionCost(walk, type, fragment.selectionSet, size);
      continue;
    }
    const name = selection.name.value;
    // A count costs a statement of its own.
    if (name === 'totalCount') cost += 1;
    if (!selection.selectionSet) continue;
    const field = 'getFields' in type ? type.getFields()[name] : undefined;
    if (!field) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) continue;
    const one = selectionCost(walk, named, selection.selectionSet);
    cost += name === 'edges' || name === 'nodes' ? size * (1 + one) : 1 + one;
  }
  if (!byType) walk.memo.set(selectionSet, (byType = new Map()));
  byType.set(memoKey, cost);
  return cost;
}

/**
 * What the response actually cost: every object returned counts 1 (the root object does not),
 * also the objects in JSON text a direct read left for the transport (pipeline/raw-json.ts).
 */
export function actualCost(data: unknown): number {
  return Math.max(0, objectCount(data) - 1);
}

/** Objects in a result, counted without recursion (results can nest deeply). */
function objectCount(data: unknown): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (value instanceof RawJsonValue) {
      count += value.objects;
      continue;
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    count++;
    for (const item of Object.values(value)) stack.push(item);
  }
  return count;
}
