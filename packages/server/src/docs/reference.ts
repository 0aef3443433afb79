/**
 * The API reference, written as Markdown from the committed contract (`schema/schema.graphql`):
 * every type, field, argument, input field, enum value and directive with its description, its
 * type, its deprecation and whether it holds personal data (`@personalData`, which the printed
 * contract carries). `npm run docs` writes these pages to `docs/reference/`; the server renders
 * them with the guides at `/docs`.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  print,
  type ConstDirectiveNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** The reference's pages: file name in `docs/reference/` → Markdown. */
export type ReferencePages = Map<string, string>;

type Page = 'query' | 'mutation' | 'subscription' | 'objects' | 'inputs' | 'enums' | 'scalars';

const PAGE_TITLES: Record<Page, string> = {
  query: 'Queries',
  mutation: 'Mutations',
  subscription: 'Subscriptions',
  objects: 'Objects, interfaces and unions',
  inputs: 'Input objects',
  enums: 'Enums',
  scalars: 'Scalars and directives',
};

/** GitHub's anchor for a heading: what links to a type use, on GitHub and at `/docs` alike. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function pageOf(type: GraphQLNamedType): Page {
  if (isObjectType(type) || isInterfaceType(type) || isUnionType(type)) return 'objects';
  if (isInputObjectType(type)) return 'inputs';
  if (isEnumType(type)) return 'enums';
  return 'scalars';
}

/** `[`Grid!`](objects.md#grid)`: the type as written in SDL, linked to its named type. */
function typeRef(type: GraphQLType): string {
  const named = getNamedType(type);
  return `[\`${String(type)}\`](${pageOf(named)}.md#${slug(named.name)})`;
}

/** A description as Markdown, indented to continue a list item. */
function text(description: string | null | undefined, indent = ''): string {
  if (!description?.trim()) return '';
  return description
    .trim()
    .split('\n')
    .map((line, i) => (i === 0 || !line.trim() ? line : indent + line))
    .join('\n');
}

function personalData(field: GraphQLField<unknown, unknown>): string | undefined {
  const directive = field.astNode?.directives?.find(
    (d: ConstDirectiveNode) => d.name.value === 'personalData',
  );
  if (!directive) return undefined;
  const kind = directive.arguments?.find((a) => a.name.value === 'kind');
  return kind ? print(kind.value) : 'yes';
}

function deprecation(reason: string | null | undefined): string {
  return reason != null ? ` **Deprecated:** ${reason.replace(/\s+/g, ' ')}` : '';
}

/** One argument or input field, as a list item at `indent`. */
function inputValue(value: GraphQLArgument | GraphQLInputField, indent: string): string {
  const defaultValue =
    value.astNode?.defaultValue !== undefined ? ` = \`${print(value.astNode.defaultValue)}\`` : '';
  const description = text(value.description, `${indent}  `);
  return (
    `${indent}- \`${value.name}\`: ${typeRef(value.type)}${defaultValue}` +
    (description ? ` — ${description}` : '') +
    deprecation(value.deprecationReason)
  );
}

/** One field of an object or interface, as a list item with its arguments nested under it. */
function field(f: GraphQLField<unknown, unknown>): string {
  const kind = personalData(f);
  const lines = [
    `- **\`${f.name}\`**: ${typeRef(f.type)}` +
      (f.description ? ` — ${text(f.description, '  ')}` : '') +
      (kind
        ? ` **Personal data** (\`${kind}\`): masked unless your role needs it; full reads are audited.`
        : '') +
      deprecation(f.deprecationReason),
  ];
  if (f.args.length) {
    lines.push('', '  Arguments:', '');
    for (const arg of f.args) lines.push(inputValue(arg, '  '));
  }
  return lines.join('\n');
}

/** A root field (query, mutation, subscription): a section of its own. */
function rootField(f: GraphQLField<unknown, unknown>): string {
  const kind = personalData(f);
  const parts = [`### ${f.name}`];
  if (f.description) parts.push(text(f.description));
  if (f.deprecationReason != null) parts.push(deprecation(f.deprecationReason).trim());
  if (kind) parts.push(`**Personal data** (\`${kind}\`).`);
  parts.push(`Returns ${typeRef(f.type)}.`);
  if (f.args.length)
    parts.push(['Arguments:', '', ...f.args.map((a) => inputValue(a, ''))].join('\n'));
  return parts.join('\n\n');
}

function typeSection(type: GraphQLNamedType): string {
  const parts = [`### ${type.name}`];
  if (type.description) parts.push(text(type.description));
  if (isObjectType(type) || isInterfaceType(type)) {
    const interfaces = type.getInterfaces();
    if (interfaces.length) parts.push(`Implements ${interfaces.map(typeRef).join(', ')}.`);
    parts.push(Object.values(type.getFields()).map(field).join('\n'));
  } else if (isUnionType(type)) {
    parts.push(`One of ${type.getTypes().map(typeRef).join(', ')}.`);
  } else if (isInputObjectType(type)) {
    if (type.isOneOf) parts.push('Give exactly one of these fields (`@oneOf`).');
    parts.push(
      Object.values(type.getFields())
        .map((f) => inputValue(f, ''))
        .join('\n'),
    );
  } else if (isEnumType(type)) {
    parts.push(
      type
        .getValues()
        .map(
          (v) =>
            `- \`${v.name}\`` +
            (v.description ? ` — ${text(v.description, '  ')}` : '') +
            deprecation(v.deprecationReason),
        )
        .join('\n'),
    );
  } else if (isScalarType(type) && type.specifiedByURL) {
    parts.push(`Specified by <${type.specifiedByURL}>.`);
  }
  return parts.join('\n\n');
}

/** The types of the reference, by page, sorted by name; the root types are pages of their own. */
function typesByPage(schema: GraphQLSchema): Map<Page, GraphQLNamedType[]> {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
      (t) => t != null,
    ),
  );
  const pages = new Map<Page, GraphQLNamedType[]>();
  const names = Object.keys(schema.getTypeMap()).sort();
  for (const name of names) {
    const type = schema.getType(name)!;
    if (name.startsWith('__') || roots.has(type as never)) continue;
    const page = pageOf(type);
    pages.set(page, [...(pages.get(page) ?? []), type]);
  }
  return pages;
}

const GENERATED =
  '<!-- Generated from schema/schema.graphql by `npm run docs`; do not edit by hand. -->';

function header(title: string, intro: string): string {
  return `${GENERATED}\n\n# ${title}\n\n${intro}`;
}

/** Every page of the reference, from the contract. */
export function referencePages(schema: GraphQLSchema): ReferencePages {
  const pages: ReferencePages = new Map();
  const index: string[] = [
    header(
      'API reference',
      'Every type, field, argument, input field, enum value and directive of the public ' +
        'contract (`schema/schema.graphql`: the core and the bundled plugins), with its ' +
        'description. The guides explain how to use them: [guides](../guides/README.md).',
    ),
  ];

  const roots: [Page, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  index.push('## Operations');
  const operationLinks: string[] = [];
  for (const [page, type] of roots) {
    if (!type) continue;
    const fields = Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name));
    pages.set(
      `${page}.md`,
      [
        header(PAGE_TITLES[page], text(type.description)),
        ...fields.map((f) => rootField(f as GraphQLField<unknown, unknown>)),
      ].join('\n\n'),
    );
    operationLinks.push(`- [${PAGE_TITLES[page]}](${page}.md) (${fields.length})`);
  }
  index.push(operationLinks.join('\n'));

  const byPage = typesByPage(schema);
  index.push('## Types');
  const typeLinks: string[] = [];
  for (const page of ['objects', 'inputs', 'enums', 'scalars'] as const) {
    const types = byPage.get(page) ?? [];
    const sections = types.map(typeSection);
    if (page === 'scalars') sections.push(directivesSection(schema));
    pages.set(`${page}.md`, [header(PAGE_TITLES[page], ''), ...sections].join('\n\n'));
    typeLinks.push(`- [${PAGE_TITLES[page]}](${page}.md) (${types.length})`);
  }
  index.push(typeLinks.join('\n'));

  index.push(
    '## Personal data',
    'These fields hold personal information (`@personalData`): callers whose role does not ' +
      'need it get a masked value, and full reads are written to the audit log ' +
      '([security](../security.md#personal-data)).',
    personalDataList(schema),
  );
  const deprecated = deprecatedList(schema);
  index.push('## Deprecated', deprecated.length ? deprecated.join('\n') : 'Nothing is deprecated.');
  pages.set('README.md', index.join('\n\n'));
  for (const [name, markdown] of pages) pages.set(name, `${markdown.trim()}\n`);
  return pages;
}

function directivesSection(schema: GraphQLSchema): string {
  const parts = ['## Directives'];
  for (const directive of [...schema.getDirectives()].sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    parts.push(`### @${directive.name}`);
    if (directive.description) parts.push(text(directive.description));
    parts.push(`On ${directive.locations.map((l) => `\`${l}\``).join(', ')}.`);
    if (directive.args.length) {
      parts.push(['Arguments:', '', ...directive.args.map((a) => inputValue(a, ''))].join('\n'));
    }
  }
  return parts.join('\n\n');
}

/** Where a field of `type` is documented. */
function fieldLink(type: GraphQLNamedType, fieldName: string): string {
  const roots: Record<string, Page> = {
    Query: 'query',
    Mutation: 'mutation',
    Subscription: 'subscription',
  };
  const root = roots[type.name];
  return root
    ? `[\`${type.name}.${fieldName}\`](${root}.md#${slug(fieldName)})`
    : `[\`${type.name}.${fieldName}\`](${pageOf(type)}.md#${slug(type.name)})`;
}

function personalDataList(schema: GraphQLSchema): string {
  const lines: string[] = [];
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const f of Object.values(type.getFields())) {
      const kind = personalData(f as GraphQLField<unknown, unknown>);
      if (kind) lines.push(`- ${fieldLink(type, f.name)} (\`${kind}\`)`);
    }
  }
  return lines.join('\n') || 'No field is marked as personal data.';
}

function deprecatedList(schema: GraphQLSchema): string[] {
  const lines: string[] = [];
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const f of Object.values(type.getFields())) {
        if (f.deprecationReason != null)
          lines.push(`- ${fieldLink(type, f.name)}: ${f.deprecationReason}`);
        for (const a of f.args) {
          if (a.deprecationReason != null) {
            lines.push(
              `- ${fieldLink(type, f.name)}, argument \`${a.name}\`: ${a.deprecationReason}`,
            );
          }
        }
      }
    } else if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        if (f.deprecationReason != null)
          lines.push(`- ${fieldLink(type, f.name)}: ${f.deprecationReason}`);
      }
    } else if (isEnumType(type)) {
      for (const v of type.getValues()) {
        if (v.deprecationReason != null)
          lines.push(`- ${fieldLink(type, v.name)}: ${v.deprecationReason}`);
      }
    }
  }
  return lines;
}
