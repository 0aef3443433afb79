/**
 * docs/api.md's examples run here against a real server: its curl command with bash, its GraphQL
 * operations with the variables below. An example added to the page without a way to run it
 * here fails the test, and so does one that stops working or drifts from the typed client's.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import MarkdownIt from 'markdown-it';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');
const page = readFileSync(path.join(root, 'docs/api.md'), 'utf8');
const blocks = new MarkdownIt()
  .parse(page, {})
  .filter((t) => t.type === 'fence')
  // Blocks showing a sample file (`file=`) are the guides' samples, run by samples.test.ts.
  .filter((t) => !/\bfile=/.test(t.info))
  .map((t) => ({ lang: t.info.trim().split(/\s+/)[0]!, text: t.content }));

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ seed: 'demo' });
});
afterAll(() => p.stop());

/** How to run each operation of the page: its caller and variables. */
const operations: Record<
  string,
  () => Promise<{ as: 'admin' | 'anonymous'; variables: Record<string, unknown> }>
> = {
  Login: async () => ({
    as: 'anonymous',
    variables: { username: 'nanjie.admin', password: DEMO_PASSWORD },
  }),
  CreateGrid: async () => {
    const street = await p.gql<any>('{ grid(code: "621002001") { id code street { id } } }');
    const parent = street.body.data.grid;
    return {
      as: 'admin',
      variables: {
        input: {
          streetId: parent.street.id,
          parentId: parent.id,
          code: `${parent.code}901`,
          name: 'api.md 的示例网格',
        },
      },
    };
  },
};

describe('docs/api.md', () => {
  it('has only examples this test runs', () => {
    expect(blocks.map((b) => b.lang).filter((l) => l !== 'sh' && l !== 'graphql')).toEqual([]);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it('the curl example answers data', async () => {
    for (const block of blocks.filter((b) => b.lang === 'sh')) {
      const script = block.text.replaceAll(
        'http://127.0.0.1:4000',
        p.url.replace(/\/graphql$/, ''),
      );
      const { stdout } = await run('bash', ['-c', script], {
        env: { PATH: process.env.PATH, TOKEN: ADMIN_TOKEN },
        timeout: 20_000,
      });
      const answer = JSON.parse(stdout);
      // A block that shows an error says which in its comment: `# {"errors":[{"message":"…", …`.
      const shown = /^# \{"errors":\[\{"message":"((?:[^"\\]|\\.)*)".*"code":"(\w+)"/m.exec(
        block.text,
      );
      if (shown) {
        expect(answer.errors[0].message).toBe(JSON.parse(`"${shown[1]}"`));
        expect(answer.errors[0].extensions.code).toBe(shown[2]);
        continue;
      }
      expect(answer.errors).toBeUndefined();
      expect(answer.data.viewer.role).toBe('PLATFORM_ADMIN');
    }
  });

  const schema = buildSchema(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
  const graphqlBlocks = blocks.filter((b) => b.lang === 'graphql');

  it.each(graphqlBlocks.map((b) => [b.text.split('\n')[0], b.text]))(
    '%s … is valid, and runs without errors',
    async (_first, text) => {
      const document = parse(text);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      const operation = document.definitions[0] as OperationDefinitionNode;
      const name = operation.name?.value;
      if (!name || !operations[name]) {
        throw new Error(`Name the operation and give it a caller and variables in this test`);
      }
      const { as, variables } = await operations[name]();
      const res = await p.gql<any>(text, variables, { as });
      expect(res.body.errors).toBeUndefined();
      const payload = Object.values(res.body.data as Record<string, any>)[0];
      expect(payload.userErrors).toEqual([]);
    },
  );

  it('signs in with the operation the typed client sends (LoginDocument)', () => {
    const login = graphqlBlocks.find((b) => /\blogin\(/.test(b.text));
    expect(login).toBeDefined();
    const operationsFile = parse(
      readFileSync(path.join(root, 'schema/operations/auth.graphql'), 'utf8'),
    );
    const loginOperation = operationsFile.definitions.find(
      (d) => d.kind === 'OperationDefinition' && d.name?.value === 'Login',
    );
    expect(print(parse(login!.text))).toBe(
      print({ kind: 'Document', definitions: [loginOperation!] } as never),
    );
  });
});
