import {
  GraphQLError,
  Kind,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type ValueNode,
  visit,
} from 'graphql';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a string holding it fails in SQL, deep in some
 * service. No field of this API has a use for it, so an operation whose arguments or variables
 * hold one is refused up front with an error naming where it is.
 */
const NUL = '\u0000';
const MESSAGE = 'must not contain the NUL character (U+0000).';

function inLiteral(value: ValueNode, path: string): { path: string; node: ASTNode } | null {
  switch (value.kind) {
    case Kind.STRING:
      return value.value.includes(NUL) ? { path, node: value } : null;
    case Kind.LIST:
      for (const [i, item] of value.values.entries()) {
        const found = inLiteral(item, `${path}.${i}`);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of value.fields) {
        const found = inLiteral(field.value, `${path}.${field.name.value}`);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/** The path under `path` of the first string (or object key) in a JSON value holding NUL. */
function inJson(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  // Deeper than any input of this schema: the variable's coercion refuses it anyway.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = inJson(item, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (key.includes(NUL)) return path;
    const found = inJson((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Errors for NUL characters in `operation`'s argument literals and variables; empty if none. */
export function nulCharacterErrors(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (!variables || !Object.prototype.hasOwnProperty.call(variables, name)) continue;
    const path = inJson(variables[name], `$${name}`);
    if (path) {
      errors.push(
        new GraphQLError(`Variable "${path}" ${MESSAGE}`, {
          nodes: def,
          extensions: { code: 'BAD_USER_INPUT', variable: name },
        }),
      );
    }
  }
  // Literals of the operation and of the fragments it may spread.
  const scopes = [
    operation,
    ...document.definitions.filter(
      (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
    ),
  ];
  const fields: string[] = [];
  for (const scope of scopes) {
    visit(scope, {
      Field: { enter: (f) => void fields.push(f.name.value), leave: () => void fields.pop() },
      Argument(arg) {
        const found = inLiteral(arg.value, arg.name.value);
        if (found) {
          const field = fields.at(-1) ?? scope.name?.value ?? '';
          errors.push(
            new GraphQLError(`Argument "${found.path}" of "${field}" ${MESSAGE}`, {
              nodes: found.node,
              extensions: { code: 'BAD_USER_INPUT', argument: found.path },
            }),
          );
        }
        return false;
      },
    });
  }
  return errors;
}
