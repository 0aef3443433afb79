import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let s: StreetActors;
let keyWithout: string;
let keyWith: string;

beforeAll(async () => {
  p = await startTestPlatform();
  s = await streetActors(p, '621002001');
  const key = async (scopes: string[]) =>
    (
      await p.gql<any>(
        `mutation($s: ID!, $scopes: [String!]!) { createApiKey(input: { streetId: $s, name: "k", scopes: $scopes }) { secret } }`,
        { s: gid('Street', s.streetId), scopes },
      )
    ).body.data.createApiKey.secret;
  keyWithout = await key(['person:read']);
  keyWith = await key(['person:read', 'personal-data:read']);
});
afterAll(() => p.stop());

const read = `query($id: ID!) { node(id: $id) { ... on Person { name phone } } }`;
const audits = async () =>
  p.db.query<{ actor_kind: string; actor_role: string; subject_id: string; fields: string[] }>(
    `SELECT actor_kind, actor_role, subject_id, fields FROM audit_log
     WHERE action = 'personal_data.read' ORDER BY id`,
  );

describe('personal data', () => {
  it('is masked for a caller whose role does not need it, and nothing is audited', async () => {
    const before = (await audits()).length;
    const res = await p.gql<any>(
      read,
      { id: gid('Person', s.ids.resident) },
      { as: { token: keyWithout } },
    );
    expect(res.body.data.node).toEqual({ name: '621002001 居民', phone: '138****0001' });
    expect((await audits()).length).toBe(before);
  });

  it('is shown in full to a role that needs it, and each full read is audited with who and what', async () => {
    const before = (await audits()).length;
    for (const token of [s.tokens.STREET_ADMIN, keyWith]) {
      const res = await p.gql<any>(read, { id: gid('Person', s.ids.resident) }, { as: { token } });
      expect(res.body.data.node.phone).toBe('13800000001');
    }
    const rows = (await audits()).slice(before);
    expect(rows).toEqual([
      {
        actor_kind: 'user',
        actor_role: 'STREET_ADMIN',
        subject_id: s.ids.resident,
        fields: ['PHONE'],
      },
      {
        actor_kind: 'api-key',
        actor_role: 'INTEGRATION',
        subject_id: s.ids.resident,
        fields: ['PHONE'],
      },
    ]);
  });

  it('is shown to the person themselves without an audit entry', async () => {
    const before = (await audits()).length;
    const res = await p.gql<any>(
      read,
      { id: gid('Person', s.ids.resident) },
      { as: { token: s.tokens.RESIDENT } },
    );
    expect(res.body.data.node.phone).toBe('13800000001');
    expect((await audits()).length).toBe(before);
  });

  it('records when an API key was last used', async () => {
    const keys = async () =>
      (await p.gql<any>(`{ apiKeys { prefix lastUsedAt } }`)).body.data.apiKeys;
    const prefix = keyWithout.split('_')[1];
    let used: string | null = null;
    for (let i = 0; i < 20 && !used; i++) {
      used = (await keys()).find((k: any) => k.prefix === prefix)?.lastUsedAt ?? null;
      if (!used) await new Promise((r) => setTimeout(r, 50));
    }
    expect(used).toEqual(expect.any(String));
    expect(Date.now() - new Date(used!).getTime()).toBeLessThan(60_000);
  });
});
