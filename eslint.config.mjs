import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The layers of the server (docs/architecture.md, ../shared/house.json): which part may import
 * which. A file belongs to the first part whose folder holds it.
 */
const parts = [
  // The GraphQL toolkit the areas build with: Relay helpers, read models, loaders, scalars.
  { type: 'toolkit', pattern: 'packages/server/src/graphql/relay', partialMatch: false },
  // The server's assembly: schema, transport, limits, the planner. No area imports it.
  { type: 'assembly', pattern: 'packages/server/src/graphql', partialMatch: false },
  { type: 'kernel', pattern: 'packages/server/src/domain/shared', partialMatch: false },
  { type: 'area', pattern: 'packages/server/src/domain/*', partialMatch: false },
  { type: 'events', pattern: 'packages/server/src/events', partialMatch: false },
  { type: 'db', pattern: 'packages/server/src/db', partialMatch: false },
  { type: 'seed', pattern: 'packages/server/src/seed', partialMatch: false },
  { type: 'server', pattern: 'packages/server/src', partialMatch: false },
  { type: 'sdk', pattern: 'packages/sdk/src', partialMatch: false },
];
const files = [
  // Logging and configuration types: every part may use them.
  { category: 'base', pattern: 'packages/server/src/{logger,config}.ts' },
  // The GraphQL face of an area: its types, inputs, resolvers, read models and module file.
  {
    category: 'graphql',
    pattern: 'packages/server/src/domain/*/{*.type,*.input,*.resolver,*.model,index}.ts',
  },
];

const graphqlFace = { file: { categories: 'graphql' } };
const to = (...types) => [
  ...types.filter((t) => t !== 'server').map((type) => ({ element: { type } })),
  // The server's own files, but for logging and configuration.
  ...(types.includes('server')
    ? [{ element: { type: 'server' }, file: { categories: { noneOf: ['base'] } } }]
    : []),
];
/** Arrows that must never exist, with why. */
const never = [
  {
    from: { element: { type: 'kernel' } },
    to: to('area', 'assembly', 'toolkit', 'server', 'seed'),
    message: 'domain/shared is the kernel: it knows no area and no transport',
  },
  {
    from: { element: { type: 'area' } },
    to: [
      ...to('assembly', 'toolkit', 'server', 'seed'),
      { element: { type: 'area' }, ...graphqlFace },
    ],
    message:
      'services, rules and entities know nothing of GraphQL: only x.type.ts, x.input.ts, x.resolver.ts and x.model.ts do, through the toolkit (graphql/relay), never the server assembly',
  },
  {
    from: { element: { type: 'toolkit' } },
    to: to('area', 'server', 'seed'),
    message: 'the toolkit knows no area',
  },
  {
    from: { element: { type: 'db' } },
    to: to('kernel', 'area', 'assembly', 'toolkit', 'events', 'server', 'seed'),
    message: 'the data layer knows no API and no area',
  },
  {
    from: { element: { type: 'events' } },
    to: to('area', 'assembly', 'toolkit', 'server', 'seed'),
    message: 'one event stream serves every consumer: it knows no API and no area',
  },
];
const GRAPHQL_LIBRARIES = ['graphql', 'graphql/*', 'type-graphql', 'graphql-*', '@apollo/*'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      '.data/**',
      'bench/results/**',
      '**/generated/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: [
      'packages/*/src/**/*.ts',
      'packages/plugins/*/src/**/*.ts',
      // The case board's page, checked with its own tsconfig (DOM, bundler resolution).
      'packages/server/board-app/**/*.ts',
    ],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': parts,
      'boundaries/files': files,
      'boundaries/include': ['packages/*/src/**/*.ts'],
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            ...never.map(({ from, to, message }) => ({ from, disallow: { to }, message })),
            // The GraphQL face of an area may use the toolkit (not the assembly), as the last
            // rule that matches decides.
            {
              from: { element: { type: 'area' }, ...graphqlFace },
              allow: {
                to: [...to('toolkit'), { element: { type: 'area' } }],
              },
            },
          ],
        },
      ],
    },
  },
  {
    // GraphQL libraries are for the assembly and the GraphQL face of areas only.
    files: [
      'packages/server/src/domain/**/*.ts',
      'packages/server/src/events/**/*.ts',
      'packages/server/src/db/**/*.ts',
    ],
    ignores: ['packages/server/src/domain/*/{*.type,*.input,*.resolver,*.model,index}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: GRAPHQL_LIBRARIES,
              message:
                'services, rules, entities, the kernel, events and the data layer know nothing of GraphQL',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.mjs', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
