import { PluginInputError, type PluginContext, type PluginResolver } from '@lianxin/sdk';
import {
  lockActivity,
  recordActivity,
  updateActivity,
  type ActivityFields,
} from './activity.service';
import type { FourCommonsConfig } from './config';
import {
  addTask,
  cancel,
  close,
  completeTask,
  decide,
  lockDeliberation,
  openDeliberation,
  startDiscussion,
  updateDeliberation,
  type DeliberationChanges,
  type DeliberationRow,
  type NewTask,
} from './deliberation.service';
import { count, idOf, streetFor, text, unitsOf } from './inputs';
import { mayWrite, type ActivityKind, type DeliberationKind } from './rules';
import { fourCommonsStats } from './stats.service';

/** GraphQL in, services out: inputs are read and checked here, the rules live in the services. */

type Ctx = PluginContext<FourCommonsConfig>;
type Resolver = PluginResolver<FourCommonsConfig>;
type Input = Record<string, unknown>;

const DELIBERATION = 'JointDeliberation';
const TASK = 'JointDeliberationTask';
const ACTIVITY = 'JointActivity';
const ID = ['input', 'id'];

const deliberationPayload = async (ctx: Ctx, id: string) => ({
  deliberation: await ctx.load(DELIBERATION, id),
  userErrors: [],
});

/** A deliberation mutation on `input.id`: the row locked, then `change`, then the payload. */
const onDeliberation =
  (change: (ctx: Ctx, row: DeliberationRow, input: Input) => Promise<void>): Resolver =>
  async (_parent, { input }, ctx) => {
    const i = input as Input;
    const row = await lockDeliberation(ctx, idOf(ctx, i.id, DELIBERATION, ID), ID);
    await change(ctx, row, i);
    return deliberationPayload(ctx, row.id);
  };

function taskOf(ctx: Ctx, t: Input, field: string[]): NewTask {
  return {
    title: text(t.title, [...field, 'title'], 100)!,
    responsibleUnitId: idOf(ctx, t.responsibleUnitId, 'Organization', [
      ...field,
      'responsibleUnitId',
    ]),
    dueOn: String(t.dueOn),
  };
}

const createJointDeliberation: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  const streetId = streetFor(ctx, i.streetId, ['input', 'streetId']);
  const title = text(i.title, ['input', 'title'], 100)!;
  const agenda = text(i.agenda, ['input', 'agenda'], 2000, false);
  const unitIds = await unitsOf(ctx, i.unitIds, ['input', 'unitIds'], streetId);
  let caseId: string | null = null;
  if (i.caseId) {
    caseId = idOf(ctx, i.caseId, 'Case', ['input', 'caseId']);
    const found = await ctx.core.cases.get(caseId);
    if (!found || found.streetId !== streetId) {
      throw PluginInputError.single(
        ['input', 'caseId'],
        'No case of this street has this ID.',
        'NOT_FOUND',
      );
    }
  }
  const kind = i.kind as DeliberationKind;
  const id = await openDeliberation(ctx, streetId, {
    kind,
    title,
    agenda,
    unitIds,
    caseId,
    meetingOn: (i.meetingOn as string | null | undefined) ?? null,
  });
  if (!id) {
    throw PluginInputError.single(
      ['input', 'caseId'],
      'This case has an urgent deliberation (急事共商) already: one per case.',
      'CONFLICT',
    );
  }
  return deliberationPayload(ctx, id);
};

const updateJointDeliberation = onDeliberation(async (ctx, row, i) => {
  const changes: DeliberationChanges = {};
  if (i.title !== undefined) changes.title = text(i.title, ['input', 'title'], 100)!;
  if (i.agenda !== undefined) changes.agenda = text(i.agenda, ['input', 'agenda'], 2000, false);
  if (i.meetingOn !== undefined) changes.meetingOn = (i.meetingOn as string | null) ?? null;
  if (i.unitIds !== undefined)
    changes.unitIds = await unitsOf(ctx, i.unitIds, ['input', 'unitIds'], row.streetId);
  await updateDeliberation(ctx, row, changes, ID);
});

const startJointDeliberationDiscussion = onDeliberation((ctx, row) =>
  startDiscussion(ctx, row, ID),
);

const decideJointDeliberation = onDeliberation(async (ctx, row, i) => {
  const decision = text(i.decision, ['input', 'decision'], 2000)!;
  const given = (i.tasks ?? []) as Input[];
  if (given.length > 30) {
    throw PluginInputError.single(['input', 'tasks'], `At most 30 tasks; got ${given.length}.`);
  }
  const tasks = given.map((t, n) => taskOf(ctx, t, ['input', 'tasks', String(n)]));
  await decide(ctx, row, decision, tasks, ID);
});

const closeJointDeliberation = onDeliberation((ctx, row, i) =>
  close(ctx, row, text(i.outcome, ['input', 'outcome'], 2000, false), ID),
);

const cancelJointDeliberation = onDeliberation((ctx, row, i) =>
  cancel(ctx, row, text(i.reason, ['input', 'reason'], 500)!, ID),
);

const addJointDeliberationTask: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  const field = ['input', 'deliberationId'];
  const row = await lockDeliberation(ctx, idOf(ctx, i.deliberationId, DELIBERATION, field), field);
  const task = taskOf(ctx, i.task as Input, ['input', 'task']);
  const id = await addTask(ctx, row, task, ['input', 'task']);
  return {
    task: await ctx.load(TASK, id),
    deliberation: await ctx.load(DELIBERATION, row.id),
    userErrors: [],
  };
};

const completeJointDeliberationTask: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  const id = idOf(ctx, i.id, TASK, ID);
  const { deliberationId } = await completeTask(
    ctx,
    id,
    text(i.note, ['input', 'note'], 1000, false),
    ID,
  );
  return {
    task: await ctx.load(TASK, id),
    deliberation: await ctx.load(DELIBERATION, deliberationId),
    userErrors: [],
  };
};

const activityPayload = async (ctx: Ctx, id: string) => ({
  activity: await ctx.load(ACTIVITY, id),
  userErrors: [],
});

const recordJointActivity: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  const streetId = streetFor(ctx, i.streetId, ['input', 'streetId']);
  const fields: ActivityFields = {
    title: text(i.title, ['input', 'title'], 100)!,
    heldOn: String(i.heldOn),
    place: text(i.place, ['input', 'place'], 200, false),
    participants: count(i.participants, ['input', 'participants'], 0, 100_000),
    results: text(i.results, ['input', 'results'], 2000, false),
    unitIds: await unitsOf(ctx, i.unitIds, ['input', 'unitIds'], streetId),
  };
  const id = await recordActivity(ctx, streetId, i.kind as ActivityKind, fields, ['input']);
  return activityPayload(ctx, id);
};

const updateJointActivity: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  const row = await lockActivity(ctx, idOf(ctx, i.id, ACTIVITY, ID), ID);
  const changes: Partial<ActivityFields> = {};
  if (i.title !== undefined) changes.title = text(i.title, ['input', 'title'], 100)!;
  if (i.heldOn !== undefined) {
    if (i.heldOn === null)
      throw PluginInputError.single(['input', 'heldOn'], 'A value is required here.', 'REQUIRED');
    changes.heldOn = String(i.heldOn);
  }
  if (i.place !== undefined) changes.place = text(i.place, ['input', 'place'], 200, false);
  if (i.participants !== undefined)
    changes.participants = count(i.participants, ['input', 'participants'], 0, 100_000);
  if (i.results !== undefined) changes.results = text(i.results, ['input', 'results'], 2000, false);
  if (i.unitIds !== undefined)
    changes.unitIds = await unitsOf(ctx, i.unitIds, ['input', 'unitIds'], row.streetId);
  await updateActivity(ctx, row, changes, ['input']);
  return activityPayload(ctx, row.id);
};

const stats: Resolver = (_parent, args, ctx) => {
  const streetIds = args.streetId
    ? [ctx.street(ctx.ids.rowId(String(args.streetId), 'Street', 'streetId'))]
    : ctx.streetIds;
  return fourCommonsStats(ctx, {
    streetIds,
    from: (args.from as string | null | undefined) ?? null,
    to: (args.to as string | null | undefined) ?? null,
  });
};

/** Who may write is asked first: a caller who may not is told so whatever the input. */
const writers = (list: Record<string, Resolver>): Record<string, Resolver> =>
  Object.fromEntries(
    Object.entries(list).map(([name, resolve]) => [
      name,
      (parent, args, ctx) => {
        mayWrite(ctx);
        return resolve(parent, args, ctx);
      },
    ]),
  );

export const resolvers: Record<string, Record<string, Resolver>> = {
  Query: { fourCommonsStats: stats },
  Mutation: writers({
    createJointDeliberation,
    updateJointDeliberation,
    startJointDeliberationDiscussion,
    decideJointDeliberation,
    closeJointDeliberation,
    cancelJointDeliberation,
    addJointDeliberationTask,
    completeJointDeliberationTask,
    recordJointActivity,
    updateJointActivity,
  }),
};
