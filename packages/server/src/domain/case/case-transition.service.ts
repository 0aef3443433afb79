import { z } from 'zod';
import type { EventType } from '../../events/catalog';
import { loader, nowOf, query, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { readRuleAllows } from '../shared/table';
import { validate } from '../shared/validate';
import {
  RATINGS,
  URGENCIES,
  type Attachment,
  type CaseStatus,
  type PendingPostponement,
  type Rating,
  type Urgency,
} from './case.entity';
import * as events from './case.events';
import {
  check,
  levelAbove,
  type CaseAction,
  type CaseFacts,
  type TimelineAction,
} from './case.rules';
import { clockOf, dueOf } from './case-clock';
import {
  caseById,
  caseTable,
  departmentTable,
  type CaseDepartmentRecord,
  type CaseRecord,
} from './case.service';
import { attachmentsInput, noteInput } from './case.validation';
import { categoryService } from './category.service';

/** A case locked for change, with its grid's code and every department row. */
interface Locked {
  row: CaseRecord;
  gridCode: string;
  departments: CaseDepartmentRecord[];
}

const ACTIVE_DEPARTMENT = ['DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];
const active = (d: CaseDepartmentRecord) => ACTIVE_DEPARTMENT.includes(d.state);

/** What the caller saw, and what every transition may carry. */
export interface ActionInput {
  id: string;
  version: number;
  note?: string | null;
  attachments?: Attachment[] | null;
}

const common = {
  note: noteInput,
  attachments: attachmentsInput.nullable().optional(),
};

function factsOf(locked: Locked): CaseFacts {
  const { row } = locked;
  return {
    streetId: row.streetId,
    status: row.status,
    level: row.level,
    gridCode: locked.gridCode,
    reporterUserId: row.reporterUserId,
    ownerUserId: row.ownerUserId,
    departments: locked.departments
      .filter(active)
      .map((d) => ({ departmentId: d.departmentId, state: d.state })),
    hasPendingPostponement: row.pendingPostponement !== null,
    rated: row.rating !== null,
  };
}

/**
 * Locks the case and checks, in order: that the viewer may see it (else NOT_FOUND, revealing
 * nothing), that it is the version the caller saw (else CONFLICT: never a lost update), and that
 * the lifecycle and the caller's role allow the action (ILLEGAL_TRANSITION naming what is allowed,
 * or FORBIDDEN).
 */
async function lock(ctx: Context, input: ActionInput, action: CaseAction): Promise<Locked> {
  const [row] = await query<CaseRecord & { gridCode: string }>(
    ctx,
    `SELECT ${caseTable.columns}, g.code AS "gridCode" FROM case_file c JOIN grid g ON g.id = c.grid_id
     WHERE c.id = $1 FOR UPDATE OF c`,
    [input.id],
  );
  const scope = ctx.viewer.streetIds;
  if (
    !row ||
    (scope !== 'all' && !scope.includes(row.streetId)) ||
    !(await readRuleAllows(ctx, caseTable, row.id))
  ) {
    throw InputError.single(['input', 'id'], 'No case has this ID.', 'NOT_FOUND');
  }
  if (!Number.isInteger(input.version) || row.version !== input.version) {
    throw InputError.single(
      ['input', 'version'],
      `The case changed since you read it: it is at version ${row.version}, you sent ${input.version}. Read it again and retry.`,
      'CONFLICT',
    );
  }
  const departments = await query<CaseDepartmentRecord>(
    ctx,
    `SELECT ${departmentTable.columns} FROM case_department d WHERE d.case_id = $1 ORDER BY d.id FOR UPDATE`,
    [row.id],
  );
  const { gridCode, ...record } = row;
  const locked = { row: record as CaseRecord, gridCode, departments };
  const verdict = check(ctx.viewer, factsOf(locked), action);
  if (!verdict.ok) throw InputError.single(['input', 'id'], verdict.message, verdict.code);
  return locked;
}

/** The department row the viewer acts for (a department-staff action). */
function ownDepartment(ctx: Context, locked: Locked): CaseDepartmentRecord {
  const mine = locked.departments.find(
    (d) => active(d) && d.departmentId === ctx.viewer.departmentId,
  );
  if (!mine) throw new Error('department action without a department row');
  return mine;
}

interface Change {
  action: TimelineAction;
  to: CaseStatus;
  /** Columns of case_file to set (besides version and updated_at). */
  set?: Record<string, unknown>;
  departmentId?: string | null;
  note?: string | null;
  attachments?: Attachment[] | null;
  details?: Record<string, unknown>;
}

/**
 * Writes a change: the case's columns with its version bumped, and the timeline entry, in one
 * statement; then the typed event. Answers the new version.
 */
async function commit<P extends object>(
  ctx: Context,
  locked: Locked,
  change: Change,
  now: Date,
  event: EventType<P>,
  own: Omit<P, 'number' | 'from' | 'to' | 'version'>,
): Promise<number> {
  const { row } = locked;
  // Plugins enabled in the street may refuse the change (inside this transaction, briefly).
  await ctx.plugins?.guardCaseTransition(ctx, {
    action: change.action,
    from: row.status,
    to: change.to,
    caseId: row.id,
    streetId: row.streetId,
    urgency: row.urgency,
    level: (change.set?.level as string | undefined) ?? row.level,
  });
  const params: unknown[] = [row.id, now];
  const sets = Object.entries({ status: change.to, ...change.set }).map(([column, value]) => {
    params.push(
      value !== null && typeof value === 'object' && !((value as object) instanceof Date)
        ? JSON.stringify(value)
        : value,
    );
    return `${column} = $${params.length}`;
  });
  const { viewer } = ctx;
  const base = params.length;
  params.push(
    change.action,
    row.status,
    change.to,
    viewer.kind,
    viewer.id,
    viewer.role,
    change.departmentId ?? null,
    change.note ?? null,
    JSON.stringify(change.attachments ?? []),
    JSON.stringify(change.details ?? {}),
  );
  const p = (i: number) => `$${base + i}`;
  const [written] = await query<{ version: number }>(
    ctx,
    `WITH u AS (
       UPDATE case_file SET ${sets.join(', ')}, version = version + 1, updated_at = $2
       WHERE id = $1 RETURNING street_id, id, version),
     t AS (
       INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind,
         actor_id, actor_role, department_id, note, attachments, details, occurred_at)
       SELECT u.street_id, u.id, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)},
         ${p(8)}, ${p(9)}::jsonb, ${p(10)}::jsonb, $2 FROM u)
     SELECT version FROM u`,
    params,
  );
  const version = written!.version;
  await recordEvent(ctx, event, {
    streetId: row.streetId,
    subjectId: row.id,
    payload: {
      number: row.number,
      from: row.status,
      to: change.to,
      version,
      ...own,
    } as unknown as P,
  });
  return version;
}

async function reread(ctx: Context, id: string): Promise<CaseRecord> {
  return (await loader(ctx, caseById).clear(id).load(id))!;
}

const reasonInput = (what: string, max = 2000) =>
  z
    .string({ error: `${what} is required.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(max, `${what} is at most ${max} characters.`);

async function rulesOf(ctx: Context, row: CaseRecord) {
  return (await categoryService.rules(ctx, row.categoryId, row.categoryVersion))!;
}

const working = (locked: Locked) =>
  locked.departments.filter((d) => ['DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS'].includes(d.state));

/** Moves the due time of the departments still working to the case's; their clocks run. */
async function moveDepartmentDues(ctx: Context, locked: Locked, dueAt: Date): Promise<void> {
  const rows = working(locked);
  if (rows.length === 0) return;
  await query(
    ctx,
    `UPDATE case_department SET due_at = $2, overdue_at = NULL, suspended_at = NULL
     WHERE id = ANY($1::bigint[])`,
    [rows.map((d) => d.id), dueAt],
  );
}

/**
 * The case lifecycle's transitions (case.rules.ts): each locks the case, checks the caller's
 * version, state and role, writes the change, its timeline entry and its typed event in the
 * caller's transaction. Nothing is scheduled for the due times set: the overdue sweep
 * (case-overdue.ts) finds them.
 */
export const caseTransitions = {
  async accept(
    ctx: Context,
    input: ActionInput & { urgency?: Urgency | null },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'ACCEPT');
    const v = validate(
      z.object({ ...common, urgency: z.enum(URGENCIES).nullable().optional() }),
      input,
    );
    const { row } = locked;
    const now = nowOf(ctx);
    const urgency = v.urgency ?? row.urgency;
    const limit = (await rulesOf(ctx, row)).timeLimits[urgency];
    const dueAt = (await clockOf(ctx, row.streetId)).addWorkingMinutes(now, limit);
    await commit(
      ctx,
      locked,
      {
        action: 'ACCEPT',
        to: 'ACCEPTED',
        set: {
          accepted_at: now,
          urgency,
          allowed_minutes: limit,
          stage_started_at: now,
          paused_minutes: 0,
          due_at: dueAt,
          overdue_at: null,
        },
        note: v.note,
        attachments: v.attachments,
      },
      now,
      events.caseAccepted,
      { dueAt },
    );
    return reread(ctx, row.id);
  },

  async reject(ctx: Context, input: ActionInput & { reason: string }): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'REJECT');
    const v = validate(z.object({ ...common, reason: reasonInput('The reason') }), input);
    const now = nowOf(ctx);
    await commit(
      ctx,
      locked,
      {
        action: 'REJECT',
        to: 'REJECTED',
        set: { rejected_at: now },
        note: v.reason,
        attachments: v.attachments,
      },
      now,
      events.caseRejected,
      {},
    );
    return reread(ctx, locked.row.id);
  },

  /** 派遣, to one department or several at once (吹哨): each must acknowledge (报到) in time. */
  async dispatch(
    ctx: Context,
    input: ActionInput & { departmentIds: string[] },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'DISPATCH');
    const v = validate(
      z.object({
        ...common,
        departmentIds: z
          .array(z.string())
          .min(1, 'Dispatch to at least one department.')
          .max(10, 'Dispatch to at most 10 departments at once.')
          .refine((ids) => new Set(ids).size === ids.length, 'A department is named twice.'),
      }),
      input,
    );
    const { row } = locked;
    const found = await query<{ id: string; kind: string; archived: boolean }>(
      ctx,
      `SELECT id::text AS id, kind, archived_at IS NOT NULL AS archived FROM organization
       WHERE id = ANY($1::bigint[]) AND street_id = $2`,
      [v.departmentIds, row.streetId],
    );
    v.departmentIds.forEach((id, i) => {
      const org = found.find((o) => o.id === id);
      const field = ['input', 'departmentIds', String(i)];
      if (!org)
        throw InputError.single(
          field,
          'No department with this ID exists in this street.',
          'NOT_FOUND',
        );
      if (org.kind !== 'DEPARTMENT') {
        throw InputError.single(
          field,
          'Cases are dispatched to departments (organizations of kind DEPARTMENT).',
          'INVALID',
        );
      }
      if (org.archived) throw InputError.single(field, 'The department is archived.', 'INVALID');
      if (locked.departments.some((d) => d.departmentId === id && active(d))) {
        throw InputError.single(
          field,
          'The case is dispatched to this department already.',
          'CONFLICT',
        );
      }
    });
    const now = nowOf(ctx);
    const rules = await rulesOf(ctx, row);
    const clock = await clockOf(ctx, row.streetId);
    const acknowledgeDueAt = clock.addWorkingMinutes(now, rules.acknowledgeLimits[row.urgency]);
    await query(
      ctx,
      `INSERT INTO case_department (street_id, case_id, department_id, state, dispatched_at,
         acknowledge_due_at, due_at)
       SELECT $1, $2, d, 'DISPATCHED', $3, $4, $5 FROM unnest($6::bigint[]) AS d`,
      [row.streetId, row.id, now, acknowledgeDueAt, row.dueAt, v.departmentIds],
    );
    await commit(
      ctx,
      locked,
      {
        action: 'DISPATCH',
        to: 'DISPATCHED',
        set: { dispatched_at: row.dispatchedAt ?? now },
        note: v.note,
        attachments: v.attachments,
        details: { departmentIds: v.departmentIds },
      },
      now,
      events.caseDispatched,
      { departmentIds: v.departmentIds },
    );
    return reread(ctx, row.id);
  },

  /** 小事不出网格: the grid fixed it itself; an inspector verifies. */
  async resolveOnTheSpot(
    ctx: Context,
    input: ActionInput & { resolution: string },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'RESOLVE_ON_THE_SPOT');
    const v = validate(z.object({ ...common, resolution: reasonInput('The resolution') }), input);
    const { row } = locked;
    const now = nowOf(ctx);
    const clock = await clockOf(ctx, row.streetId);
    await commit(
      ctx,
      locked,
      {
        action: 'RESOLVE_ON_THE_SPOT',
        to: 'VERIFYING',
        set: {
          resolved_at: now,
          resolution: v.resolution,
          handling_minutes: clock.workingMinutesBetween(row.acceptedAt ?? row.reportedAt, now),
        },
        note: v.note,
        attachments: v.attachments,
      },
      now,
      events.caseResolvedOnTheSpot,
      {},
    );
    return reread(ctx, row.id);
  },

  /** 报到: the department confirms it has the case; late when past its acknowledge due time. */
  async acknowledge(ctx: Context, input: ActionInput): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'ACKNOWLEDGE');
    const v = validate(z.object(common), input);
    const mine = ownDepartment(ctx, locked);
    if (mine.state !== 'DISPATCHED') {
      throw InputError.single(
        ['input', 'id'],
        'Your department has acknowledged this case already.',
        'ILLEGAL_TRANSITION',
      );
    }
    const now = nowOf(ctx);
    const late = now > mine.acknowledgeDueAt;
    await query(
      ctx,
      `UPDATE case_department SET state = 'ACKNOWLEDGED', acknowledged_at = $2 WHERE id = $1`,
      [mine.id, now],
    );
    await commit(
      ctx,
      locked,
      {
        action: 'ACKNOWLEDGE',
        to: locked.row.status,
        departmentId: mine.departmentId,
        note: v.note,
        attachments: v.attachments,
        details: { late },
      },
      now,
      events.caseAcknowledged,
      { departmentId: mine.departmentId, late },
    );
    return reread(ctx, locked.row.id);
  },

  async start(ctx: Context, input: ActionInput): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'START');
    const v = validate(z.object(common), input);
    const mine = ownDepartment(ctx, locked);
    if (mine.state === 'IN_PROGRESS' || mine.state === 'RESOLVED') {
      throw InputError.single(
        ['input', 'id'],
        'Your department has started this case already.',
        'ILLEGAL_TRANSITION',
      );
    }
    const now = nowOf(ctx);
    await query(
      ctx,
      `UPDATE case_department SET state = 'IN_PROGRESS', started_at = $2,
         acknowledged_at = coalesce(acknowledged_at, $2) WHERE id = $1`,
      [mine.id, now],
    );
    await commit(
      ctx,
      locked,
      {
        action: 'START',
        to: 'IN_PROGRESS',
        departmentId: mine.departmentId,
        note: v.note,
        attachments: v.attachments,
      },
      now,
      events.caseStarted,
      { departmentId: mine.departmentId },
    );
    return reread(ctx, locked.row.id);
  },

  /** 退回: not this department's; with none left, back to the dispatcher. */
  async return(ctx: Context, input: ActionInput & { reason: string }): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'RETURN');
    const v = validate(z.object({ ...common, reason: reasonInput('The reason', 1000) }), input);
    const mine = ownDepartment(ctx, locked);
    if (mine.state === 'RESOLVED') {
      throw InputError.single(
        ['input', 'id'],
        'Your department has resolved its part; it cannot return the case now.',
        'ILLEGAL_TRANSITION',
      );
    }
    const now = nowOf(ctx);
    await query(
      ctx,
      `UPDATE case_department SET state = 'RETURNED', returned_at = $2, return_reason = $3 WHERE id = $1`,
      [mine.id, now, v.reason],
    );
    const others = locked.departments.filter((d) => active(d) && d.id !== mine.id);
    const to: CaseStatus =
      others.length === 0
        ? 'ACCEPTED'
        : others.every((d) => d.state === 'RESOLVED')
          ? 'VERIFYING'
          : others.some((d) => d.state === 'IN_PROGRESS' || d.state === 'RESOLVED')
            ? 'IN_PROGRESS'
            : 'DISPATCHED';
    await commit(
      ctx,
      locked,
      {
        action: 'RETURN',
        to,
        set: {
          return_count: locked.row.returnCount + 1,
          // A postponement it asked for goes with it.
          ...(locked.row.pendingPostponement?.departmentId === mine.departmentId
            ? { pending_postponement: null }
            : {}),
          ...(to === 'VERIFYING' ? { resolved_at: now } : {}),
        },
        departmentId: mine.departmentId,
        note: v.reason,
        attachments: v.attachments,
      },
      now,
      events.caseReturned,
      { departmentId: mine.departmentId },
    );
    return reread(ctx, locked.row.id);
  },

  async requestPostponement(
    ctx: Context,
    input: ActionInput & { minutes: number; reason: string },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'REQUEST_POSTPONEMENT');
    const v = validate(
      z.object({
        ...common,
        minutes: z
          .number()
          .int('Ask for a whole number of work minutes.')
          .min(1, 'Ask for at least 1 work minute.')
          .max(480 * 60, 'Ask for at most 60 work days.'),
        reason: reasonInput('The reason'),
      }),
      input,
    );
    const mine = ownDepartment(ctx, locked);
    if (mine.state !== 'ACKNOWLEDGED' && mine.state !== 'IN_PROGRESS') {
      throw InputError.single(
        ['input', 'id'],
        mine.state === 'RESOLVED'
          ? 'Your department has resolved its part: it needs no more time.'
          : 'Acknowledge (报到) the case before asking for more time.',
        'ILLEGAL_TRANSITION',
      );
    }
    const now = nowOf(ctx);
    const pending: PendingPostponement = {
      departmentId: mine.departmentId,
      minutes: v.minutes,
      reason: v.reason,
      requestedAt: now.toISOString(),
    };
    await commit(
      ctx,
      locked,
      {
        action: 'REQUEST_POSTPONEMENT',
        to: locked.row.status,
        set: { pending_postponement: pending },
        departmentId: mine.departmentId,
        note: v.reason,
        attachments: v.attachments,
        details: { minutes: v.minutes },
      },
      now,
      events.casePostponementRequested,
      { departmentId: mine.departmentId, minutes: v.minutes },
    );
    return reread(ctx, locked.row.id);
  },

  /** The street approves (the due time moves by the work minutes asked) or refuses. */
  async decidePostponement(
    ctx: Context,
    input: ActionInput & { approved: boolean },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'DECIDE_POSTPONEMENT');
    const v = validate(z.object({ ...common, approved: z.boolean() }), input);
    const { row } = locked;
    const pending = row.pendingPostponement!;
    const now = nowOf(ctx);
    const dueAt = v.approved
      ? dueOf(await clockOf(ctx, row.streetId), {
          ...row,
          allowedMinutes: row.allowedMinutes + pending.minutes,
        })
      : row.dueAt;
    await commit(
      ctx,
      locked,
      {
        action: 'DECIDE_POSTPONEMENT',
        to: row.status,
        set: {
          pending_postponement: null,
          ...(v.approved
            ? {
                due_at: dueAt,
                allowed_minutes: row.allowedMinutes + pending.minutes,
                postpone_count: row.postponeCount + 1,
                overdue_at: dueAt > now ? null : row.overdueAt,
              }
            : {}),
        },
        note: v.note,
        attachments: v.attachments,
        details: { approved: v.approved, minutes: pending.minutes, dueAt: dueAt.toISOString() },
      },
      now,
      events.casePostponementDecided,
      { approved: v.approved, minutes: pending.minutes, dueAt },
    );
    if (v.approved) await moveDepartmentDues(ctx, locked, dueAt);
    return reread(ctx, row.id);
  },

  /** 挂账: the clock stops with the working time left; resuming gives it back. */
  async suspend(ctx: Context, input: ActionInput & { reason: string }): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'SUSPEND');
    const v = validate(z.object({ ...common, reason: reasonInput('The reason') }), input);
    const { row } = locked;
    const now = nowOf(ctx);
    const remaining = (await clockOf(ctx, row.streetId)).workingMinutesBetween(now, row.dueAt);
    // The departments' clocks stop with the case's: the overdue sweep passes them by.
    const paused = working(locked);
    if (paused.length) {
      await query(
        ctx,
        `UPDATE case_department SET suspended_at = $2 WHERE id = ANY($1::bigint[])`,
        [paused.map((d) => d.id), now],
      );
    }
    await commit(
      ctx,
      locked,
      {
        action: 'SUSPEND',
        to: 'SUSPENDED',
        set: {
          suspended_at: now,
          remaining_minutes: remaining,
          suspend_count: row.suspendCount + 1,
        },
        note: v.reason,
        attachments: v.attachments,
        details: { remainingMinutes: remaining },
      },
      now,
      events.caseSuspended,
      {},
    );
    return reread(ctx, row.id);
  },

  async resume(ctx: Context, input: ActionInput): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'RESUME');
    const v = validate(z.object(common), input);
    const { row } = locked;
    const now = nowOf(ctx);
    const clock = await clockOf(ctx, row.streetId);
    // The time suspended does not count: the stage's due time moves by it.
    const pausedMinutes =
      row.pausedMinutes + clock.workingMinutesBetween(row.suspendedAt ?? now, now);
    const dueAt = dueOf(clock, { ...row, pausedMinutes });
    await commit(
      ctx,
      locked,
      {
        action: 'RESUME',
        to: 'IN_PROGRESS',
        set: {
          suspended_at: null,
          remaining_minutes: null,
          paused_minutes: pausedMinutes,
          due_at: dueAt,
        },
        note: v.note,
        attachments: v.attachments,
        details: { dueAt: dueAt.toISOString() },
      },
      now,
      events.caseResumed,
      { dueAt },
    );
    await moveDepartmentDues(ctx, locked, dueAt);
    return reread(ctx, row.id);
  },

  /** 处置: the department's part is done; the last one sends the case to verification. */
  async resolve(ctx: Context, input: ActionInput & { resolution: string }): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'RESOLVE');
    const v = validate(z.object({ ...common, resolution: reasonInput('The resolution') }), input);
    const mine = ownDepartment(ctx, locked);
    if (mine.state !== 'IN_PROGRESS') {
      throw InputError.single(
        ['input', 'id'],
        mine.state === 'RESOLVED'
          ? 'Your department has resolved its part already.'
          : 'Start work on the case (START) before resolving it.',
        'ILLEGAL_TRANSITION',
      );
    }
    const { row } = locked;
    const now = nowOf(ctx);
    await query(
      ctx,
      `UPDATE case_department SET state = 'RESOLVED', resolved_at = $2, resolution = $3 WHERE id = $1`,
      [mine.id, now, v.resolution],
    );
    const done = locked.departments
      .filter(active)
      .every((d) => d.id === mine.id || d.state === 'RESOLVED');
    const clock = await clockOf(ctx, row.streetId);
    await commit(
      ctx,
      locked,
      {
        action: 'RESOLVE',
        to: done ? 'VERIFYING' : 'IN_PROGRESS',
        set: {
          ...(done
            ? {
                resolved_at: now,
                resolution: v.resolution,
                handling_minutes: clock.workingMinutesBetween(
                  row.dispatchedAt ?? row.acceptedAt ?? row.reportedAt,
                  now,
                ),
              }
            : {}),
          // More time is moot once the case, or the department that asked, is done.
          ...(done || row.pendingPostponement?.departmentId === mine.departmentId
            ? { pending_postponement: null }
            : {}),
        },
        departmentId: mine.departmentId,
        note: v.resolution,
        attachments: v.attachments,
      },
      now,
      events.caseResolved,
      { departmentId: mine.departmentId },
    );
    return reread(ctx, row.id);
  },

  /** 核查 on site: passed closes the case; failed sends it back for rework (返工). */
  async verify(ctx: Context, input: ActionInput & { passed: boolean }): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'VERIFY');
    const v = validate(z.object({ ...common, passed: z.boolean() }), input);
    const { row } = locked;
    const now = nowOf(ctx);
    const resolvedDepartments = locked.departments.filter((d) => d.state === 'RESOLVED');
    if (!v.passed && !v.note) {
      throw InputError.single(
        ['input', 'note'],
        'Say what is still wrong when a verification fails.',
        'REQUIRED',
      );
    }
    const to: CaseStatus = v.passed
      ? 'CLOSED'
      : resolvedDepartments.length
        ? 'IN_PROGRESS'
        : 'ACCEPTED';
    if (!v.passed && resolvedDepartments.length) {
      await query(
        ctx,
        `UPDATE case_department SET state = 'IN_PROGRESS', resolved_at = NULL WHERE id = ANY($1::bigint[])`,
        [resolvedDepartments.map((d) => d.id)],
      );
    }
    await commit(
      ctx,
      locked,
      {
        action: 'VERIFY',
        to,
        set: v.passed
          ? { verified_at: now, closed_at: now }
          : { verified_at: now, rework_count: row.reworkCount + 1, resolved_at: null },
        note: v.note,
        attachments: v.attachments,
        details: { passed: v.passed },
      },
      now,
      events.caseVerified,
      { passed: v.passed },
    );
    return reread(ctx, row.id);
  },

  /** 回访/评价 by the reporter, once. */
  async rate(
    ctx: Context,
    input: ActionInput & { rating: Rating; comment?: string | null },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'RATE');
    const v = validate(
      z.object({
        ...common,
        rating: z.enum(RATINGS),
        comment: z
          .string()
          .trim()
          .max(500, 'A comment is at most 500 characters.')
          .nullable()
          .optional(),
      }),
      input,
    );
    const now = nowOf(ctx);
    await commit(
      ctx,
      locked,
      {
        action: 'RATE',
        to: locked.row.status,
        set: { rating: v.rating, rating_comment: v.comment || null, rated_at: now },
        note: v.comment || null,
        details: { rating: v.rating },
      },
      now,
      events.caseRated,
      { rating: v.rating },
    );
    return reread(ctx, locked.row.id);
  },

  /** Up one level: grid → community → street. */
  async escalate(ctx: Context, input: ActionInput): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'ESCALATE');
    const v = validate(z.object(common), input);
    const { row } = locked;
    const toLevel = levelAbove(row.level);
    const now = nowOf(ctx);
    await commit(
      ctx,
      locked,
      {
        action: 'ESCALATE',
        to: row.status,
        set: { level: toLevel, owner_user_id: null },
        note: v.note,
        attachments: v.attachments,
        details: { fromLevel: row.level, toLevel },
      },
      now,
      events.caseEscalated,
      { fromLevel: row.level, toLevel },
    );
    return reread(ctx, row.id);
  },

  /** Gives the case another owner: staff of its street, or nobody (null). */
  async reassign(
    ctx: Context,
    input: ActionInput & { ownerUserId: string | null },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'REASSIGN');
    const v = validate(z.object(common), input);
    const { row } = locked;
    if (input.ownerUserId) {
      const [user] = await query<{ disabled: boolean; role: string }>(
        ctx,
        `SELECT disabled_at IS NOT NULL AS disabled, role FROM app_user WHERE id = $1 AND street_id = $2`,
        [input.ownerUserId, row.streetId],
      );
      if (!user || ['RESIDENT', 'VOLUNTEER'].includes(user.role)) {
        throw InputError.single(
          ['input', 'ownerId'],
          'No staff account with this ID exists in this street.',
          'NOT_FOUND',
        );
      }
      if (user.disabled)
        throw InputError.single(['input', 'ownerId'], 'The account is disabled.', 'INVALID');
    }
    if ((input.ownerUserId ?? null) === row.ownerUserId) {
      throw InputError.single(['input', 'ownerId'], 'The case has this owner already.', 'INVALID');
    }
    const now = nowOf(ctx);
    await commit(
      ctx,
      locked,
      {
        action: 'REASSIGN',
        to: row.status,
        set: { owner_user_id: input.ownerUserId ?? null },
        note: v.note,
        attachments: v.attachments,
        details: { ownerUserId: input.ownerUserId ?? null },
      },
      now,
      events.caseReassigned,
      { ownerUserId: input.ownerUserId ?? null },
    );
    return reread(ctx, row.id);
  },

  /** To another category: the stage's due time follows its current rules. */
  async recategorize(
    ctx: Context,
    input: ActionInput & { categoryId: string },
  ): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'RECATEGORIZE');
    const v = validate(z.object(common), input);
    const { row } = locked;
    const { category, rules } = await categoryService.forCase(ctx, row.streetId, input.categoryId, [
      'input',
      'categoryId',
    ]);
    if (category.id === row.categoryId) {
      throw InputError.single(
        ['input', 'categoryId'],
        'The case is in this category already.',
        'INVALID',
      );
    }
    const old = await rulesOf(ctx, row);
    const intake = row.status === 'REPORTED';
    const oldLimit = (intake ? old.intakeLimits : old.timeLimits)[row.urgency];
    const newLimit = (intake ? rules.intakeLimits : rules.timeLimits)[row.urgency];
    // Postponements granted stay granted.
    const allowed = newLimit + Math.max(0, row.allowedMinutes - oldLimit);
    const dueAt = dueOf(await clockOf(ctx, row.streetId), { ...row, allowedMinutes: allowed });
    const now = nowOf(ctx);
    await commit(
      ctx,
      locked,
      {
        action: 'RECATEGORIZE',
        to: row.status,
        set: {
          category_id: category.id,
          category_version: category.version,
          allowed_minutes: allowed,
          due_at: dueAt,
          ...(intake ? { accept_due_at: dueAt } : {}),
          overdue_at: dueAt > now ? null : row.overdueAt,
        },
        note: v.note,
        attachments: v.attachments,
        details: { fromCategoryId: row.categoryId, toCategoryId: category.id },
      },
      now,
      events.caseRecategorized,
      { categoryId: category.id, categoryVersion: category.version, dueAt },
    );
    await moveDepartmentDues(ctx, locked, dueAt);
    return reread(ctx, row.id);
  },

  /** 作废: the departments on it are withdrawn. */
  async cancel(ctx: Context, input: ActionInput & { reason: string }): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'CANCEL');
    const v = validate(z.object({ ...common, reason: reasonInput('The reason') }), input);
    const now = nowOf(ctx);
    await withdrawDepartments(ctx, locked);
    await commit(
      ctx,
      locked,
      {
        action: 'CANCEL',
        to: 'CANCELLED',
        set: { cancelled_at: now, cancel_reason: v.reason, pending_postponement: null },
        note: v.reason,
        attachments: v.attachments,
      },
      now,
      events.caseCancelled,
      {},
    );
    return reread(ctx, locked.row.id);
  },

  /** A closed case not really fixed: back to its departments (or the dispatcher), on a new clock. */
  async reopen(ctx: Context, input: ActionInput & { reason: string }): Promise<CaseRecord> {
    const locked = await lock(ctx, input, 'REOPEN');
    const v = validate(z.object({ ...common, reason: reasonInput('The reason') }), input);
    const { row } = locked;
    const now = nowOf(ctx);
    const limit = (await rulesOf(ctx, row)).timeLimits[row.urgency];
    const dueAt = (await clockOf(ctx, row.streetId)).addWorkingMinutes(now, limit);
    const resolved = locked.departments.filter((d) => d.state === 'RESOLVED');
    if (resolved.length) {
      await query(
        ctx,
        `UPDATE case_department SET state = 'IN_PROGRESS', resolved_at = NULL, due_at = $2, overdue_at = NULL
         WHERE id = ANY($1::bigint[])`,
        [resolved.map((d) => d.id), dueAt],
      );
    }
    await commit(
      ctx,
      locked,
      {
        action: 'REOPEN',
        to: resolved.length ? 'IN_PROGRESS' : 'ACCEPTED',
        set: {
          closed_at: null,
          resolved_at: null,
          verified_at: null,
          reopen_count: row.reopenCount + 1,
          allowed_minutes: limit,
          stage_started_at: now,
          paused_minutes: 0,
          due_at: dueAt,
          overdue_at: null,
        },
        note: v.reason,
        attachments: v.attachments,
      },
      now,
      events.caseReopened,
      {},
    );
    return reread(ctx, row.id);
  },

  /** A duplicate merged into another open case of the street: it ends, pointing there. */
  async merge(ctx: Context, input: ActionInput & { intoCaseId: string }): Promise<CaseRecord> {
    // Both rows, in id order: two opposite merges at once wait for each other, never deadlock.
    await query(
      ctx,
      `SELECT 1 FROM case_file WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
      [[input.id, input.intoCaseId]],
    );
    const locked = await lock(ctx, input, 'MERGE');
    const v = validate(z.object(common), input);
    const { row } = locked;
    if (input.intoCaseId === row.id) {
      throw InputError.single(
        ['input', 'intoCaseId'],
        'A case cannot be merged into itself.',
        'INVALID',
      );
    }
    const [target] = await query<{ status: CaseStatus; streetId: string; number: string }>(
      ctx,
      `SELECT status, street_id::text AS "streetId", number FROM case_file WHERE id = $1 FOR UPDATE`,
      [input.intoCaseId],
    );
    if (
      !target ||
      target.streetId !== row.streetId ||
      !(await readRuleAllows(ctx, caseTable, input.intoCaseId))
    ) {
      throw InputError.single(
        ['input', 'intoCaseId'],
        'No case with this ID exists in this street.',
        'NOT_FOUND',
      );
    }
    if (['CANCELLED', 'REJECTED', 'CLOSED'].includes(target.status)) {
      throw InputError.single(
        ['input', 'intoCaseId'],
        `Merge into an open case: this one is ${target.status}.`,
        'INVALID',
      );
    }
    const now = nowOf(ctx);
    await withdrawDepartments(ctx, locked);
    await commit(
      ctx,
      locked,
      {
        action: 'MERGE',
        to: 'CANCELLED',
        set: {
          cancelled_at: now,
          cancel_reason: `Duplicate of ${target.number}`,
          merged_into_id: input.intoCaseId,
          pending_postponement: null,
        },
        note: v.note,
        attachments: v.attachments,
        details: { intoCaseId: input.intoCaseId, intoNumber: target.number },
      },
      now,
      events.caseMerged,
      { intoCaseId: input.intoCaseId },
    );
    // The surviving case's timeline says what joined it (its state and version stay).
    await query(
      ctx,
      `INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind,
         actor_id, actor_role, note, details, occurred_at)
       VALUES ($1, $2, 'MERGE', $3, $3, $4, $5, $6, $7, $8, $9)`,
      [
        row.streetId,
        input.intoCaseId,
        target.status,
        ctx.viewer.kind,
        ctx.viewer.id,
        ctx.viewer.role,
        v.note ?? null,
        JSON.stringify({ mergedCaseId: row.id, mergedNumber: row.number }),
        now,
      ],
    );
    return reread(ctx, row.id);
  },
};

async function withdrawDepartments(ctx: Context, locked: Locked): Promise<void> {
  const working = locked.departments.filter((d) => active(d) && d.state !== 'RESOLVED');
  if (working.length === 0) return;
  await query(ctx, `UPDATE case_department SET state = 'WITHDRAWN' WHERE id = ANY($1::bigint[])`, [
    working.map((d) => d.id),
  ]);
}
