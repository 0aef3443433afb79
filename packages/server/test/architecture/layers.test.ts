import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The layers are held by a lint rule (eslint.config.mjs, run by `npm run lint` in CI): each
 * import that must never exist is refused. Here small files with such imports are put in the
 * parts they would belong to and linted with the project's configuration, once, to show the rule
 * catches each; a file that imports what its part may passes.
 */
const root = path.resolve(__dirname, '../../../..');
const src = 'packages/server/src';

const probes: { name: string; file: string; text: string; refused: RegExp | null }[] = [
  {
    name: 'a service importing the GraphQL toolkit',
    file: `${src}/domain/grid/layer-probe-1.ts`,
    text: "import { toGlobalId } from '../../graphql/relay/global-id';\nexport const p = toGlobalId;\n",
    refused: /know nothing of GraphQL/,
  },
  {
    name: 'a service importing type-graphql',
    file: `${src}/domain/grid/layer-probe-2.ts`,
    text: "import { Field } from 'type-graphql';\nexport const p = Field;\n",
    refused: /know nothing of GraphQL/,
  },
  {
    name: 'the kernel importing an area',
    file: `${src}/domain/shared/layer-probe-3.ts`,
    text: "import { gridService } from '../grid/grid.service';\nexport const p = gridService;\n",
    refused: /the kernel: it knows no area/,
  },
  {
    name: 'the data layer importing the kernel',
    file: `${src}/db/layer-probe-4.ts`,
    text: "import { query } from '../domain/shared/context';\nexport const p = query;\n",
    refused: /the data layer knows no API and no area/,
  },
  {
    name: 'the event stream importing the GraphQL assembly',
    file: `${src}/events/layer-probe-5.ts`,
    text: "import { buildApiSchema } from '../graphql/schema';\nexport const p = buildApiSchema;\n",
    refused: /one event stream serves every consumer/,
  },
  {
    name: 'the toolkit importing an area',
    file: `${src}/graphql/relay/layer-probe-6.ts`,
    text: "import { gridService } from '../../domain/grid/grid.service';\nexport const p = gridService;\n",
    refused: /the toolkit knows no area/,
  },
  {
    name: 'a resolver (the GraphQL face of an area) importing the toolkit',
    file: `${src}/domain/grid/layer-probe-7.resolver.ts`,
    text: "import { toGlobalId } from '../../graphql/relay/global-id';\nexport const p = toGlobalId;\n",
    refused: null,
  },
  {
    name: "a resolver importing the server's assembly (the planner)",
    file: `${src}/domain/grid/layer-probe-9.resolver.ts`,
    text: "import { DirectReads } from '../../graphql/direct/read';\nexport const p = DirectReads;\n",
    refused: /never the server assembly/,
  },
  {
    name: 'a service importing the kernel',
    file: `${src}/domain/grid/layer-probe-8.ts`,
    text: "import { query } from '../shared/context';\nexport const p = query;\n",
    refused: null,
  },
];

let output = '';
beforeAll(() => {
  try {
    for (const p of probes) writeFileSync(path.join(root, p.file), p.text);
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/eslint/bin/eslint.js'), ...probes.map((p) => p.file)],
      { cwd: root, encoding: 'utf8' },
    );
    output = run.stdout + run.stderr;
  } finally {
    for (const p of probes) rmSync(path.join(root, p.file), { force: true });
  }
}, 120_000);

/** What ESLint said of one file (stylish output: the path, then its messages). */
function reportOf(file: string): string {
  const at = output.indexOf(path.join(root, file));
  if (at < 0) return '';
  const rest = output.slice(at).split('\n\n')[0]!;
  return rest;
}

describe('the layers, held by a lint rule', () => {
  it.each(probes.map((p) => [p.name, p] as const))('%s', (_, probe) => {
    const report = reportOf(probe.file);
    if (probe.refused) expect(report).toMatch(probe.refused);
    else expect(report).toBe('');
  });
});
