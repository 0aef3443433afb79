import type { CodegenConfig } from '@graphql-codegen/cli';

// The typed client of @lianxin/sdk, from the public contract and the operations in
// schema/operations. `npm run codegen`; a test fails when the committed output is stale.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'schema/operations/*.graphql',
  generates: {
    'packages/sdk/src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        documentMode: 'string',
        // Each document is marked pure, so a bundler keeps only the ones a page imports.
        pureMagicComment: true,
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', LocalDate: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
