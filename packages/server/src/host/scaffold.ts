import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_VERSION } from './plugin';

/**
 * `lianxin plugin new <name>`: a plugin package that works and is tested — one table, one type
 * with a field on `Grid`, a query, a mutation, an event — to grow from. Its test starts a real
 * platform with the testkit.
 */
export function scaffoldPlugin(name: string, dir?: string): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 40) {
    throw new Error(
      `"${name}" is not a plugin name: lower case letters and digits, words joined by dashes (e.g. street-notices)`,
    );
  }
  const target = path.resolve(dir ?? path.join('packages', 'plugins', name));
  if (existsSync(target)) throw new Error(`${target} exists already: choose another name or --dir`);
  const area = name.replace(/-/g, '_');
  const sdkRange = `^${PLATFORM_VERSION}`;
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: `lianxin-plugin-${name}`,
        version: '0.1.0',
        description: `Lianxin plugin ${name}`,
        private: true,
        type: 'commonjs',
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
        files: ['dist'],
        scripts: { build: 'tsc -p .', test: 'jest' },
        dependencies: { '@lianxin/sdk': sdkRange, zod: '^4.6.7' },
        devDependencies: { '@lianxin/server': sdkRange },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          declaration: true,
          skipLibCheck: true,
          rootDir: 'src',
          outDir: 'dist',
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
    'jest.config.js': `/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\\\.ts$': ['@swc/jest'] },
  testTimeout: 120000,
};
`,
    'README.md': `# ${name}

A Lianxin plugin. See the platform's docs/plugins.md for the tutorial and the reference.

- \`src/index.ts\`: the definition (manifest, migrations, schema, resolvers, events).
- \`test/${name}.test.ts\`: starts a real platform with the plugin (\`@lianxin/sdk/testing\`).

Run the test: \`npx jest\` (a PostgreSQL at DATABASE_URL, or an embedded one started for it).
`,
    'src/index.ts': `import { connectionArgs, connectionTypes, definePlugin, PluginInputError } from '@lianxin/sdk';
import { z } from 'zod';

/** A street's configuration of this plugin. */
const config = z.object({ maxLength: z.number().int().min(10).max(2000).default(500) }).strict();

/** Notes posted on a grid: a starting point. */
export default definePlugin<z.output<typeof config>>({
  manifest: {
    name: '${name}',
    version: '0.1.0',
    platform: '${sdkRange}',
    displayName: { zh: '${name}', en: '${name}' },
    description: 'Notes posted on a grid.',
    capabilities: ['grids:read'],
  },
  config,
  migrations: [
    {
      name: '001-notes',
      up: \`
        CREATE TABLE note (
          id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          street_id  bigint NOT NULL REFERENCES public.street (id),
          grid_id    bigint NOT NULL REFERENCES public.grid (id),
          body       text NOT NULL,
          posted_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX note_grid_idx ON note (grid_id, posted_at);\`,
    },
  ],
  events: {
    '${area}.note_posted': {
      subject: 'Note',
      description: 'A note was posted on a grid.',
      payload: z.object({ gridId: z.string() }).strict(),
    },
  },
  graphql: {
    typeDefs: \`
      """A note posted on a grid."""
      type Note implements Node {
        """Globally unique, opaque ID."""
        id: ID!
        """What it says."""
        body: String!
        """When it was posted."""
        postedAt: DateTime!
      }
      \${connectionTypes('Note', 'notes', { POSTED_AT: 'When it was posted.' })}
      """The result of posting a note."""
      type PostNotePayload {
        """The note; null when it failed."""
        note: Note
        """Problems with the input; empty on success."""
        userErrors: [UserError!]!
      }
      extend type Grid {
        """Notes posted on this grid, newest first."""
        notes\${connectionArgs('Note')}: NoteConnection
      }
      extend type Mutation {
        """Posts a note on a grid."""
        postNote(
          """The grid."""
          gridId: ID!
          """What it says."""
          body: String!
        ): PostNotePayload
      }
    \`,
    resolvers: {
      Mutation: {
        async postNote(_parent, args, ctx) {
          const gridId = ctx.ids.rowId(String(args.gridId), 'Grid', 'gridId');
          const grid = await ctx.core.grids.get(gridId);
          if (!grid) throw PluginInputError.single(['gridId'], 'No grid has this ID.', 'NOT_FOUND');
          const streetId = ctx.street(grid.streetId);
          const body = String(args.body).trim();
          if (!body || body.length > ctx.config(streetId).maxLength) {
            throw PluginInputError.single(['body'], \`Between 1 and \${ctx.config(streetId).maxLength} characters.\`, 'INVALID');
          }
          const [row] = await ctx.db.query<{ id: string }>(
            'INSERT INTO note (street_id, grid_id, body) VALUES ($1, $2, $3) RETURNING id::text AS id',
            [streetId, gridId, body],
          );
          await ctx.emit('${area}.note_posted', { streetId, subjectId: row!.id, payload: { gridId } });
          return { note: await ctx.load('Note', row!.id), userErrors: [] };
        },
      },
    },
    readModels: {
      Note: {
        table: 'note',
        fields: { body: 'body', postedAt: { column: 'posted_at', kind: 'timestamp' } },
        orders: { POSTED_AT: { column: 'posted_at', type: 'timestamptz' } },
        readableBy: 'street',
      },
    },
    relations: [
      {
        on: 'Grid',
        field: 'notes',
        kind: 'connection',
        model: 'Note',
        connectionType: 'NoteConnection',
        foreignKey: 'grid_id',
        defaultOrder: 'POSTED_AT',
        defaultDescending: true,
      },
    ],
  },
});
`,
    [`test/${name}.test.ts`]: `import { createTestPlatform, type TestPlatform } from '@lianxin/sdk/testing';
import plugin from '../src';

const STREET = '621002001'; // 南街街道, a demo street
const OTHER = '360502001'; // 城北街道

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [plugin] });
  await platform.enable('${name}', STREET, { maxLength: 100 });
});
afterAll(() => platform?.stop());

it('posts a note on a grid and lists it there', async () => {
  const worker = await platform.as('STREET_ADMIN', STREET);
  const gridId = await platform.grid(STREET);
  const posted = await worker.data<any>(
    'mutation ($g: ID!) { postNote(gridId: $g, body: "楼道灯已修好") { note { id body } userErrors { message } } }',
    { g: gridId },
  );
  expect(posted.postNote.userErrors).toEqual([]);
  const read = await worker.data<any>('query ($g: ID!) { node(id: $g) { ... on Grid { notes { nodes { body } } } } }', { g: gridId });
  expect(read.node.notes.nodes).toEqual([{ body: '楼道灯已修好' }]);
});

it('refuses a note longer than the street allows, writing nothing', async () => {
  const admin = await platform.as('STREET_ADMIN', STREET);
  const gridId = await platform.grid(STREET);
  const res = await admin.data<any>(
    'mutation ($g: ID!, $b: String!) { postNote(gridId: $g, body: $b) { note { id } userErrors { field code } } }',
    { g: gridId, b: 'x'.repeat(101) },
  );
  expect(res.postNote).toEqual({ note: null, userErrors: [{ field: ['body'], code: 'INVALID' }] });
});

it('answers PLUGIN_DISABLED in a street where it is not enabled', async () => {
  const admin = await platform.as('STREET_ADMIN', OTHER);
  const res = await admin.request<any>('mutation ($g: ID!) { postNote(gridId: $g, body: "x") { note { id } } }', {
    g: await platform.grid(OTHER),
  });
  expect(res.errors?.[0]?.extensions?.code).toBe('PLUGIN_DISABLED');
});
`,
  };
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(target, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return target;
}
