import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { calendarService } from '../domain/calendar/calendar.service';
import { districtService } from '../domain/district/district.service';
import { gridService } from '../domain/grid/grid.service';
import { inTransaction } from '../domain/shared/context';
import { systemViewer } from '../domain/shared/viewer';
import { streetService, type StreetRecord } from '../domain/street/street.service';
import { createContext } from '../graphql/context';
import type { Logger } from '../logger';
import { demoDistricts, demoStreets, type DemoStreet } from './demo-streets';
import { loadCases } from './demo-cases';
import { DemoKit } from './kit';
import { loadChengbei } from './streets/chengbei';
import { loadChengdonglu } from './streets/chengdonglu';
import { loadNanjie } from './streets/nanjie';
import { loadShazitang } from './streets/shazitang';
import { loadShibalihe } from './streets/shibalihe';
import { loadXigucheng } from './streets/xigucheng';
import { HOLIDAYS_2026 } from './work-calendar-2026';

export interface SeedResult {
  streetsCreated: string[];
  /** Codes of the streets whose demo content (grids, organizations, people …) was loaded now. */
  contentLoaded: string[];
  /** Codes of the districts whose 2026 holidays and make-up working days were listed now. */
  calendarsLoaded: string[];
  /** Codes of the streets whose demo cases were reported and handled now. */
  casesLoaded: string[];
}

/** Each street's demo content, by `DemoStreet.key`. */
const content: Record<string, (kit: DemoKit) => Promise<void>> = {
  nanjie: loadNanjie,
  chengbei: loadChengbei,
  chengdonglu: loadChengdonglu,
  shibalihe: loadShibalihe,
  xigucheng: loadXigucheng,
  shazitang: loadShazitang,
};

/** Generated people of street `i` are numbered from `i * PEOPLE_PER_STREET`. */
const PEOPLE_PER_STREET = 1000;

/**
 * Loads the demo data (docs/demo-data.md) through the services, as the system, so every row is
 * validated and records its domain event. Idempotent: each street is created if missing, then
 * filled in one transaction unless its street-level grid exists (the mark of a filled street).
 * A partial or repeated run is therefore safe: it completes what is missing and changes nothing
 * else. Each demo district's calendar gets the 2026 holidays unless it lists a day of 2026. Then
 * each street without a case gets its demo cases, in one transaction per street.
 */
export function seedDemo(db: Database, logger: Logger): Promise<SeedResult> {
  return seed(db, logger, true);
}

/**
 * Only the districts and the six streets, without their content: for a deployment or a test
 * that wants the tenants but brings its own grids and organizations.
 */
export function seedDemoStreets(db: Database, logger: Logger): Promise<SeedResult> {
  return seed(db, logger, false);
}

/**
 * Streets filled at once, each in its own transaction on its own connection. Streets share no
 * rows, so they cannot wait on each other; a few at a time leave pool connections for the rest.
 */
const PARALLEL_STREETS = 3;
const CASE_PARALLEL_STREETS = 6;

async function seed(db: Database, logger: Logger, withContent: boolean): Promise<SeedResult> {
  const started = Date.now();
  const ctx = createContext({ db, logger }, systemViewer, { requestId: `seed-${randomUUID()}` });
  const streets: StreetRecord[] = [];
  const result: SeedResult = {
    streetsCreated: [],
    contentLoaded: [],
    calendarsLoaded: [],
    casesLoaded: [],
  };
  try {
    await inTransaction(ctx, async (tx) => {
      for (const d of demoDistricts) {
        await tx.tx!.manager.query(
          `INSERT INTO district (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`,
          [d.code, d.name],
        );
      }
    });
    // The streets one by one, in code order, so their ids and creation times follow it.
    for (const s of demoStreets) {
      let street = await streetService.byCode(ctx, s.code);
      if (!street) {
        street = await inTransaction(ctx, (tx) =>
          streetService.create(tx, { code: s.code, name: s.name, districtCode: s.districtCode }),
        );
        result.streetsCreated.push(s.code);
      }
      streets.push(street);
    }
  } finally {
    await ctx.session.end();
  }

  if (withContent) {
    result.calendarsLoaded = await loadCalendars(db, logger);
    const filled = await eachStreet((i) => fillStreet(db, logger, demoStreets[i]!, streets[i]!, i));
    result.contentLoaded = demoStreets.filter((_, i) => filled[i]).map((s) => s.code);
    // Cases after every street's content: they need its grids, departments and people.
    // Every street at once: cases take most of the demo's time, and 南街's the longest.
    const cased = await eachStreet(
      (i) => fillCases(db, logger, demoStreets[i]!, streets[i]!, i),
      CASE_PARALLEL_STREETS,
    );
    result.casesLoaded = demoStreets.filter((_, i) => cased[i]).map((s) => s.code);
  }

  if (Object.values(result).some((codes) => codes.length))
    logger.info(
      {
        streets: result.streetsCreated,
        content: result.contentLoaded,
        calendars: result.calendarsLoaded,
        cases: result.casesLoaded,
        ms: Date.now() - started,
      },
      'demo data loaded',
    );
  return result;
}

/** Runs `fill` for every demo street, `PARALLEL_STREETS` at a time; its answers by street. */
async function eachStreet(
  fill: (i: number) => Promise<boolean>,
  parallel = PARALLEL_STREETS,
): Promise<boolean[]> {
  const done: boolean[] = [];
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < demoStreets.length && errors.length === 0) {
      const i = next++;
      try {
        done[i] = await fill(i);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  if (errors.length) throw errors[0];
  return done;
}

/**
 * Lists the 2026 public holidays and make-up working days (work-calendar-2026.ts) in the calendar
 * of every demo district that lists no day of 2026 yet, in one transaction; the codes of those it
 * filled. A district that lists any day of 2026 keeps its own calendar: an administrator may
 * have changed it, and the seed does not undo that.
 */
async function loadCalendars(db: Database, logger: Logger): Promise<string[]> {
  const ctx = createContext({ db, logger }, systemViewer, {
    requestId: `seed-calendar-${randomUUID()}`,
  });
  const days = HOLIDAYS_2026.map(({ day, kind, name }) => ({ date: day, kind, name }));
  try {
    return await inTransaction(ctx, async (tx) => {
      const loaded: string[] = [];
      for (const d of demoDistricts) {
        const district = await districtService.byCode(tx, d.code);
        if (!district) continue;
        if ((await calendarService.days(tx, district.id, '2026-01-01', '2026-12-31')).length)
          continue;
        await calendarService.setDays(tx, district.id, days);
        loaded.push(d.code);
      }
      return loaded;
    });
  } finally {
    await ctx.session.end();
  }
}

/**
 * Loads a street's content in one transaction, unless its street-level grid exists (then the
 * street is done); true when it did.
 */
async function fillStreet(
  db: Database,
  logger: Logger,
  s: DemoStreet,
  street: StreetRecord,
  index: number,
): Promise<boolean> {
  const load = content[s.key];
  if (!load) return false;
  const ctx = createContext({ db, logger }, systemViewer, {
    requestId: `seed-${s.key}-${randomUUID()}`,
  });
  try {
    return await inTransaction(ctx, async (tx) => {
      if (await gridService.byCode(tx, s.code)) return false;
      await load(new DemoKit(tx, street, index * PEOPLE_PER_STREET));
      return true;
    });
  } finally {
    await ctx.session.end();
  }
}

/**
 * Reports and handles the street's demo cases (demo-cases.ts) in one transaction, unless the
 * street has a case already or has no content; true when it did.
 */
async function fillCases(
  db: Database,
  logger: Logger,
  s: DemoStreet,
  street: StreetRecord,
  index: number,
): Promise<boolean> {
  const ctx = createContext({ db, logger }, systemViewer, {
    requestId: `seed-cases-${s.key}-${randomUUID()}`,
  });
  try {
    return await inTransaction(ctx, async (tx) => {
      if (!(await gridService.byCode(tx, s.code))) return false;
      const [any] = await tx.tx!.manager.query(
        `SELECT 1 FROM case_file WHERE street_id = $1 LIMIT 1`,
        [street.id],
      );
      if (any) return false;
      await loadCases(tx, s.key, street, index);
      return true;
    });
  } finally {
    await ctx.session.end();
  }
}
