import { afterCommit, inTransaction, query } from '../../src/domain/shared/context';
import { systemViewer } from '../../src/domain/shared/viewer';
import { createContext, releaseContext } from '../../src/graphql/context';
import { createLogger } from '../../src/logger';
import { startTestPlatform, type TestPlatform } from '../harness';

/** After-commit callbacks run once the request's transaction has committed, never on rollback. */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

const context = () =>
  createContext({ db: p.appDb, logger: createLogger({ LOG_LEVEL: 'silent' }) }, systemViewer);

it('runs after the commit, when the change is visible to everyone', async () => {
  const ctx = context();
  const seen: number[] = [];
  await inTransaction(ctx, async (tx) => {
    await query(tx, `INSERT INTO district (code, name) VALUES ('999001', '测试区')`);
    afterCommit(tx, async () => {
      const rows = await p.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM district WHERE code = '999001'`,
      );
      seen.push(rows[0]!.n);
    });
    expect(seen).toEqual([]);
  });
  expect(seen).toEqual([1]);
  await releaseContext(ctx);
});

it('never runs when the transaction rolls back', async () => {
  const ctx = context();
  let ran = false;
  await expect(
    inTransaction(ctx, async (tx) => {
      afterCommit(tx, () => {
        ran = true;
      });
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(ran).toBe(false);
  await releaseContext(ctx);
});
