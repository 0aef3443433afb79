import type { Viewer } from '../shared/viewer';
import { CASE_DUTIES, type CaseDuty, type CaseLevel, type CaseStatus } from './case.entity';

/**
 * The case lifecycle (DOMAIN.md, "Case lifecycle"): one table of every action, the states it
 * starts from, the state it leads to, and who may take it. Services check it before they write;
 * `allowedActions` answers "what may I do now" from the same table.
 */
export const CASE_ACTIONS = [
  'ACCEPT',
  'REJECT',
  'DISPATCH',
  'RESOLVE_ON_THE_SPOT',
  'ACKNOWLEDGE',
  'START',
  'RETURN',
  'REQUEST_POSTPONEMENT',
  'DECIDE_POSTPONEMENT',
  'SUSPEND',
  'RESUME',
  'RESOLVE',
  'VERIFY',
  'RATE',
  'ESCALATE',
  'REASSIGN',
  'RECATEGORIZE',
  'CANCEL',
  'REOPEN',
  'MERGE',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Timeline entries that are not actions of a person: the report itself and the overdue sweep. */
export type TimelineAction = CaseAction | 'REPORT' | 'OVERDUE' | 'ACKNOWLEDGE_OVERDUE';

/** States in which a case is still being handled. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'REPORTED',
  'ACCEPTED',
  'DISPATCHED',
  'IN_PROGRESS',
  'SUSPENDED',
  'VERIFYING',
];

/** States whose due time runs: a suspended case's clock is stopped. */
export const CLOCK_RUNNING: readonly CaseStatus[] = [
  'REPORTED',
  'ACCEPTED',
  'DISPATCHED',
  'IN_PROGRESS',
  'VERIFYING',
];

/** What the rules need to know of a case. */
export interface CaseFacts {
  streetId: string;
  status: CaseStatus;
  level: CaseLevel;
  /** The code of the case's grid (grid workers act in their subtree). */
  gridCode: string;
  reporterUserId: string | null;
  ownerUserId: string | null;
  /** Departments dispatched and not returned, with their state. */
  departments: readonly { departmentId: string; state: string }[];
  hasPendingPostponement: boolean;
  rated: boolean;
}

/** Who may take an action, each checked against the viewer and the case. */
export type Actor =
  | 'STREET' // street, district and platform administrators of the case's street
  | CaseDuty // staff of the street holding the duty
  | 'GRID' // grid workers whose subtree holds the case's grid
  | 'COMMUNITY' // community staff of the street
  | 'DEPARTMENT' // staff of a department dispatched to the case
  | 'REPORTER'; // the user who reported it

interface Rule {
  from: readonly CaseStatus[];
  /** The state after; `same` keeps it; `derived` is decided by the service (see the comments). */
  to: CaseStatus | 'same' | 'derived';
  by: readonly Actor[];
  /** Further condition on the case, and the reason when it fails. */
  when?: (c: CaseFacts) => string | null;
}

const LEVEL_ORDER: readonly CaseLevel[] = ['GRID', 'COMMUNITY', 'STREET'];

export const TRANSITIONS: Record<CaseAction, Rule> = {
  ACCEPT: { from: ['REPORTED'], to: 'ACCEPTED', by: ['INTAKE', 'SHIFT_LEAD', 'STREET'] },
  REJECT: { from: ['REPORTED'], to: 'REJECTED', by: ['INTAKE', 'SHIFT_LEAD', 'STREET'] },
  // 派遣; several departments at once is the whistle (吹哨).
  DISPATCH: { from: ['ACCEPTED'], to: 'DISPATCHED', by: ['DISPATCHER', 'SHIFT_LEAD', 'STREET'] },
  // 小事不出网格: the grid fixes it and an inspector checks.
  RESOLVE_ON_THE_SPOT: { from: ['ACCEPTED'], to: 'VERIFYING', by: ['GRID', 'STREET'] },
  // 报到: a dispatched department confirms it has the case.
  ACKNOWLEDGE: {
    from: ['DISPATCHED', 'IN_PROGRESS'],
    to: 'same',
    by: ['DEPARTMENT'],
  },
  START: { from: ['DISPATCHED', 'IN_PROGRESS'], to: 'IN_PROGRESS', by: ['DEPARTMENT'] },
  // 退回: not ours. The case goes back to the dispatcher (ACCEPTED) when no department is left.
  RETURN: { from: ['DISPATCHED', 'IN_PROGRESS'], to: 'derived', by: ['DEPARTMENT'] },
  REQUEST_POSTPONEMENT: {
    from: ['IN_PROGRESS'],
    to: 'same',
    by: ['DEPARTMENT'],
    when: (c) =>
      c.hasPendingPostponement ? 'A postponement is already waiting for a decision.' : null,
  },
  // 延期 is approved by the street; the due time moves when it is.
  DECIDE_POSTPONEMENT: {
    from: ['IN_PROGRESS'],
    to: 'same',
    by: ['SHIFT_LEAD', 'STREET'],
    when: (c) => (c.hasPendingPostponement ? null : 'No postponement is waiting for a decision.'),
  },
  // 挂账: cannot be fixed now (budget, season); the clock stops until it resumes.
  SUSPEND: { from: ['IN_PROGRESS'], to: 'SUSPENDED', by: ['SHIFT_LEAD', 'STREET'] },
  RESUME: { from: ['SUSPENDED'], to: 'IN_PROGRESS', by: ['SHIFT_LEAD', 'STREET'] },
  // The case goes to verification once every department still on it has resolved its part.
  RESOLVE: { from: ['IN_PROGRESS'], to: 'derived', by: ['DEPARTMENT'] },
  // 核查: passed closes it; failed sends it back for rework (返工).
  VERIFY: { from: ['VERIFYING'], to: 'derived', by: ['INSPECTOR', 'GRID', 'STREET'] },
  RATE: {
    from: ['CLOSED'],
    to: 'same',
    by: ['REPORTER'],
    when: (c) => (c.rated ? 'The case is rated already.' : null),
  },
  ESCALATE: {
    from: OPEN_STATUSES,
    to: 'same',
    by: ['GRID', 'COMMUNITY', 'SHIFT_LEAD', 'STREET'],
    when: (c) => (c.level === 'STREET' ? 'The case is at street level already.' : null),
  },
  REASSIGN: { from: OPEN_STATUSES, to: 'same', by: ['SHIFT_LEAD', 'DISPATCHER', 'STREET'] },
  RECATEGORIZE: {
    from: ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS'],
    to: 'same',
    by: ['INTAKE', 'SHIFT_LEAD', 'DISPATCHER', 'STREET'],
  },
  // 作废: duplicate, withdrawn, not a case.
  CANCEL: { from: OPEN_STATUSES, to: 'CANCELLED', by: ['SHIFT_LEAD', 'STREET'] },
  // A closed case that was not really fixed: back to its departments, or to the dispatcher.
  REOPEN: { from: ['CLOSED'], to: 'derived', by: ['SHIFT_LEAD', 'STREET'] },
  MERGE: {
    from: ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'SUSPENDED'],
    to: 'CANCELLED',
    by: ['INTAKE', 'SHIFT_LEAD', 'STREET'],
  },
};

/** Which actors the viewer is for this case. */
export function actorsOf(viewer: Viewer, c: CaseFacts): Set<Actor> {
  const actors = new Set<Actor>();
  const inStreet = viewer.streetIds === 'all' || viewer.streetIds.includes(c.streetId);
  if (!inStreet || viewer.kind === 'anonymous') return actors;
  switch (viewer.role) {
    case 'PLATFORM_ADMIN':
    case 'DISTRICT_ADMIN':
    case 'STREET_ADMIN':
      actors.add('STREET');
      break;
    case 'COMMUNITY_STAFF':
      actors.add('COMMUNITY');
      break;
    case 'GRID_WORKER':
      if (viewer.gridCode && c.gridCode.startsWith(viewer.gridCode)) actors.add('GRID');
      break;
    case 'DEPARTMENT_STAFF':
      if (
        viewer.departmentId &&
        c.departments.some((d) => d.departmentId === viewer.departmentId)
      ) {
        actors.add('DEPARTMENT');
      }
      break;
    default:
      break;
  }
  // Duties are staff's: street, community, grid and department staff may hold them.
  if (viewer.role && !['RESIDENT', 'VOLUNTEER', 'INTEGRATION'].includes(viewer.role)) {
    for (const duty of viewer.duties ?? []) {
      if ((CASE_DUTIES as readonly string[]).includes(duty)) actors.add(duty as CaseDuty);
    }
  }
  if (viewer.kind === 'user' && viewer.id !== null && viewer.id === c.reporterUserId) {
    actors.add('REPORTER');
  }
  return actors;
}

export type Verdict =
  { ok: true } | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN'; message: string };

/** Whether the viewer may take `action` on the case now, and why not. */
export function check(viewer: Viewer, c: CaseFacts, action: CaseAction): Verdict {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(c.status)) {
    const allowed = allowedActions(viewer, c);
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message:
        `A case that is ${c.status} cannot be ${pastTense(action)}. ` +
        (allowed.length
          ? `Allowed now: ${allowed.join(', ')}.`
          : 'You may take no action on it now.'),
    };
  }
  const reason = rule.when?.(c);
  if (reason) {
    const allowed = allowedActions(viewer, c);
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: `${reason} Allowed now: ${allowed.join(', ') || 'none'}.`,
    };
  }
  const actors = actorsOf(viewer, c);
  if (!rule.by.some((a) => actors.has(a))) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: `Only ${rule.by.map(describeActor).join(', ')} may ${verb(action)} this case.`,
    };
  }
  return { ok: true };
}

/** The actions the viewer may take on the case now, in table order. */
export function allowedActions(viewer: Viewer, c: CaseFacts): CaseAction[] {
  const actors = actorsOf(viewer, c);
  return CASE_ACTIONS.filter((action) => {
    const rule = TRANSITIONS[action];
    return rule.from.includes(c.status) && !rule.when?.(c) && rule.by.some((a) => actors.has(a));
  });
}

/** The level above, for escalation. */
export function levelAbove(level: CaseLevel): CaseLevel {
  return LEVEL_ORDER[Math.min(LEVEL_ORDER.indexOf(level) + 1, LEVEL_ORDER.length - 1)]!;
}

const VERBS: Record<CaseAction, [string, string]> = {
  ACCEPT: ['accept', 'accepted'],
  REJECT: ['reject', 'rejected'],
  DISPATCH: ['dispatch', 'dispatched'],
  RESOLVE_ON_THE_SPOT: ['resolve on the spot', 'resolved on the spot'],
  ACKNOWLEDGE: ['acknowledge', 'acknowledged'],
  START: ['start work on', 'started'],
  RETURN: ['return', 'returned'],
  REQUEST_POSTPONEMENT: ['ask to postpone', 'postponed'],
  DECIDE_POSTPONEMENT: ['decide a postponement of', 'given a postponement decision'],
  SUSPEND: ['suspend', 'suspended'],
  RESUME: ['resume', 'resumed'],
  RESOLVE: ['resolve', 'resolved'],
  VERIFY: ['verify', 'verified'],
  RATE: ['rate', 'rated'],
  ESCALATE: ['escalate', 'escalated'],
  REASSIGN: ['reassign', 'reassigned'],
  RECATEGORIZE: ['recategorize', 'recategorized'],
  CANCEL: ['cancel', 'cancelled'],
  REOPEN: ['reopen', 'reopened'],
  MERGE: ['merge', 'merged'],
};
const verb = (a: CaseAction) => VERBS[a][0];
const pastTense = (a: CaseAction) => VERBS[a][1];

function describeActor(actor: Actor): string {
  switch (actor) {
    case 'STREET':
      return "the street's administrators";
    case 'GRID':
      return "the grid's workers";
    case 'COMMUNITY':
      return 'community staff';
    case 'DEPARTMENT':
      return 'a department it was dispatched to';
    case 'REPORTER':
      return 'its reporter';
    case 'INTAKE':
      return 'intake staff (受理员)';
    case 'SHIFT_LEAD':
      return 'shift leads (值班长)';
    case 'DISPATCHER':
      return 'dispatchers (派遣员)';
    case 'INSPECTOR':
      return 'inspectors (监督员)';
  }
}
