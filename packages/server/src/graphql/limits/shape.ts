import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { operationTypeRule } from './document';

export interface ShapeLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

/**
 * graphql-armor throws its rejections (and words them as syntax errors); report them as
 * ordinary validation errors instead, so the caller gets a 400 GRAPHQL_VALIDATION_FAILED that
 * says which limit was exceeded.
 */
const report = {
  propagateOnRejection: false,
  exposeLimits: true,
  onReject: [
    (ctx: ValidationContext | null, error: GraphQLError) =>
      ctx?.reportError(
        new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} Simplify the query.`),
      ),
  ],
};

/**
 * Validation rules limiting a document's depth, aliases and directives, and refusing operation
 * types the schema has not. Every transport validates with these.
 */
export function shapeRules(limits: ShapeLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
    operationTypeRule,
  ] as ValidationRule[];
}
