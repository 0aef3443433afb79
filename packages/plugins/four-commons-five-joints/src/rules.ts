import {
  PluginError,
  PluginInputError,
  type OrganizationKind,
  type PluginContext,
} from '@lianxin/sdk';

/**
 * The rules of 四共五联 as data: the kinds, the deliberation lifecycle, who may write. Services
 * read them; `checkRules` holds them against each other when the plugin is loaded.
 */

/** 四共: the four kinds of joint deliberation, with their Chinese names. */
export const DELIBERATION_KINDS = {
  MAJOR: '大事共议',
  PRACTICAL: '实事共办',
  IMPORTANT: '要事共决',
  URGENT: '急事共商',
} as const;
export type DeliberationKind = keyof typeof DELIBERATION_KINDS;

/** 五联: the five kinds of joint activity, with their Chinese names. */
export const ACTIVITY_KINDS = {
  SPIRITUAL_CIVILIZATION: '精神文明联创',
  PUBLIC_SECURITY: '社会治安联防',
  PUBLIC_WELFARE: '公益事业联办',
  HEALTHY_ENVIRONMENT: '健康环境联建',
  CULTURE_AND_SPORTS: '文体活动联谊',
} as const;
export type ActivityKind = keyof typeof ACTIVITY_KINDS;

/**
 * The contract's organization kinds (configuration names them), as values: the SDK has them as a
 * type only. Held to it both ways when this compiles: a kind the contract lacks is an error
 * here, and so is one it has that is missing from the list.
 */
export const ORGANIZATION_KINDS = [
  'STREET_COMMITTEE',
  'JOINT_COMMITTEE',
  'COMMUNITY',
  'COMMUNITY_COMMITTEE',
  'PARTY_BRANCH',
  'PARTY_GROUP',
  'DEPARTMENT',
  'CO_BUILDING_UNIT',
  'SOCIAL_ORGANIZATION',
  'PROPERTY_MANAGER',
  'OWNERS_COMMITTEE',
] as const satisfies readonly OrganizationKind[];
type Unlisted = Exclude<OrganizationKind, (typeof ORGANIZATION_KINDS)[number]>;
export const everyKindListed: [Unlisted] extends [never] ? true : Unlisted = true;

export const DELIBERATION_STATUSES = [
  'PROPOSED',
  'DISCUSSING',
  'DECIDED',
  'CLOSED',
  'CANCELLED',
] as const;
export type DeliberationStatus = (typeof DELIBERATION_STATUSES)[number];

/**
 * Where a new deliberation starts: a topic is proposed, then put to the committee; an urgent
 * matter (急事共商) is discussed at once, with no proposal round to wait for.
 */
export const INITIAL_STATUS: Record<DeliberationKind, DeliberationStatus> = {
  MAJOR: 'PROPOSED',
  PRACTICAL: 'PROPOSED',
  IMPORTANT: 'PROPOSED',
  URGENT: 'DISCUSSING',
};

/**
 * The lifecycle: 提议 → 协商 → 形成决议 (with follow-up tasks) → 办结; withdrawn before a
 * decision. `column` is the timestamp the action sets.
 */
export const TRANSITIONS = {
  START_DISCUSSION: {
    from: ['PROPOSED'],
    to: 'DISCUSSING',
    verb: 'put to discussion',
    column: 'discussion_started_at',
  },
  DECIDE: { from: ['DISCUSSING'], to: 'DECIDED', verb: 'decided', column: 'decided_at' },
  CLOSE: { from: ['DECIDED'], to: 'CLOSED', verb: 'closed', column: 'closed_at' },
  CANCEL: {
    from: ['PROPOSED', 'DISCUSSING'],
    to: 'CANCELLED',
    verb: 'cancelled',
    column: 'cancelled_at',
  },
} as const satisfies Record<
  string,
  { from: readonly DeliberationStatus[]; to: DeliberationStatus; verb: string; column: string }
>;
export type DeliberationAction = keyof typeof TRANSITIONS;

/** States in which the topic, agenda and member units may still change. */
export const EDITABLE: readonly DeliberationStatus[] = ['PROPOSED', 'DISCUSSING'];
/** The state in which follow-up tasks are assigned and done: after the decision, before closing. */
export const TASKS_OPEN_IN: DeliberationStatus = 'DECIDED';

/** The actions a deliberation in `status` allows. */
export const allowedActions = (status: string): DeliberationAction[] =>
  (Object.keys(TRANSITIONS) as DeliberationAction[]).filter((a) =>
    (TRANSITIONS[a].from as readonly string[]).includes(status),
  );

/** Throws if the tables above contradict each other (run when the plugin is loaded). */
export function checkRules(): void {
  const known = new Set<string>(DELIBERATION_STATUSES);
  for (const [action, t] of Object.entries(TRANSITIONS)) {
    for (const s of [...t.from, t.to]) {
      if (!known.has(s)) throw new Error(`four-commons-five-joints: ${action} names state ${s}`);
    }
  }
  for (const [kind, s] of Object.entries(INITIAL_STATUS)) {
    if (!allowedActions(s).length) throw new Error(`${kind} starts in ${s}, a dead end`);
  }
}

/** Roles that run the joint committee's work: record, move and close deliberations, activities. */
export const WRITERS = ['PLATFORM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF'];
/** Roles that read nothing here (the records are the street staff's, as `readableBy: staff`). */
export const NOT_READERS = ['RESIDENT', 'VOLUNTEER'];

/** Refuses, as a user error, a caller who may not write (the system, in hooks and demo, may). */
export function mayWrite(ctx: PluginContext<unknown>): void {
  if (ctx.viewer.kind === 'system') return;
  if (!WRITERS.includes(ctx.viewer.role ?? '')) {
    throw PluginInputError.single(
      ['input'],
      'Only street administrators and community staff (or district and platform administrators) record the joint committee’s work.',
      'FORBIDDEN',
    );
  }
}

/** Refuses a caller who may not read the street's records (residents, volunteers). */
export function mayRead(ctx: PluginContext<unknown>): void {
  if (NOT_READERS.includes(ctx.viewer.role ?? '')) {
    throw new PluginError('FORBIDDEN', 'The joint committee’s records are read by street staff.');
  }
}

/** Today in China (the streets' local date), `YYYY-MM-DD`. */
export const today = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
