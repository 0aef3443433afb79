import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  Kind,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Fragments } from '../fragments';

/**
 * Query cost in the style of Shopify's API: an object costs 1, a scalar 0, a connection 1 plus
 * its page size times the cost of one item (page size from `first`/`last`, 20 by default), a plain
 * list of objects 1 plus 10 times one item, and a mutation field 10 more. The requested cost is
 * known before running; the actual cost counts what came back.
 */
export const DEFAULT_PAGE = 20;
export const ASSUMED_LIST_SIZE = 10;
export const MUTATION_COST = 10;

function argument(value: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!value) return undefined;
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.INT) return Number(value.value);
  return undefined;
}

const isConnection = (typeName: string) => typeName.endsWith('Connection');

export function requestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const perItem = operation.operation === 'mutation' ? MUTATION_COST : 0;
  return selectionCost(schema, root, operation.selectionSet, fragments, variables, perItem);
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
  extraPerField = 0,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const typeName = fragment.typeCondition?.name.value;
      const type = (typeName ? schema.getType(typeName) : parent) as GraphQLCompositeType;
      cost += selectionCost(schema, type, fragment.selectionSet, fragments, variables);
      continue;
    }
    if (selection.name.value.startsWith('__')) continue;
    const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named) || !selection.selectionSet) {
      cost += extraPerField;
      continue;
    }
    const child = selectionCost(
      schema,
      named as GraphQLCompositeType,
      selection.selectionSet,
      fragments,
      variables,
    );
    if (isConnection(named.name)) {
      const args = Object.fromEntries(
        (selection.arguments ?? []).map((a) => [a.name.value, argument(a.value, variables)]),
      );
      const size = Number(args.first ?? args.last ?? DEFAULT_PAGE) || 0;
      cost +=
        1 +
        extraPerField +
        connectionCost(
          schema,
          named as GraphQLCompositeType,
          selection.selectionSet,
          fragments,
          variables,
          size,
        );
    } else if (isListType(getNullableType(field.type))) {
      cost += 1 + extraPerField + ASSUMED_LIST_SIZE * child;
    } else {
      cost += 1 + extraPerField + child;
    }
  }
  return cost;
}

/** A connection's selection: `edges` and `nodes` are paid per item, the rest once. */
function connectionCost(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
  size: number,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) {
      if (selection.kind === Kind.FIELD && selection.name.value === 'totalCount') cost += 1;
      continue;
    }
    const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    const named = getNamedType(field.type) as GraphQLCompositeType;
    const one = selectionCost(schema, named, selection.selectionSet, fragments, variables);
    cost +=
      selection.name.value === 'edges' || selection.name.value === 'nodes'
        ? size * (1 + one)
        : 1 + one;
  }
  return cost;
}

/**
 * What the response actually cost: every object returned counts 1 (the root object does not),
 * also the `rawObjects` in JSON text a direct read left for the transport (graphql/http/raw-json).
 */
export function actualCost(data: unknown, rawObjects = 0): number {
  return Math.max(0, objectCount(data) - 1) + rawObjects;
}

function objectCount(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + objectCount(item), 0);
  if (data === null || typeof data !== 'object') return 0;
  let cost = 1;
  for (const value of Object.values(data)) cost += objectCount(value);
  return cost;
}
