import { createHash } from 'node:crypto';
import { z } from 'zod';
import { batchLoader, loader, nowOf, query, type Context } from '../shared/context';
import { escapeLike, prefixRange } from '../shared/codes';
import { entityColumns } from '../shared/entity-columns';
import { InputError, PublicError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, filteredReads, readableSql, type TableSpec } from '../shared/table';
import { validate } from '../shared/validate';
import {
  CASE_LEVELS,
  CASE_SOURCES,
  CASE_STATUSES,
  CaseDepartmentEntity,
  CaseEntity,
  CaseTimelineEntity,
  URGENCIES,
  type Attachment,
  type CaseLevel,
  type CaseSource,
  type CaseStatus,
  type Urgency,
} from './case.entity';
import { caseReported } from './case.events';
import { clockOf, localDay, streetFacts } from './case-clock';
import { categoryService } from './category.service';
import { attachmentsInput, httpUrl } from './case.validation';

export type CaseRecord = CaseEntity;
export type CaseDepartmentRecord = CaseDepartmentEntity;
export type TimelineRecord = CaseTimelineEntity;

export const caseTable: TableSpec<CaseRecord> = {
  from: 'case_file c',
  alias: 'c',
  area: 'case',
  columns: entityColumns(CaseEntity, 'c', { omit: ['idempotencyKey', 'requestHash'] }),
  orders: {
    DUE_AT: {
      key: 'c.due_at',
      type: 'timestamptz',
      id: 'c.id',
      valueOf: (r) => (r.dueAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
    REPORTED_AT: {
      key: 'c.reported_at',
      type: 'timestamptz',
      id: 'c.id',
      valueOf: (r) => (r.reportedAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

export const timelineTable: TableSpec<TimelineRecord> = {
  from: 'case_timeline t JOIN case_file tc ON tc.id = t.case_id',
  alias: 't',
  bare: { from: 'case_timeline t', joined: ['tc'] },
  area: 'case',
  // The entry's case decides who reads it (its read rule is the case's).
  areaAlias: 'tc',
  columns: entityColumns(CaseTimelineEntity, 't'),
  orders: {
    OCCURRED_AT: {
      key: 't.id',
      type: 'bigint',
      id: 't.id',
      unique: true,
      valueOf: (r) => r.id as string,
      idOf: (r) => r.id as string,
    },
  },
};

export const departmentTable: TableSpec<CaseDepartmentRecord> = {
  from: 'case_department d',
  alias: 'd',
  columns: entityColumns(CaseDepartmentEntity, 'd'),
  orders: {},
};

export interface CaseFilter {
  streetId?: string | null;
  /** Cases by their numbers (as people and Open311 clients name them). */
  numbers?: string[] | null;
  statuses?: CaseStatus[] | null;
  /** Categories: a major includes its minors. */
  categoryIds?: string[] | null;
  urgencies?: Urgency[] | null;
  sources?: CaseSource[] | null;
  levels?: CaseLevel[] | null;
  /** Cases in this grid's subtree (the grid itself included). */
  gridId?: string | null;
  /** Cases dispatched to this department (and not returned by it). */
  departmentId?: string | null;
  overdue?: boolean | null;
  reporterUserId?: string | null;
  ownerUserId?: string | null;
  reportedFrom?: Date | null;
  reportedTo?: Date | null;
  dueFrom?: Date | null;
  dueTo?: Date | null;
  closedFrom?: Date | null;
  closedTo?: Date | null;
  /** Substring of title, description, address or number (trigram index: works for Chinese). */
  search?: string | null;
  /** The caller's work queue: cases waiting for an action of theirs (see `queueSql`). */
  waitingFor?: QueueViewer | null;
}

/** Who a work queue is for. */
export interface QueueViewer {
  userId: string | null;
  role: string | null;
  duties: readonly string[];
  gridCode?: string;
  departmentId?: string;
  isStreetAdmin: boolean;
}

/** Open cases whose clock runs (suspended ones' is stopped), over `c`: the ones that can be overdue. */
export const OPEN = `c.status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','VERIFYING')`;

/** SQL conditions of a case filter over `c`; appends parameters. */
export function caseFilterSql(f: CaseFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (f.streetId) add(f.streetId, (p) => `c.street_id = ${p}::bigint`);
  if (f.numbers) add(f.numbers, (p) => `c.number = ANY(${p}::text[])`);
  if (f.statuses?.length) add(f.statuses, (p) => `c.status = ANY(${p}::text[])`);
  if (f.categoryIds?.length) {
    add(
      f.categoryIds,
      (p) =>
        `c.category_id IN (SELECT fc.id FROM case_category fc WHERE fc.id = ANY(${p}::bigint[]) OR fc.parent_id = ANY(${p}::bigint[]))`,
    );
  }
  if (f.urgencies?.length) add(f.urgencies, (p) => `c.urgency = ANY(${p}::text[])`);
  if (f.sources?.length) add(f.sources, (p) => `c.source = ANY(${p}::text[])`);
  if (f.levels?.length) add(f.levels, (p) => `c.level = ANY(${p}::text[])`);
  if (f.gridId) {
    // Codes hold no LIKE wildcards (grid codes are digits).
    add(
      f.gridId,
      (p) =>
        `c.grid_id IN (SELECT fg.id FROM grid fg JOIN grid rg ON rg.id = ${p}::bigint
           WHERE fg.street_id = rg.street_id AND fg.code LIKE rg.code || '%')`,
    );
  }
  if (f.departmentId) {
    add(
      f.departmentId,
      (p) =>
        `EXISTS (SELECT 1 FROM case_department fd WHERE fd.case_id = c.id AND fd.department_id = ${p}::bigint AND fd.state NOT IN ('RETURNED','WITHDRAWN'))`,
    );
  }
  if (f.overdue != null) where.push(overdueSql(f.overdue, f.statuses));
  if (f.reporterUserId) add(f.reporterUserId, (p) => `c.reporter_user_id = ${p}::bigint`);
  if (f.ownerUserId) add(f.ownerUserId, (p) => `c.owner_user_id = ${p}::bigint`);
  if (f.reportedFrom) add(f.reportedFrom, (p) => `c.reported_at >= ${p}::timestamptz`);
  if (f.reportedTo) add(f.reportedTo, (p) => `c.reported_at < ${p}::timestamptz`);
  if (f.dueFrom) add(f.dueFrom, (p) => `c.due_at >= ${p}::timestamptz`);
  if (f.dueTo) add(f.dueTo, (p) => `c.due_at < ${p}::timestamptz`);
  if (f.closedFrom) add(f.closedFrom, (p) => `c.closed_at >= ${p}::timestamptz`);
  if (f.closedTo) add(f.closedTo, (p) => `c.closed_at < ${p}::timestamptz`);
  if (f.search) add(`%${escapeLike(f.search)}%`, (p) => `c.search_text ILIKE ${p}`);
  if (f.waitingFor) where.push(queueSql(f.waitingFor, params));
  return where;
}

/** The statuses whose clock runs (`OPEN`): only these can be overdue. */
const CLOCK_STATUSES: readonly string[] = [
  'REPORTED',
  'ACCEPTED',
  'DISPATCHED',
  'IN_PROGRESS',
  'VERIFYING',
];

/**
 * `overdue: true/false` over `c`. When the filter's statuses all run a clock (the usual "open
 * cases, not overdue" page), it is a range on due_at alone, which the (street_id, status, due_at)
 * index answers; `NOT (open AND due_at < now())` would read every case of those statuses and
 * filter them (at a million cases, 5,500 rows for 20: 130 ms instead of 2).
 */
function overdueSql(overdue: boolean, statuses: readonly string[] | null | undefined): string {
  if (statuses?.length) {
    const running = statuses.filter((s) => CLOCK_STATUSES.includes(s));
    if (running.length === statuses.length)
      return overdue ? 'c.due_at < now()' : 'c.due_at >= now()';
    if (running.length === 0) return overdue ? 'false' : 'true';
  }
  return overdue ? `${OPEN} AND c.due_at < now()` : `NOT (${OPEN} AND c.due_at < now())`;
}

/**
 * The cases waiting for the viewer ("待我处理"): each duty and role adds the states it acts on.
 * Intake and shift leads: reports to accept; dispatchers: accepted cases to dispatch; shift leads:
 * postponements to decide; departments: their part not done; inspectors and grid workers: cases
 * to verify (grid workers in their subtree); reporters: their closed cases to rate.
 */
export function queueSql(v: QueueViewer, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const any: string[] = [];
  const duties = new Set(v.duties);
  if (v.isStreetAdmin || duties.has('INTAKE') || duties.has('SHIFT_LEAD')) {
    any.push(`c.status = 'REPORTED'`);
  }
  if (v.isStreetAdmin || duties.has('DISPATCHER') || duties.has('SHIFT_LEAD')) {
    any.push(`c.status = 'ACCEPTED'`);
  }
  if (v.isStreetAdmin || duties.has('SHIFT_LEAD')) {
    any.push(`(c.status = 'IN_PROGRESS' AND c.pending_postponement IS NOT NULL)`);
  }
  if (v.isStreetAdmin || duties.has('INSPECTOR')) any.push(`c.status = 'VERIFYING'`);
  if (v.role === 'GRID_WORKER' && v.gridCode) {
    const range = prefixRange('qg.code', v.gridCode, params);
    any.push(
      `(c.status IN ('VERIFYING', 'ACCEPTED') AND c.grid_id IN (SELECT qg.id FROM grid qg WHERE ${range}))`,
    );
  }
  if (v.role === 'DEPARTMENT_STAFF' && v.departmentId) {
    any.push(
      `(c.status IN ('DISPATCHED', 'IN_PROGRESS') AND EXISTS (SELECT 1 FROM case_department qd
         WHERE qd.case_id = c.id AND qd.department_id = ${param(v.departmentId)}::bigint
           AND qd.state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS')))`,
    );
  }
  if (v.userId) {
    any.push(
      `(c.status = 'CLOSED' AND c.rating IS NULL AND c.reporter_user_id = ${param(v.userId)}::bigint)`,
    );
  }
  return any.length ? `(${any.join(' OR ')})` : 'false';
}

export const caseById = byIdLoader(caseTable);

const timelineOf = (ctx: Context) =>
  batchLoader<string, TimelineRecord[]>(ctx, async (caseIds) => {
    const rows = await query<TimelineRecord>(
      ctx,
      `SELECT ${timelineTable.columns} FROM case_timeline t
       WHERE t.case_id = ANY($1::bigint[]) ORDER BY t.case_id, t.id`,
      [caseIds],
    );
    const byCase = new Map<string, TimelineRecord[]>();
    for (const r of rows) {
      const list = byCase.get(r.caseId) ?? [];
      list.push(r);
      byCase.set(r.caseId, list);
    }
    return caseIds.map((id) => byCase.get(id) ?? []);
  });

const departmentsOf = (ctx: Context) =>
  batchLoader<string, CaseDepartmentRecord[]>(ctx, async (caseIds) => {
    const rows = await query<CaseDepartmentRecord>(
      ctx,
      `SELECT ${departmentTable.columns} FROM case_department d
       WHERE d.case_id = ANY($1::bigint[]) ORDER BY d.case_id, d.id`,
      [caseIds],
    );
    const byCase = new Map<string, CaseDepartmentRecord[]>();
    for (const r of rows) {
      const list = byCase.get(r.caseId) ?? [];
      list.push(r);
      byCase.set(r.caseId, list);
    }
    return caseIds.map((id) => byCase.get(id) ?? []);
  });

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required.`)
    .max(max, `${what} is at most ${max} characters.`);
const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} is at most ${max} characters.`)
    .transform((s) => s || null)
    .nullable()
    .optional();

const reportInput = z
  .object({
    title: text('The title', 200),
    description: optionalText('The description', 5000),
    urgency: z.enum(URGENCIES, { error: 'Urgency is A, B or C.' }),
    source: z.enum(CASE_SOURCES).nullable().optional(),
    address: optionalText('The address', 200),
    latitude: z
      .number()
      .min(-90, 'Latitude is between -90 and 90.')
      .max(90, 'Latitude is between -90 and 90.')
      .nullable()
      .optional(),
    longitude: z
      .number()
      .min(-180, 'Longitude is between -180 and 180.')
      .max(180, 'Longitude is between -180 and 180.')
      .nullable()
      .optional(),
    attachments: attachmentsInput.optional(),
    mediaUrl: httpUrl('The media URL').nullable().optional(),
    externalReference: optionalText('The external reference', 100),
    idempotencyKey: z
      .string()
      .min(1, 'An idempotency key is 1 to 100 characters.')
      .max(100, 'An idempotency key is 1 to 100 characters.')
      .nullable()
      .optional(),
  })
  .refine((v) => (v.latitude == null) === (v.longitude == null), {
    message: 'Give both latitude and longitude, or neither.',
    path: ['longitude'],
  });

export type ReportCaseInput = z.input<typeof reportInput> & {
  streetId: string;
  categoryId: string;
  gridId: string;
  reporterPersonId?: string | null;
};

/** The source a caller's report has, when it does not say: by its credential and role. */
function defaultSource(ctx: Context): CaseSource {
  switch (ctx.viewer.role) {
    case 'GRID_WORKER':
      return 'PATROL';
    case 'RESIDENT':
    case 'VOLUNTEER':
      return 'RESIDENT';
    case 'INTEGRATION':
      return 'INTEGRATION';
    default:
      return 'HOTLINE';
  }
}

/** Who may report a case of a street, and with which sources. */
function checkReporter(ctx: Context, streetId: string, source: CaseSource, gridCode: string): void {
  const { viewer } = ctx;
  if (viewer.kind === 'anonymous') {
    throw new PublicError('UNAUTHENTICATED', 'Sign in to report a case.');
  }
  const inStreet = viewer.streetIds === 'all' || viewer.streetIds.includes(streetId);
  if (!inStreet) {
    throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
  }
  if (viewer.role === 'INTEGRATION') {
    const scopes = viewer.scopes ?? [];
    if (!scopes.includes('case:write') && !scopes.includes('*:write')) {
      throw new PublicError('FORBIDDEN', 'An API key needs the case:write scope to report cases.');
    }
    if (source !== 'INTEGRATION') {
      throw InputError.single(
        ['input', 'source'],
        'An integration reports cases with source INTEGRATION.',
        'INVALID',
      );
    }
    return;
  }
  if (viewer.role === 'RESIDENT' || viewer.role === 'VOLUNTEER') {
    if (source !== 'RESIDENT') {
      throw InputError.single(
        ['input', 'source'],
        'A resident reports cases with source RESIDENT.',
        'INVALID',
      );
    }
    return;
  }
  if (viewer.role === 'GRID_WORKER' && !(viewer.gridCode && gridCode.startsWith(viewer.gridCode))) {
    throw InputError.single(
      ['input', 'gridId'],
      'A grid worker reports cases in the grids they serve.',
      'FORBIDDEN',
    );
  }
  if (source === 'INTEGRATION') {
    throw InputError.single(['input', 'source'], 'Source INTEGRATION is for API keys.', 'INVALID');
  }
}

/** The canonical form of a report, hashed: the same key with another body is refused. */
function requestHash(input: ReportCaseInput): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256')
    .update(JSON.stringify(canonical(rest)))
    .digest('hex');
}

/** A value with every object's keys sorted, at any depth (attachments included). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * The report in one statement: the day's number from the street's counter, the case, its first
 * timeline entry; answers the case as `caseTable` reads it (no second read).
 */
const insertCase = `
  WITH n AS (
    INSERT INTO case_number_counter AS k (street_id, day, last) VALUES ($1, $2::date, 1)
    ON CONFLICT (street_id, day) DO UPDATE SET last = k.last + 1 RETURNING last),
  c AS (
    INSERT INTO case_file (street_id, number, title, description, category_id, category_version,
      source, urgency, status, level, grid_id, address, latitude, longitude, reporter_user_id,
      reporter_person_id, reported_by, external_ref, idempotency_key, request_hash, attachments,
      media_url, reported_at, accept_due_at, allowed_minutes, stage_started_at, due_at, created_at,
      updated_at)
    SELECT $1, $3 || to_char($2::date, 'YYYYMMDD') || lpad(n.last::text, greatest(4, length(n.last::text)), '0'), $4, $5, $6, $7, $8, $9,
      'REPORTED', 'GRID', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $27, $21, $22, $23,
      $21, $22, $21, $21
    FROM n RETURNING *),
  t AS (
    INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind,
      actor_id, actor_role, note, attachments, details, occurred_at)
    SELECT $1, c.id, 'REPORT', NULL, 'REPORTED', $24, $25, $26, NULL, $20, '{}', $21 FROM c)
  SELECT ${caseTable.columns} FROM c`;

/**
 * Cases (案件): reported by grid workers on patrol, residents, the hotline or an integration,
 * then handled through the lifecycle of case.rules.ts (case-transition.service.ts).
 */
export const caseService = {
  get(ctx: Context, id: string): Promise<CaseRecord | null> {
    return loader(ctx, caseById).load(id);
  },

  ...filteredReads(caseTable, caseFilterSql),

  async byNumber(ctx: Context, number: string): Promise<CaseRecord | null> {
    const params: unknown[] = [number];
    const scope = readableSql(ctx, caseTable, params);
    const [row] = await query<CaseRecord>(
      ctx,
      `SELECT ${caseTable.columns} FROM case_file c WHERE c.number = $1${scope.map((s) => ` AND ${s}`).join('')}`,
      params,
    );
    return row ?? null;
  },

  timeline(ctx: Context, caseId: string): Promise<TimelineRecord[]> {
    return loader(ctx, timelineOf).load(caseId);
  },

  departments(ctx: Context, caseId: string): Promise<CaseDepartmentRecord[]> {
    return loader(ctx, departmentsOf).load(caseId);
  },

  /**
   * Reports a case. With an idempotency key, a retry with the same body answers the first
   * result (`replayed`), and the same key with another body is refused.
   */
  async report(
    ctx: Context,
    input: ReportCaseInput,
  ): Promise<{ record: CaseRecord; replayed: boolean }> {
    const v = validate(reportInput, input);
    const streetId = input.streetId;
    const reportedBy = `${ctx.viewer.kind}:${ctx.viewer.id ?? ''}`;
    if (v.idempotencyKey) {
      // Same-key reports wait for each other, so a retry racing the first finds its result.
      await query(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 17))`, [
        `${reportedBy}|${v.idempotencyKey}`,
      ]);
      const hash = requestHash(input);
      const [earlier] = await query<{ id: string; hash: string }>(
        ctx,
        `SELECT id::text AS id, request_hash AS hash FROM case_file
         WHERE reported_by = $1 AND idempotency_key = $2`,
        [reportedBy, v.idempotencyKey],
      );
      if (earlier) {
        if (earlier.hash !== hash) {
          throw InputError.single(
            ['input', 'idempotencyKey'],
            'This idempotency key was used for a different report; use a new key for a new report.',
            'CONFLICT',
          );
        }
        // The reporter's own case, as the first answer gave it (an API key may write cases
        // without reading others').
        const [first] = await query<CaseRecord>(
          ctx,
          `SELECT ${caseTable.columns} FROM case_file c WHERE c.id = $1`,
          [earlier.id],
        );
        return { record: first!, replayed: true };
      }
    }
    const [grid] = await query<{ code: string; archived: boolean }>(
      ctx,
      `SELECT code, archived_at IS NOT NULL AS archived FROM grid WHERE id = $1 AND street_id = $2`,
      [input.gridId, streetId],
    );
    if (!grid) {
      throw InputError.single(
        ['input', 'gridId'],
        'No grid with this ID exists in this street.',
        'NOT_FOUND',
      );
    }
    if (grid.archived)
      throw InputError.single(['input', 'gridId'], 'The grid is archived.', 'INVALID');
    const source = v.source ?? defaultSource(ctx);
    checkReporter(ctx, streetId, source, grid.code);
    const { category, rules } = await categoryService.forCase(ctx, streetId, input.categoryId, [
      'input',
      'categoryId',
    ]);
    let reporterPersonId = input.reporterPersonId ?? null;
    if (ctx.viewer.role === 'RESIDENT' || ctx.viewer.role === 'VOLUNTEER') {
      reporterPersonId = ctx.viewer.personId ?? null;
    } else if (reporterPersonId) {
      const [person] = await query<{ id: string }>(
        ctx,
        `SELECT id::text AS id FROM person WHERE id = $1 AND street_id = $2`,
        [reporterPersonId, streetId],
      );
      if (!person) {
        throw InputError.single(
          ['input', 'reporterPersonId'],
          'No person with this ID lives in this street.',
          'NOT_FOUND',
        );
      }
    }
    if (v.externalReference) {
      const [taken] = await query(
        ctx,
        `SELECT 1 FROM case_file WHERE street_id = $1 AND external_ref = $2`,
        [streetId, v.externalReference],
      );
      if (taken) {
        throw InputError.single(
          ['input', 'externalReference'],
          'A case of this street already has this external reference.',
          'TAKEN',
        );
      }
    }
    const now = nowOf(ctx);
    const clock = await clockOf(ctx, streetId);
    const intake = rules.intakeLimits[v.urgency];
    const acceptDueAt = clock.addWorkingMinutes(now, intake);
    const { code } = await streetFacts(ctx, streetId);
    const day = await localDay(ctx, streetId, now);
    const attachments: Attachment[] = v.attachments ?? [];
    const [row] = await query<CaseRecord>(ctx, insertCase, [
      streetId,
      `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`,
      code,
      v.title,
      v.description ?? null,
      category.id,
      category.version,
      source,
      v.urgency,
      input.gridId,
      v.address ?? null,
      v.latitude ?? null,
      v.longitude ?? null,
      ctx.viewer.kind === 'user' ? ctx.viewer.id : null,
      reporterPersonId,
      reportedBy,
      v.externalReference ?? null,
      v.idempotencyKey ?? null,
      v.idempotencyKey ? requestHash(input) : null,
      JSON.stringify(attachments),
      now,
      acceptDueAt,
      intake,
      ctx.viewer.kind,
      ctx.viewer.id,
      ctx.viewer.role,
      v.mediaUrl ?? null,
    ]);
    await recordEvent(ctx, caseReported, {
      streetId,
      subjectId: row!.id,
      payload: {
        number: row!.number,
        from: null,
        to: 'REPORTED',
        version: 1,
        categoryId: category.id,
        categoryVersion: category.version,
        source,
        urgency: v.urgency,
        gridId: input.gridId,
        dueAt: acceptDueAt,
        externalRef: v.externalReference ?? null,
      },
    });
    return { record: row!, replayed: false };
  },

  /**
   * Open cases that may be the same problem as `probe` (see `candidatesOf`): for a report
   * before it is made, or a search.
   */
  async duplicateCandidates(
    ctx: Context,
    probe: DuplicateProbe,
    options: { meters?: number } = {},
  ): Promise<CaseRecord[]> {
    const params: unknown[] = [
      probe.streetId,
      probe.categoryId,
      probe.gridId,
      probe.latitude ?? null,
      probe.longitude ?? null,
      probe.at,
      probe.excludeId ?? null,
    ];
    const sql = candidatesOf(ctx, 'p', options.meters ?? DUPLICATE_METERS, params);
    return query<CaseRecord>(
      ctx,
      `SELECT d.* FROM (VALUES ($1::bigint, $2::bigint, $3::bigint, $4::float8, $5::float8,
         $6::timestamptz, $7::bigint)) AS p (street_id, category_id, grid_id, latitude, longitude,
         reported_at, id)
       CROSS JOIN LATERAL (${sql}) d`,
      params,
    );
  },

  /** The duplicate candidates of existing cases, batched: one statement for a page of cases. */
  candidatesOfCase(ctx: Context, caseId: string): Promise<CaseRecord[]> {
    return loader(ctx, candidatesLoader).load(caseId);
  },
};

/** What a duplicate is looked for by: a case's category, place and time. */
export interface DuplicateProbe {
  streetId: string;
  categoryId: string;
  gridId: string;
  latitude?: number | null;
  longitude?: number | null;
  at: Date;
  /** The case itself, when it exists. */
  excludeId?: string | null;
}

/** How near, and how close in time, two reports of one category count as the same problem. */
const DUPLICATE_METERS = 200;
const DUPLICATE_DAYS = 7;
const DUPLICATE_LIMIT = 10;

/**
 * The candidates of a probe row `p` (columns street_id, category_id, grid_id, latitude,
 * longitude, reported_at, id), as a subquery for a LATERAL join: open cases of the same category,
 * reported within a week of it, within `meters` (or in the same grid when either has no point),
 * nearest first, that the viewer may read. Written once for searches and for existing cases.
 */
function candidatesOf(ctx: Context, p: string, meters: number, params: unknown[]): string {
  const scope = readableSql(ctx, caseTable, params);
  // Equirectangular distance: exact enough within a street.
  const distance = `6371000 * sqrt(power(radians(c.latitude - ${p}.latitude), 2)
    + power(cos(radians(${p}.latitude)) * radians(c.longitude - ${p}.longitude), 2))`;
  const unplaced = `(c.latitude IS NULL OR ${p}.latitude IS NULL)`;
  return `SELECT ${caseTable.columns} FROM case_file c
    WHERE c.street_id = ${p}.street_id AND c.category_id = ${p}.category_id
      AND c.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED', 'VERIFYING')
      AND c.reported_at BETWEEN ${p}.reported_at - interval '${DUPLICATE_DAYS} days'
                            AND ${p}.reported_at + interval '${DUPLICATE_DAYS} days'
      AND (${p}.id IS NULL OR c.id <> ${p}.id)
      AND CASE WHEN ${unplaced} THEN c.grid_id = ${p}.grid_id ELSE ${distance} <= ${Number(meters)} END
      ${scope.map((s) => `AND ${s}`).join(' ')}
    ORDER BY ${unplaced}, CASE WHEN ${unplaced} THEN 0 ELSE ${distance} END,
      abs(extract(epoch FROM c.reported_at - ${p}.reported_at)), c.id
    LIMIT ${DUPLICATE_LIMIT}`;
}

const candidatesLoader = (ctx: Context) =>
  batchLoader<string, CaseRecord[]>(ctx, async (ids) => {
    const params: unknown[] = [ids];
    const rows = await query<CaseRecord & { forId: string }>(
      ctx,
      `SELECT p.id::text AS "forId", d.* FROM case_file p
       CROSS JOIN LATERAL (${candidatesOf(ctx, 'p', DUPLICATE_METERS, params)}) d
       WHERE p.id = ANY($1::bigint[])`,
      params,
    );
    const byCase = new Map<string, CaseRecord[]>(ids.map((id) => [id, []]));
    for (const { forId, ...row } of rows) byCase.get(forId)!.push(row as CaseRecord);
    return ids.map((id) => byCase.get(id)!);
  });

export { CASE_LEVELS, CASE_SOURCES, CASE_STATUSES };
