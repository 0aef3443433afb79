import { batchLoader, loader, query, type Context } from '../shared/context';
import { calendarService } from '../calendar/calendar.service';
import type { WorkingTime } from '../calendar/working-time';

/**
 * The working time of a case's street: its district's work calendar (工作日历), on which every due
 * time is counted. Reads (an overdue ratio on a page of cases) load it through request loaders,
 * so a page of any size costs the same few statements; writes reuse it for a few seconds per
 * instance, since a report must be cheap (a calendar edit also recomputes due times by a job).
 */
interface StreetClock {
  districtId: string;
  code: string;
  working: WorkingTime;
  offsetMinutes: number;
}

/** How long a write reuses a street's working time: calendar edits reach new due times within this. */
const TTL_MS = 10_000;
/** From how far back the listed days are read: suspensions and ratios look at the past too. */
const PAST_MS = 366 * 86_400_000;

const caches = new WeakMap<object, { at: number; streets: Map<string, Promise<StreetClock>> }>();

/** Forgets this instance's cached calendars, so the next due time is computed on the current one. */
export function forgetCalendars(ctx: Context): void {
  caches.delete(ctx.db);
}

const streetsLoader = (ctx: Context) =>
  batchLoader<string, { districtId: string; code: string } | null>(ctx, async (ids) => {
    const rows = await query<{ id: string; districtId: string; code: string }>(
      ctx,
      `SELECT id::text AS id, district_id::text AS "districtId", code FROM street WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });

async function load(ctx: Context, streetId: string): Promise<StreetClock> {
  const street = await loader(ctx, streetsLoader).load(streetId);
  if (!street) throw new Error(`Street ${streetId} does not exist`);
  // Whole days back, so requests of one day share their loader key.
  const from = new Date(Math.floor((Date.now() - PAST_MS) / 86_400_000) * 86_400_000);
  const [working, settings] = await Promise.all([
    calendarService.workingTime(ctx, street.districtId, from),
    calendarService.settings(ctx, street.districtId),
  ]);
  if (!working || !settings) throw new Error(`District ${street.districtId} has no work calendar`);
  return { ...street, working, offsetMinutes: settings.utcOffsetMinutes };
}

function streetClock(ctx: Context, streetId: string): Promise<StreetClock> {
  if (!ctx.tx) return load(ctx, streetId);
  let cache = caches.get(ctx.db);
  if (!cache || Date.now() - cache.at > TTL_MS) {
    cache = { at: Date.now(), streets: new Map() };
    caches.set(ctx.db, cache);
  }
  let found = cache.streets.get(streetId);
  if (!found) {
    const streets = cache.streets;
    found = load(ctx, streetId);
    // A failed load is not kept.
    found.catch(() => streets.delete(streetId));
    streets.set(streetId, found);
  }
  // Another request's load that failed (its transaction ended) is this one's to redo.
  return found.catch(() => load(ctx, streetId));
}

/** The street's district and code (case numbers start with it). */
export async function streetFacts(
  ctx: Context,
  streetId: string,
): Promise<{ districtId: string; code: string }> {
  const { districtId, code } = await streetClock(ctx, streetId);
  return { districtId, code };
}

/** The working time of the street's district: a case's clock counts work minutes only. */
export async function clockOf(ctx: Context, streetId: string): Promise<WorkingTime> {
  return (await streetClock(ctx, streetId)).working;
}

/** The street's local date (`YYYYMMDD`) of a moment, for case numbers. */
export async function localDay(ctx: Context, streetId: string, at: Date): Promise<string> {
  const { offsetMinutes } = await streetClock(ctx, streetId);
  return new Date(at.getTime() + offsetMinutes * 60_000)
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, '');
}

/**
 * A stage's due time: its start plus the working minutes it is allowed (with postponements) and
 * those it spent suspended. Every due time is computed this way, so a calendar change can redo it.
 */
export function dueOf(
  clock: WorkingTime,
  c: { stageStartedAt: Date; allowedMinutes: number; pausedMinutes: number },
): Date {
  return clock.addWorkingMinutes(c.stageStartedAt, c.allowedMinutes + c.pausedMinutes);
}
