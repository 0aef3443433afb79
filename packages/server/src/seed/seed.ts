import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { inTransaction } from '../domain/shared/context';
import { systemViewer } from '../domain/shared/viewer';
import { streetService } from '../domain/street/street.service';
import { createContext } from '../graphql/context';
import type { Logger } from '../logger';
import { demoDistricts, demoStreets } from './demo-streets';

export interface SeedResult {
  streetsCreated: string[];
}

/**
 * Loads the demo data through the services, as the system. Idempotent: a street that already
 * exists (by code) is left alone, so it is safe to run on every start and after a partial run.
 */
export async function seedDemo(db: Database, logger: Logger): Promise<SeedResult> {
  const ctx = createContext({ db, logger }, systemViewer, `seed-${randomUUID()}`);
  const created: string[] = [];
  try {
    await inTransaction(ctx, async (tx) => {
      for (const d of demoDistricts) {
        await tx.tx!.manager.query(
          `INSERT INTO district (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`,
          [d.code, d.name],
        );
      }
    });
    for (const s of demoStreets) {
      if (await streetService.byCode(ctx, s.code)) continue;
      await inTransaction(ctx, async (tx) => {
        await streetService.create(tx, {
          code: s.code,
          name: s.name,
          districtCode: s.districtCode,
        });
      });
      created.push(s.code);
    }
  } finally {
    await ctx.session.end();
  }
  if (created.length) logger.info({ streets: created }, 'demo data loaded');
  return { streetsCreated: created };
}
