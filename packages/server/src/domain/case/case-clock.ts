import { query, type Context } from '../shared/context';
import { calendarService } from '../calendar/calendar.service';
import type { WorkingTime } from '../calendar/working-time';

/** How long a district's working time is reused: calendar edits reach due times within this. */
const TTL_MS = 10_000;

interface Cached {
  at: number;
  streets: Map<string, { districtId: string; code: string }>;
  districts: Map<string, { working: WorkingTime; offsetMinutes: number }>;
}
const caches = new WeakMap<object, Cached>();

function cacheOf(ctx: Context): Cached {
  let cache = caches.get(ctx.db);
  if (!cache || Date.now() - cache.at > TTL_MS) {
    cache = { at: Date.now(), streets: new Map(), districts: new Map() };
    caches.set(ctx.db, cache);
  }
  return cache;
}

/** Forgets cached calendars, so the next due time is computed on the current one. */
export function forgetCalendars(ctx: Context): void {
  caches.delete(ctx.db);
}

/** The street's district and code (case numbers start with it). */
export async function streetFacts(
  ctx: Context,
  streetId: string,
): Promise<{ districtId: string; code: string }> {
  const cache = cacheOf(ctx);
  let facts = cache.streets.get(streetId);
  if (!facts) {
    const [row] = await query<{ districtId: string; code: string }>(
      ctx,
      `SELECT district_id::text AS "districtId", code FROM street WHERE id = $1`,
      [streetId],
    );
    if (!row) throw new Error(`Street ${streetId} does not exist`);
    facts = row;
    cache.streets.set(streetId, facts);
  }
  return facts;
}

/**
 * The working time of the street's district (工作日历), for due times: a case's clock counts work
 * minutes only. Cached for a few seconds per instance.
 */
export async function clockOf(ctx: Context, streetId: string): Promise<WorkingTime> {
  const { districtId } = await streetFacts(ctx, streetId);
  const cache = cacheOf(ctx);
  let entry = cache.districts.get(districtId);
  if (!entry) {
    // From a year back: suspensions and overdue ratios look at the past too.
    const working = await calendarService.workingTime(
      ctx,
      districtId,
      new Date(Date.now() - 366 * 86_400_000),
    );
    if (!working) throw new Error(`District ${districtId} has no work calendar`);
    const settings = await calendarService.settings(ctx, districtId);
    entry = { working, offsetMinutes: settings?.utcOffsetMinutes ?? 480 };
    cache.districts.set(districtId, entry);
  }
  return entry.working;
}

/** The street's local date (`YYYYMMDD`) of a moment, for case numbers. */
export async function localDay(ctx: Context, streetId: string, at: Date): Promise<string> {
  await clockOf(ctx, streetId);
  const { districtId } = await streetFacts(ctx, streetId);
  const offset = cacheOf(ctx).districts.get(districtId)?.offsetMinutes ?? 480;
  return new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 10).replace(/-/g, '');
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
