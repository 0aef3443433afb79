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
