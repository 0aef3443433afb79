import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses an operation whose type the schema has no root for (e.g. a `subscription` before there
 * are any), at validation; graphql-js 16 would only fail at execution, as an internal error.
 */
export function operationTypeRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(
        new GraphQLError(`This schema has no ${node.operation} operations.`, { nodes: node }),
      );
    },
  };
}

/**
 * Refuses a string literal holding the NUL character, which PostgreSQL text cannot store, and a
 * variable named `$__proto__`, which JavaScript objects (graphql-js's coerced variables among
 * them) cannot hold: its value would be silently dropped.
 */
export function textRule(context: ValidationContext): ASTVisitor {
  return {
    VariableDefinition(node) {
      if (node.variable.name.value !== '__proto__') return;
      context.reportError(
        new GraphQLError('A variable may not be named "$__proto__"; give it another name.', {
          nodes: node,
        }),
      );
    },
    StringValue(node) {
      if (!node.value.includes('\u0000')) return;
      context.reportError(
        new GraphQLError(
          'A string in the document contains the NUL character (U+0000), which text cannot hold.',
          { nodes: node },
        ),
      );
    },
  };
}
