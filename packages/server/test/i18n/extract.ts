import path from 'node:path';
import ts from 'typescript';

/**
 * Every message the server's source can put before a caller, found with the TypeScript compiler:
 * the message arguments of `new PublicError(code, m)`, `InputError.single(field, m)`,
 * `new GraphQLError(m)`, `new Open311Error(status, m)`, `requestError(status, code, m)`, zod's custom messages
 * (`.min(n, m)`, `.refine(f, m)`, `addIssue({ message })`), and `message` in an object literal
 * that also has a `code` (a user error's problem, a verdict). A message is followed to where it
 * is made: a template literal becomes a template whose `${x}` are placeholders `{x}`; a
 * parameter is followed to every call that passes it; a variable to its value; a call to the
 * returns of its function; `a ? b : c` to both. Only `x.message` passes a message made
 * elsewhere through unfollowed. What cannot be followed is reported, so it can be made plain.
 */
export interface Extracted {
  /** English templates, each with where it is made. */
  templates: Map<string, string[]>;
  /** Message expressions that could not be followed to a template, as `file:line: text`. */
  unresolved: string[];
  /**
   * Words and phrases that fill a template's placeholder where the source names them as literals
   * (`requireWrite(ctx, 'person', …, 'add people')` fills "Sign in to {action}."), with where.
   */
  terms: Map<string, string[]>;
}

const ROOT = path.resolve(__dirname, '../../src');

/** Files whose strings are not for callers: tools, the scaffold's generated code, seeds. */
const SKIPPED = [
  /\/i18n\//,
  /\/seed\//,
  /\/config\.ts$/,
  /\/host\/scaffold\.ts$/,
  /schema-change/,
  /\/contract\.ts$/,
  /\/cli\.ts$/,
];

const ZOD_MESSAGE_METHODS: Record<string, number> = {
  min: 1,
  max: 1,
  length: 1,
  regex: 1,
  refine: 1,
  gt: 1,
  gte: 1,
  lt: 1,
  lte: 1,
  int: 0,
  positive: 0,
  nonnegative: 0,
  email: 0,
  url: 0,
  uuid: 0,
  nonempty: 0,
};

export function extractMessages(): Extracted {
  const configFile = ts.findConfigFile(ROOT, ts.sys.fileExists, 'tsconfig.json')!;
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  )!;
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const files = program
    .getSourceFiles()
    .filter((f) => f.fileName.startsWith(ROOT) && !SKIPPED.some((re) => re.test(f.fileName)));

  const templates = new Map<string, string[]>();
  const terms = new Map<string, string[]>();
  const unresolved: string[] = [];
  let quiet = 0;
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    return `${path.relative(ROOT, file.fileName)}:${line + 1}`;
  };

  // Every call in the program by the function it calls, to follow parameters to arguments.
  const callsOf = new Map<ts.Declaration, ts.CallExpression[]>();
  const declarationOf = (callee: ts.Expression): ts.Declaration | undefined => {
    let symbol = checker.getSymbolAtLocation(callee);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  };
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(ROOT)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const decl = declarationOf(node.expression);
        if (decl) {
          const fn = functionOf(decl);
          if (fn) {
            const list = callsOf.get(fn) ?? [];
            list.push(node);
            callsOf.set(fn, list);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  const nameOf = (e: ts.Expression): string => {
    if (ts.isIdentifier(e)) return e.text;
    if (ts.isPropertyAccessExpression(e)) return e.name.text;
    if (ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e))
      return nameOf(e.expression);
    if (ts.isCallExpression(e)) {
      // `xs.join(', ')`, `f(x)`: named after what is joined, or the argument.
      if (ts.isPropertyAccessExpression(e.expression)) return nameOf(e.expression.expression);
      if (e.arguments[0]) return nameOf(e.arguments[0]);
      return nameOf(e.expression);
    }
    if (ts.isBinaryExpression(e)) return nameOf(e.left);
    if (ts.isElementAccessExpression(e)) return nameOf(e.expression);
    return 'value';
  };

  /** The templates an expression can be, or null with the reason reported. */
  const resolve = (e: ts.Expression, depth: number, seen: Set<ts.Node>): string[] | null => {
    if (depth > 8 || seen.has(e)) return [];
    seen.add(e);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    // No message (a rule that found nothing wrong).
    if (e.kind === ts.SyntaxKind.NullKeyword) return [];
    if (ts.isIdentifier(e) && e.text === 'undefined') return [];
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = resolve(e.left, depth, seen);
      const right = resolve(e.right, depth, seen);
      if (!left || !right) return null;
      return left.flatMap((l) => right.map((r) => l + r));
    }
    // Messages made elsewhere, joined (`errors.map((e) => e.message).join(' ')`).
    if (ts.isCallExpression(e) && /\.message\b[\s\S]*\.join\(/.test(e.getText())) return [];
    // …or mapped (`error.problems.map((p) => …)`: each problem's message is found where it is
    // made).
    if (ts.isCallExpression(e) && /(\.problems\.map\(|\.map\([\s\S]*\.message\b)/.test(e.getText()))
      return [];
    if (ts.isArrayLiteralExpression(e)) {
      const out: string[] = [];
      for (const element of e.elements) {
        const r = resolve(element, depth, seen);
        if (r === null) return null;
        out.push(...r);
      }
      return out;
    }
    if (ts.isTemplateExpression(e)) {
      // `${c ? 'a' : 'b'}` between literals makes two messages; anything else a placeholder,
      // named after its expression (a name used twice gets a number: `{name}`, `{name2}`).
      let texts = [e.head.text];
      const used = new Map<string, number>();
      for (const span of e.templateSpans) {
        const x = span.expression;
        let parts: string[];
        if (ts.isConditionalExpression(x) && isPlain(x.whenTrue) && isPlain(x.whenFalse)) {
          parts = [x.whenTrue.text, x.whenFalse.text];
        } else {
          noteTerms(x);
          const base = nameOf(x);
          const n = (used.get(base) ?? 0) + 1;
          used.set(base, n);
          parts = [`{${n > 1 ? `${base}${n}` : base}}`];
        }
        texts = texts.flatMap((t) => parts.map((part) => t + part + span.literal.text));
      }
      return texts;
    }
    if (
      ts.isParenthesizedExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isSatisfiesExpression(e)
    )
      return resolve(e.expression, depth, seen);
    if (ts.isConditionalExpression(e)) return both(e.whenTrue, e.whenFalse, depth, seen);
    if (
      ts.isBinaryExpression(e) &&
      [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
        e.operatorToken.kind,
      )
    )
      return both(e.left, e.right, depth, seen);
    // A table's entry (`VERBS[action][1]`, `NAMES[kind]`): every entry's.
    if (ts.isElementAccessExpression(e)) {
      const index = ts.isNumericLiteral(e.argumentExpression)
        ? Number(e.argumentExpression.text)
        : undefined;
      const table = index === undefined ? e.expression : e.expression;
      const base =
        index !== undefined && ts.isElementAccessExpression(table) ? table.expression : table;
      const decl = ts.isIdentifier(base) ? declarationOf(base) : undefined;
      const init =
        decl && ts.isVariableDeclaration(decl) && decl.initializer
          ? stripAs(decl.initializer)
          : undefined;
      if (!init || !ts.isObjectLiteralExpression(init)) return fail(e);
      const out: string[] = [];
      for (const prop of init.properties) {
        if (!ts.isPropertyAssignment(prop)) continue;
        let value: ts.Expression | undefined = prop.initializer;
        if (index !== undefined && ts.isElementAccessExpression(table))
          value = ts.isArrayLiteralExpression(value) ? value.elements[index] : undefined;
        if (!value) continue;
        const r = resolve(value, depth + 1, seen);
        if (r === null) return null;
        out.push(...r);
      }
      return out;
    }
    // A message made elsewhere, passed on (`error.message`, `verdict.message`).
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'message') return [];
    if (ts.isIdentifier(e)) {
      const decl = declarationOf(e);
      if (!decl) return fail(e);
      if (ts.isVariableDeclaration(decl) && decl.initializer) {
        const initial = resolve(decl.initializer, depth + 1, seen);
        if (initial === null || !ts.isArrayLiteralExpression(decl.initializer)) return initial;
        // A list of messages built up: what is pushed onto it in its scope.
        const out = [...initial];
        const scope = decl.parent.parent.parent;
        let failed = false;
        const visit = (node: ts.Node): void => {
          if (
            ts.isCallExpression(node) &&
            ts.isPropertyAccessExpression(node.expression) &&
            node.expression.name.text === 'push' &&
            declarationOf(node.expression.expression) === decl
          ) {
            for (const arg of node.arguments) {
              const r = resolve(arg, depth + 1, seen);
              if (r === null) failed = true;
              else out.push(...r);
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(scope);
        return failed ? null : out;
      }
      if (ts.isParameter(decl)) {
        const fn = decl.parent;
        const index = fn.parameters.indexOf(decl);
        const calls = callsOf.get(fn) ?? [];
        if (!calls.length && decl.initializer) return resolve(decl.initializer, depth + 1, seen);
        const out: string[] = [];
        for (const call of calls) {
          const arg = call.arguments[index] ?? decl.initializer;
          if (!arg) continue;
          const r = resolve(arg, depth + 1, seen);
          // Looking for words, the calls that pass one count; a message must be followed fully.
          if (r === null) {
            if (quiet) continue;
            return null;
          }
          out.push(...r);
        }
        return out;
      }
      return fail(e);
    }
    if (ts.isCallExpression(e)) {
      // A message translated on its way out is the message.
      if (ts.isIdentifier(e.expression) && e.expression.text === 'translate' && e.arguments[0])
        return resolve(e.arguments[0], depth, seen);
      const decl = declarationOf(e.expression);
      // A function-valued property of a table (`rule.when?.(c)`): the functions its file gives
      // that property.
      if (decl && ts.isPropertySignature(decl)) return resolveProperty(decl, e, depth, seen);
      const fn = decl && functionOf(decl);
      if (!fn || !fn.body) return fail(e);
      const out: string[] = [];
      const returns = ts.isBlock(fn.body) ? returnsOf(fn.body) : [fn.body as ts.Expression];
      for (const r of returns) {
        const t = resolve(r, depth + 1, seen);
        if (t === null) return null;
        out.push(...t);
      }
      return out;
    }
    return fail(e);
  };
  const resolveProperty = (
    signature: ts.PropertySignature,
    call: ts.CallExpression,
    depth: number,
    seen: Set<ts.Node>,
  ): string[] | null => {
    const name = signature.name.getText();
    const out: string[] = [];
    let count = 0;
    const visit = (node: ts.Node): void => {
      if (
        ts.isPropertyAssignment(node) &&
        propName(node) === name &&
        (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
      ) {
        const fn = node.initializer;
        const returns = ts.isBlock(fn.body) ? returnsOf(fn.body) : [fn.body as ts.Expression];
        for (const r of returns) {
          const t = resolve(r, depth + 1, seen);
          if (t !== null) out.push(...t);
        }
        count++;
      }
      ts.forEachChild(node, visit);
    };
    visit(call.getSourceFile());
    return count ? out : fail(call);
  };
  const both = (a: ts.Expression, b: ts.Expression, depth: number, seen: Set<ts.Node>) => {
    const x = resolve(a, depth, seen);
    const y = resolve(b, depth, seen);
    return x && y ? [...x, ...y] : null;
  };
  const fail = (e: ts.Node): null => {
    if (!quiet) unresolved.push(`${where(e)}: ${e.getText().slice(0, 80)}`);
    return null;
  };
  /** The literal words a placeholder's expression can be, when the source names them all. */
  const noteTerms = (x: ts.Expression) => {
    quiet++;
    try {
      const values = resolve(x, 0, new Set());
      if (!values?.length) return;
      for (const v of values) {
        if (v.includes('{')) continue; // a template of its own, found where it is made
        // Codes and argument names (camelCase, snake_case) stay as they are.
        // Argument paths (`filter.gridId`) too.
        if (!/[a-z]/.test(v) || /^([a-z]+([A-Z][A-Za-z]*|(_[a-z]+)+)|[a-z]+\.[A-Za-z.]+)$/.test(v))
          continue;
        const list = terms.get(v) ?? [];
        list.push(where(x));
        terms.set(v, list);
      }
    } finally {
      quiet--;
    }
  };

  const record = (e: ts.Expression | undefined) => {
    if (!e) return;
    // Strings that are not messages: `undefined`, objects (zod's `{ message }` handled below).
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties)
        if (ts.isPropertyAssignment(p) && propName(p) === 'message') record(p.initializer);
      return;
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return;
    if (ts.isArrayLiteralExpression(e)) {
      for (const element of e.elements) record(element);
      return;
    }
    for (const t of resolve(e, 0, new Set()) ?? []) {
      const list = templates.get(t) ?? [];
      list.push(where(e));
      templates.set(t, list);
    }
  };

  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text;
        if (name === 'PublicError') record(node.arguments?.[1]);
        if (name === 'GraphQLError') record(node.arguments?.[0]);
        if (name === 'Open311Error') record(node.arguments?.[1]);
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const text = callee.getText();
        if (text === 'InputError.single' || text === 'PluginInputError.single')
          record(node.arguments[1]);
        if (text === 'requestError') record(node.arguments[2]);
        if (ts.isPropertyAccessExpression(callee) && isZod(callee.expression)) {
          const at = ZOD_MESSAGE_METHODS[callee.name.text];
          if (at !== undefined) {
            const arg = node.arguments[at];
            if (arg && !ts.isNumericLiteral(arg)) record(arg);
          }
        }
      }
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map(
          node.properties.filter(ts.isPropertyAssignment).map((p) => [propName(p), p]),
        );
        const message = props.get('message');
        // A user error's problem or a verdict ({ message, code }), or an error as sent
        // ({ message, extensions }).
        if (message && (props.has('code') || props.has('extensions'))) record(message.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  /** Whether an expression is a zod schema (by its type's declaring module). */
  function isZod(e: ts.Expression): boolean {
    const type = checker.getTypeAtLocation(e);
    const decl = type.getSymbol()?.declarations?.[0];
    return Boolean(decl && /node_modules\/zod\//.test(decl.getSourceFile().fileName));
  }

  return { templates, unresolved, terms };
}

function stripAs(e: ts.Expression): ts.Expression {
  return ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)
    ? stripAs(e.expression)
    : e;
}

function isPlain(e: ts.Expression): e is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e);
}

function propName(p: ts.PropertyAssignment): string | undefined {
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
}

function functionOf(
  decl: ts.Declaration,
): (ts.SignatureDeclaration & { body?: ts.Node }) | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = decl.initializer;
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  if (ts.isPropertyAssignment(decl)) {
    const init = decl.initializer;
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  if (ts.isArrowFunction(decl) || ts.isFunctionExpression(decl)) return decl;
  return undefined;
}

function returnsOf(body: ts.Block): ts.Expression[] {
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    // Nested functions' returns are theirs.
    if (ts.isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

if (require.main === module) {
  const { templates, unresolved, terms } = extractMessages();
  for (const [t, w] of [...templates].sort()) console.log(JSON.stringify(t), w[0]);
  for (const [t, w] of [...terms].sort()) console.log('TERM', JSON.stringify(t), w[0]);
  console.log(`--- ${templates.size} templates; unresolved:`);
  for (const u of unresolved) console.log(u);
}
