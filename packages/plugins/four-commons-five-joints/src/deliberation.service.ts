import { PluginInputError, type PluginContext } from '@lianxin/sdk';
import type { FourCommonsConfig } from './config';
import {
  allowedActions,
  DELIBERATION_KINDS,
  EDITABLE,
  INITIAL_STATUS,
  mayWrite,
  TASKS_OPEN_IN,
  today,
  TRANSITIONS,
  type DeliberationAction,
  type DeliberationKind,
} from './rules';

/**
 * Joint deliberations (四共) and their follow-up tasks: the lifecycle, the quorum, who may do
 * what. Knows nothing of GraphQL; every function takes the plugin's context first. Input errors
 * are thrown as PluginInputError on the field the caller named (`field`), which rolls back the
 * mutation's transaction.
 */

type Ctx = PluginContext<FourCommonsConfig>;

export interface DeliberationRow {
  id: string;
  streetId: string;
  kind: DeliberationKind;
  status: string;
  caseId: string | null;
}

export interface NewDeliberation {
  kind: DeliberationKind;
  title: string;
  agenda: string | null;
  unitIds: readonly string[];
  caseId: string | null;
  meetingOn: string | null;
  origin?: 'MANUAL' | 'CASE_ESCALATION';
}

const ROW = `id::text AS id, street_id::text AS "streetId", kind, status, case_id::text AS "caseId"`;

/** The deliberation, locked for the change; a user error on `field` when the caller sees none. */
export async function lockDeliberation(
  ctx: Ctx,
  id: string,
  field: string[],
): Promise<DeliberationRow> {
  const [row] = await ctx.db.query<DeliberationRow>(
    `SELECT ${ROW} FROM deliberation WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw PluginInputError.single(field, 'No joint deliberation has this ID.', 'NOT_FOUND');
  ctx.street(row.streetId);
  return row;
}

function illegal(row: DeliberationRow, what: string, field: string[]): never {
  const allowed = allowedActions(row.status);
  throw PluginInputError.single(
    field,
    `A deliberation that is ${row.status} cannot be ${what}; allowed now: ${allowed.join(', ') || 'nothing (it is over)'}.`,
    'ILLEGAL_TRANSITION',
  );
}

/**
 * Opens a deliberation in `streetId` with its member units. Answers its id, or null when it is
 * an urgent one for a case that has one already (the unique index decides, so two racing
 * openers cannot both win).
 */
export async function openDeliberation(
  ctx: Ctx,
  streetId: string,
  d: NewDeliberation,
): Promise<string | null> {
  mayWrite(ctx);
  const origin = d.origin ?? 'MANUAL';
  const [row] = await ctx.db.query<{ id: string }>(
    `INSERT INTO deliberation (street_id, kind, title, agenda, status, origin, case_id, meeting_on,
       discussion_started_at)
     VALUES ($1, $2, $3, $4, $5::text, $6, $7, $8, CASE WHEN $5::text = 'DISCUSSING' THEN now() END)
     ON CONFLICT (case_id) WHERE kind = 'URGENT' DO NOTHING
     RETURNING id::text AS id`,
    [streetId, d.kind, d.title, d.agenda, INITIAL_STATUS[d.kind], origin, d.caseId, d.meetingOn],
  );
  if (!row) return null;
  await addUnits(ctx, streetId, row.id, d.unitIds);
  await ctx.emit('four_commons_five_joints.deliberation_opened', {
    streetId,
    subjectId: row.id,
    payload: { kind: d.kind, origin, caseId: d.caseId, unitIds: [...d.unitIds] },
  });
  return row.id;
}

async function addUnits(
  ctx: Ctx,
  streetId: string,
  deliberationId: string,
  unitIds: readonly string[],
): Promise<void> {
  if (!unitIds.length) return;
  await ctx.db.query(
    `INSERT INTO deliberation_unit (street_id, deliberation_id, organization_id)
     SELECT $1, $2, u FROM unnest($3::bigint[]) AS u ON CONFLICT DO NOTHING`,
    [streetId, deliberationId, unitIds],
  );
}

export interface DeliberationChanges {
  title?: string;
  agenda?: string | null;
  meetingOn?: string | null;
  /** The member units, all of them (replaces the list). */
  unitIds?: readonly string[];
}

/** Changes the topic, agenda, meeting date or member units, while it is not yet decided. */
export async function updateDeliberation(
  ctx: Ctx,
  row: DeliberationRow,
  changes: DeliberationChanges,
  field: string[],
): Promise<void> {
  mayWrite(ctx);
  if (!EDITABLE.includes(row.status as never)) illegal(row, 'changed', field);
  const fields = Object.keys(changes).filter(
    (k) => changes[k as keyof DeliberationChanges] !== undefined,
  );
  if (!fields.length)
    throw PluginInputError.single(field, 'Name at least one thing to change.', 'REQUIRED');
  await ctx.db.query(
    `UPDATE deliberation SET
       title = CASE WHEN $2::boolean THEN $3::text ELSE title END,
       agenda = CASE WHEN $4::boolean THEN $5::text ELSE agenda END,
       meeting_on = CASE WHEN $6::boolean THEN $7::date ELSE meeting_on END,
       updated_at = now()
     WHERE id = $1`,
    [
      row.id,
      changes.title !== undefined,
      changes.title ?? null,
      changes.agenda !== undefined,
      changes.agenda ?? null,
      changes.meetingOn !== undefined,
      changes.meetingOn ?? null,
    ],
  );
  if (changes.unitIds) {
    // Tasks stay with their units: a unit responsible for a task cannot leave (none exist before
    // the decision, so this holds by the lifecycle).
    await ctx.db.query(
      `DELETE FROM deliberation_unit WHERE deliberation_id = $1 AND organization_id <> ALL($2::bigint[])`,
      [row.id, changes.unitIds],
    );
    await addUnits(ctx, row.streetId, row.id, changes.unitIds);
  }
  await ctx.emit('four_commons_five_joints.deliberation_updated', {
    streetId: row.streetId,
    subjectId: row.id,
    payload: { kind: row.kind, fields },
  });
}

/** Refuses an action the deliberation's state does not allow (ILLEGAL_TRANSITION). */
function assertCan(row: DeliberationRow, action: DeliberationAction, field: string[]): void {
  const t = TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(row.status)) illegal(row, t.verb, field);
}

async function move(
  ctx: Ctx,
  row: DeliberationRow,
  action: DeliberationAction,
  set: string,
  params: unknown[],
  field: string[],
): Promise<void> {
  mayWrite(ctx);
  assertCan(row, action, field);
  const t = TRANSITIONS[action];
  await ctx.db.query(
    `UPDATE deliberation SET status = $2, ${t.column} = now(), updated_at = now()${set ? `, ${set}` : ''}
     WHERE id = $1`,
    [row.id, t.to, ...params],
  );
}

/** 提议 → 协商: the committee takes the topic up. */
export async function startDiscussion(ctx: Ctx, row: DeliberationRow, field: string[]) {
  await move(ctx, row, 'START_DISCUSSION', '', [], field);
  await ctx.emit('four_commons_five_joints.deliberation_discussion_started', {
    streetId: row.streetId,
    subjectId: row.id,
    payload: { kind: row.kind },
  });
}

export interface NewTask {
  title: string;
  responsibleUnitId: string;
  dueOn: string;
}

/**
 * 形成决议: records the decision and its follow-up tasks. The street's quorum of member units
 * must have taken part.
 */
export async function decide(
  ctx: Ctx,
  row: DeliberationRow,
  decision: string,
  tasks: readonly NewTask[],
  field: string[],
): Promise<void> {
  mayWrite(ctx);
  assertCan(row, 'DECIDE', field);
  const { quorum } = ctx.config(row.streetId);
  const [{ units }] = (await ctx.db.query<{ units: number }>(
    `SELECT count(*)::int AS units FROM deliberation_unit WHERE deliberation_id = $1`,
    [row.id],
  )) as [{ units: number }];
  if (units < quorum) {
    throw PluginInputError.single(
      field,
      `This street decides with at least ${quorum} member units; this deliberation has ${units}. Add units first (updateJointDeliberation).`,
      'ILLEGAL_TRANSITION',
    );
  }
  await move(ctx, row, 'DECIDE', 'decision = $3', [decision], field);
  // The decision's event first, then its tasks': in the stream, as it happened.
  await ctx.emit('four_commons_five_joints.deliberation_decided', {
    streetId: row.streetId,
    subjectId: row.id,
    payload: { kind: row.kind, tasks: tasks.length },
  });
  const decided = { ...row, status: TRANSITIONS.DECIDE.to };
  for (const [i, task] of tasks.entries()) {
    await addTask(ctx, decided, task, [...field.slice(0, -1), 'tasks', String(i)]);
  }
}

/** 办结: every follow-up task is done. */
export async function close(
  ctx: Ctx,
  row: DeliberationRow,
  outcome: string | null,
  field: string[],
): Promise<void> {
  mayWrite(ctx);
  assertCan(row, 'CLOSE', field);
  const [{ open }] = (await ctx.db.query<{ open: number }>(
    `SELECT count(*)::int AS open FROM deliberation_task WHERE deliberation_id = $1 AND status = 'OPEN'`,
    [row.id],
  )) as [{ open: number }];
  if (open > 0) {
    throw PluginInputError.single(
      field,
      `${open} follow-up task${open > 1 ? 's are' : ' is'} still open: a deliberation closes when its tasks are done.`,
      'ILLEGAL_TRANSITION',
    );
  }
  await move(ctx, row, 'CLOSE', 'outcome = $3', [outcome], field);
  await ctx.emit('four_commons_five_joints.deliberation_closed', {
    streetId: row.streetId,
    subjectId: row.id,
    payload: { kind: row.kind },
  });
}

/** Withdrawn before a decision, with the reason. */
export async function cancel(ctx: Ctx, row: DeliberationRow, reason: string, field: string[]) {
  await move(ctx, row, 'CANCEL', 'cancel_reason = $3', [reason], field);
  await ctx.emit('four_commons_five_joints.deliberation_cancelled', {
    streetId: row.streetId,
    subjectId: row.id,
    payload: { kind: row.kind },
  });
}

/**
 * Assigns a follow-up task of a decided deliberation to one of its member units (the units that
 * decided carry it out: 实事共办). Answers the task's id.
 */
export async function addTask(
  ctx: Ctx,
  row: DeliberationRow,
  task: NewTask,
  field: string[],
): Promise<string> {
  mayWrite(ctx);
  if (row.status !== TASKS_OPEN_IN) {
    throw PluginInputError.single(
      field,
      `Follow-up tasks are assigned once a deliberation is ${TASKS_OPEN_IN}; this one is ${row.status}.`,
      'ILLEGAL_TRANSITION',
    );
  }
  if (task.dueOn < today()) {
    throw PluginInputError.single(
      [...field, 'dueOn'],
      `A new task cannot be due in the past (today is ${today()}).`,
      'INVALID',
    );
  }
  const [inserted] = await ctx.db.query<{ id: string }>(
    `INSERT INTO deliberation_task (street_id, deliberation_id, title, responsible_organization_id, due_on)
     SELECT $1, $2, $3, $4, $5 WHERE EXISTS (
       SELECT 1 FROM deliberation_unit WHERE deliberation_id = $2 AND organization_id = $4)
     RETURNING id::text AS id`,
    [row.streetId, row.id, task.title, task.responsibleUnitId, task.dueOn],
  );
  if (!inserted) {
    throw PluginInputError.single(
      [...field, 'responsibleUnitId'],
      'The responsible unit must be one of the deliberation’s member units.',
      'INVALID',
    );
  }
  await ctx.emit('four_commons_five_joints.task_assigned', {
    streetId: row.streetId,
    subjectId: inserted.id,
    payload: {
      deliberationId: row.id,
      responsibleUnitId: task.responsibleUnitId,
      dueOn: task.dueOn,
    },
  });
  return inserted.id;
}

/** Marks an open task done, while its deliberation is decided and not yet closed. */
export async function completeTask(
  ctx: Ctx,
  taskId: string,
  note: string | null,
  field: string[],
): Promise<{ deliberationId: string }> {
  mayWrite(ctx);
  const taskOf = async (lock: boolean) =>
    (
      await ctx.db.query<{ id: string; status: string; deliberationId: string; unitId: string }>(
        `SELECT id::text AS id, status, deliberation_id::text AS "deliberationId",
           responsible_organization_id::text AS "unitId"
         FROM deliberation_task WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
        [taskId],
      )
    )[0];
  const found = await taskOf(false);
  if (!found) throw PluginInputError.single(field, 'No follow-up task has this ID.', 'NOT_FOUND');
  // The deliberation first, then the task: the order every writer takes.
  const row = await lockDeliberation(ctx, found.deliberationId, field);
  const task = (await taskOf(true))!;
  if (task.status !== 'OPEN') {
    throw PluginInputError.single(field, 'This task is done already.', 'ILLEGAL_TRANSITION');
  }
  if (row.status !== TASKS_OPEN_IN) {
    throw PluginInputError.single(
      field,
      `Tasks are done while their deliberation is ${TASKS_OPEN_IN}; this one is ${row.status}.`,
      'ILLEGAL_TRANSITION',
    );
  }
  await ctx.db.query(
    `UPDATE deliberation_task SET status = 'DONE', done_at = now(), note = $2 WHERE id = $1`,
    [task.id, note],
  );
  await ctx.emit('four_commons_five_joints.task_done', {
    streetId: row.streetId,
    subjectId: task.id,
    payload: { deliberationId: row.id, responsibleUnitId: task.unitId },
  });
  return { deliberationId: row.id };
}

/** "急事共商：…" and the like: the kind's name before a title, cut to the title's limit. */
export const titled = (kind: DeliberationKind, title: string) =>
  `${DELIBERATION_KINDS[kind]}：${title}`.slice(0, 100);
