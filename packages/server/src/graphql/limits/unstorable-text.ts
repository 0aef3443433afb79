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
 * Text PostgreSQL cannot store: U+0000 (in text or jsonb), and a lone UTF-16 surrogate (jsonb
 * refuses its escape; text would silently get U+FFFD). Such a string fails in SQL, deep in some
 * service; no field of this API has a use for it, so an operation whose arguments or variables
 * hold one is refused up front with an error naming where it is. (GraphQL's own parser already
 * refuses lone surrogates in the document; variables come as JSON, which allows them.)
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000).';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it holds a lone surrogate).';
  return null;
}

interface Found {
  path: string;
  problem: string;
}

function inLiteral(value: ValueNode, path: string): (Found & { node: ASTNode }) | null {
  switch (value.kind) {
    case Kind.STRING: {
      const problem = problemOf(value.value);
      return problem ? { path, problem, node: value } : null;
    }
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

interface Step {
  value: unknown;
  key: string;
  parent: Step | null;
}

const pathOf = (step: Step): string => {
  const keys: string[] = [];
  for (let s: Step | null = step; s; s = s.parent) keys.push(s.key);
  return keys.reverse().join('.');
};

/**
 * The first string (or object key) in a JSON value that cannot be stored, and its path under
 * `root`. Walked without recursion, and paths spelled only for what is found: a variable may be
 * nested deeper than the stack goes.
 */
function inJson(value: unknown, root: string): Found | null {
  const todo: Step[] = [{ value, key: root, parent: null }];
  for (let step = todo.pop(); step; step = todo.pop()) {
    const v = step.value;
    if (typeof v === 'string') {
      const problem = problemOf(v);
      if (problem) return { path: pathOf(step), problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        todo.push({ value: v[i], key: String(i), parent: step });
      }
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (const key of keys) {
        const problem = problemOf(key);
        if (problem) return { path: pathOf(step), problem: `has a key that ${problem}` };
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        todo.push({ value: (v as Record<string, unknown>)[key], key, parent: step });
      }
    }
  }
  return null;
}

/** Errors in the document's literals, per operation: they do not change with the variables. */
const literalErrors = new WeakMap<OperationDefinitionNode, GraphQLError[]>();

/** Errors for unstorable text in `operation`'s argument literals and variables; empty if none. */
export function unstorableTextErrors(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    // A default value is a literal of the document like any argument.
    const inDefault = def.defaultValue && inLiteral(def.defaultValue, `$${name}`);
    if (inDefault) {
      errors.push(
        new GraphQLError(`The default value of variable "${inDefault.path}" ${inDefault.problem}`, {
          nodes: inDefault.node,
          extensions: { code: 'BAD_USER_INPUT', variable: name },
        }),
      );
    }
    if (!variables || !Object.prototype.hasOwnProperty.call(variables, name)) continue;
    const found = inJson(variables[name], `$${name}`);
    if (found) {
      errors.push(
        new GraphQLError(`Variable "${found.path}" ${found.problem}`, {
          nodes: def,
          extensions: { code: 'BAD_USER_INPUT', variable: name },
        }),
      );
    }
  }
  let literals = literalErrors.get(operation);
  if (!literals) literalErrors.set(operation, (literals = inLiterals(document, operation)));
  return [...errors, ...literals];
}

/** Errors for unstorable text in the literals of `operation` and the fragments it may spread. */
function inLiterals(document: DocumentNode, operation: OperationDefinitionNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
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
            new GraphQLError(`Argument "${found.path}" of "${field}" ${found.problem}`, {
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
