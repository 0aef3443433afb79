import {
  GraphQLError,
  Kind,
  parse,
  SingleFieldSubscriptionsRule,
  type ASTVisitor,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * The spec's "single root field" rule for subscriptions, made safe. graphql-js 16 collects a
 * subscription's root fields with no variables, so `@skip(if: $v)` or `@include(if: $v)` at the
 * top level makes its rule throw (an internal error) instead of answering. The spec (and
 * graphql-js 17) forbid those directives there: this reports that, and otherwise leaves the
 * operation to graphql-js's own rule.
 */
export function topLevelDirectiveError(
  operation: OperationDefinitionNode,
  document: DocumentNode,
): GraphQLError | null {
  if (operation.operation !== 'subscription') return null;
  const fragments = new Map(
    document.definitions
      .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const seen = new Set<string>();
  const stack: SelectionSetNode[] = [operation.selectionSet];
  while (stack.length) {
    for (const selection of stack.pop()!.selections) {
      const skipped = selection.directives?.find(
        (d) => d.name.value === 'skip' || d.name.value === 'include',
      );
      if (skipped) {
        const name = operation.name
          ? `Subscription "${operation.name.value}"`
          : 'Anonymous Subscription';
        return new GraphQLError(
          `${name} must not use \`@${skipped.name.value}\` in its top level selection: a subscription has exactly one root field.`,
          { nodes: [skipped], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        );
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) stack.push(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) stack.push(fragment.selectionSet);
      }
    }
  }
  return null;
}

/** `SingleFieldSubscriptionsRule`, reporting top-level `@skip`/`@include` instead of throwing. */
export function SafeSingleFieldSubscriptionsRule(context: ValidationContext): ASTVisitor {
  // graphql-js's rule visits operations only, with a plain function.
  const inner = SingleFieldSubscriptionsRule(context) as {
    OperationDefinition: (node: OperationDefinitionNode) => void;
  };
  return {
    OperationDefinition(node) {
      const error = topLevelDirectiveError(node, context.getDocument());
      if (error) context.reportError(error);
      else inner.OperationDefinition(node);
    },
  };
}

/**
 * For a transport whose validation still runs graphql-js's rule (Apollo's): the error of a
 * document whose subscription uses `@skip`/`@include` at its top level, or null. Parses only a
 * document that names a subscription; one that does not parse is left to the transport.
 */
export function subscriptionRootError(query: unknown, maxTokens: number): GraphQLError | null {
  if (typeof query !== 'string' || !query.includes('subscription')) return null;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return null;
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const error = topLevelDirectiveError(definition, document);
    if (error) return error;
  }
  return null;
}
