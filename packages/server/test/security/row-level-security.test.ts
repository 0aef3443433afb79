import { Session } from '../../src/db/session';
import { gridService } from '../../src/domain/grid/grid.service';
import { personService } from '../../src/domain/person/person.service';
import { inTransaction, type Context } from '../../src/domain/shared/context';
import { createLogger } from '../../src/logger';
import { streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let nanjie: StreetActors;
let xigu: StreetActors;
beforeAll(async () => {
  p = await startTestPlatform();
  nanjie = await streetActors(p, '621002001');
  xigu = await streetActors(p, '620104001');
});
afterAll(() => p.stop());

describe('row-level security', () => {
  it('the server connects as a role without BYPASSRLS that does not own the tables', async () => {
    const [role] = await p.appDb.query<any>(
      `SELECT current_user AS "user", r.rolbypassrls AS bypass, r.rolsuper AS super,
              (SELECT tableowner FROM pg_tables WHERE tablename = 'person') AS owner
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toMatchObject({ user: 'lianxin_app', bypass: false, super: false });
    expect(role.owner).not.toBe('lianxin_app');
  });

  it('a statement on the server pool sees no tenant rows unless the street setting allows them', async () => {
    const client = await p.appDb.pool.connect();
    try {
      const count = async () =>
        (await client.query(`SELECT count(*)::int AS n FROM person`)).rows[0].n;
      expect(await count()).toBe(0); // no setting: nothing, never "all streets"
      await client.query(`SELECT set_config('lianxin.street_ids', $1, false)`, [nanjie.streetId]);
      const own = (await client.query(`SELECT DISTINCT street_id::text AS s FROM person`)).rows.map(
        (r) => r.s,
      );
      expect(own).toEqual([nanjie.streetId]);
      // Writing a row of another street is refused by the policy's WITH CHECK.
      await expect(
        client.query(`INSERT INTO person (street_id, name) VALUES ($1, 'x')`, [xigu.streetId]),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.query(`SELECT set_config('lianxin.street_ids', '', false)`);
      client.release();
    }
  });

  /**
   * A context whose viewer the services believe reaches every street (as if a resolver bug skipped
   * the checks), while the database session carries the real caller's single street.
   */
  function bypassedContext(streetId: string): Context {
    return {
      requestId: 'rls-test',
      viewer: { kind: 'user', id: 'x', role: 'PLATFORM_ADMIN', streetIds: 'all' },
      db: p.appDb,
      session: new Session(p.appDb, streetId),
      logger: createLogger({ LOG_LEVEL: 'silent' }),
      loaders: new Map(),
    };
  }

  it('stops a cross-street read even when the service checks are bypassed', async () => {
    const ctx = bypassedContext(nanjie.streetId);
    try {
      const people = await personService.list(
        ctx,
        { includeArchived: true },
        { field: 'NAME', descending: false },
        { first: 100 },
      );
      expect(people.items.length).toBeGreaterThan(0);
      expect(new Set(people.items.map((i) => i.node.streetId))).toEqual(new Set([nanjie.streetId]));
      const grids = await gridService.list(
        ctx,
        {},
        { field: 'CODE', descending: false },
        { first: 100 },
      );
      expect(grids.items.every((i) => i.node.code.startsWith('621002001'))).toBe(true);
      expect(await personService.get(ctx, xigu.ids.resident)).toBeNull();
      expect(await personService.count(ctx, {})).toBe(people.items.length);
    } finally {
      await ctx.session.release();
    }
  });

  it('stops a cross-street write even when the service checks are bypassed', async () => {
    const ctx = bypassedContext(nanjie.streetId);
    await expect(
      inTransaction(ctx, (tx) => personService.create(tx, xigu.streetId, { name: '越界' })),
    ).rejects.toThrow();
    const [row] = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM person WHERE name = '越界'`,
    );
    expect(row!.n).toBe(0);
  });
});
