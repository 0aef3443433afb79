import { Tokens } from '../src/domain/identity/tokens';
import { gid, type StreetActors } from './actors';
import { JWT_SECRET, type GraphQLResponse, type TestPlatform } from './harness';

const tokens = new Tokens({ secret: JWT_SECRET, accessTtlSeconds: 3600, refreshTtlSeconds: 3600 });

/** The case roles of one street, beside the roles `streetActors` made. */
export interface CaseActors {
  /** Tokens of staff holding one case duty each (受理员, 值班长, 派遣员, 监督员). */
  intake: string;
  shiftLead: string;
  dispatcher: string;
  inspector: string;
  /** Two more departments and their staff (the street's first is `ids.department`). */
  departments: { id: string; token: string }[];
  /** Row ids of the case categories the tests use: two minors of one major, a major. */
  category: { parking: string; stall: string; major: string };
}

/**
 * Adds to `A`'s street the case duties' staff and two more departments, straight into the
 * database as its owner; returns their tokens and the standard categories tests file under.
 */
export async function caseActors(p: TestPlatform, A: StreetActors): Promise<CaseActors> {
  const one = async <T = { id: string }>(text: string, params: unknown[]): Promise<T> =>
    (await p.db.query<T>(text, params))[0]!;
  const staff = async (
    name: string,
    duties: string[],
    role = 'COMMUNITY_STAFF',
    department?: string,
  ) => {
    const row = await one(
      `INSERT INTO app_user (username, display_name, password_hash, role, street_id, community_id, department_id, case_duties)
       VALUES ($1, $2, 'unused', $3, $4, $5, $6, $7) RETURNING id::text AS id`,
      [
        `${name}.${A.code}`,
        `${name} ${A.code}`,
        role,
        A.streetId,
        role === 'COMMUNITY_STAFF' ? A.ids.communityOrg : null,
        department ?? null,
        duties,
      ],
    );
    return (await tokens.signAccess(row.id, 0, role)).token;
  };
  const departments = [];
  for (const name of ['市场监管', '环卫']) {
    const org = await one(
      `INSERT INTO organization (street_id, path, kind, name) VALUES ($1, '0', 'DEPARTMENT', $2) RETURNING id::text AS id`,
      [A.streetId, `${A.code} ${name}`],
    );
    await p.db.query(`UPDATE organization SET path = text2ltree(id::text) WHERE id = $1`, [org.id]);
    departments.push({
      id: org.id,
      token: await staff(`dept${org.id}`, [], 'DEPARTMENT_STAFF', org.id),
    });
  }
  const code = async (c: string) =>
    (
      await one(`SELECT id::text AS id FROM case_category WHERE street_id IS NULL AND code = $1`, [
        c,
      ])
    ).id;
  return {
    intake: await staff('intake', ['INTAKE']),
    shiftLead: await staff('shiftlead', ['SHIFT_LEAD']),
    dispatcher: await staff('dispatcher', ['DISPATCHER']),
    inspector: await staff('inspector', ['INSPECTOR']),
    departments,
    category: { parking: await code('0601'), stall: await code('0501'), major: await code('05') },
  };
}

/** Every day a working day, all day: due times are wall-clock arithmetic unless a test lists days. */
export async function workAllDay(p: TestPlatform, districtId: string, weekend: number[] = []) {
  await p.db.query(
    `INSERT INTO work_calendar (district_id, work_periods, weekend_days) VALUES ($1, '[["00:00","24:00"]]', $2)
     ON CONFLICT (district_id) DO UPDATE SET work_periods = excluded.work_periods, weekend_days = excluded.weekend_days`,
    [districtId, weekend],
  );
  await p.db.query(`DELETE FROM work_calendar_day WHERE district_id = $1`, [districtId]);
}

export const CASE_FIELDS = `id number status version level urgency source dueAt acceptDueAt isOverdue
  allowedWorkMinutes returnCount reworkCount postponeCount reopenCount rating closedAt resolvedAt
  mergedInto { id } pendingPostponement { workMinutes }
  departments { state acknowledgedLate dueAt department { id } }`;

/** The mutation of each case action, and its input type. */
export const ACTION_MUTATIONS: Record<string, [string, string]> = {
  ACCEPT: ['acceptCase', 'AcceptCaseInput'],
  REJECT: ['rejectCase', 'CaseReasonInput'],
  DISPATCH: ['dispatchCase', 'DispatchCaseInput'],
  RESOLVE_ON_THE_SPOT: ['resolveCaseOnTheSpot', 'ResolveCaseInput'],
  ACKNOWLEDGE: ['acknowledgeCase', 'CaseActionInput'],
  START: ['startCase', 'CaseActionInput'],
  RETURN: ['returnCase', 'CaseReasonInput'],
  REQUEST_POSTPONEMENT: ['requestCasePostponement', 'RequestCasePostponementInput'],
  DECIDE_POSTPONEMENT: ['decideCasePostponement', 'DecideCasePostponementInput'],
  SUSPEND: ['suspendCase', 'CaseReasonInput'],
  RESUME: ['resumeCase', 'CaseActionInput'],
  RESOLVE: ['resolveCase', 'ResolveCaseInput'],
  VERIFY: ['verifyCase', 'VerifyCaseInput'],
  RATE: ['rateCase', 'RateCaseInput'],
  ESCALATE: ['escalateCase', 'CaseActionInput'],
  REASSIGN: ['reassignCase', 'ReassignCaseInput'],
  RECATEGORIZE: ['recategorizeCase', 'RecategorizeCaseInput'],
  CANCEL: ['cancelCase', 'CaseReasonInput'],
  REOPEN: ['reopenCase', 'CaseReasonInput'],
  MERGE: ['mergeCase', 'MergeCaseInput'],
};

export interface CaseView {
  id: string;
  number: string;
  status: string;
  version: number;
  [field: string]: any;
}

export interface ActionResult {
  case: CaseView | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
}

/** A client for the case API as one caller. */
export function caseClient(p: TestPlatform, token: string) {
  const as = { as: { token } };
  return {
    async report(input: Record<string, unknown>): Promise<GraphQLResponse<any>> {
      return p.gql<any>(
        `mutation($input: ReportCaseInput!) { reportCase(input: $input) {
          case { ${CASE_FIELDS} } replayed duplicateCandidates { id } userErrors { field message code } } }`,
        { input },
        as,
      );
    },
    /** Runs the action's mutation on the case as seen (its id and version), with `extra` input. */
    async act(
      action: string,
      c: CaseView,
      extra: Record<string, unknown> = {},
    ): Promise<ActionResult> {
      const [name, type] = ACTION_MUTATIONS[action]!;
      const res = await p.gql<any>(
        `mutation($input: ${type}!) { ${name}(input: $input) { case { ${CASE_FIELDS} } userErrors { field message code } } }`,
        { input: { id: c.id, version: c.version, ...extra } },
        as,
      );
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data[name];
    },
    async get(id: string): Promise<CaseView | null> {
      const res = await p.gql<any>(
        `query($id: ID!) { node(id: $id) { ... on Case { ${CASE_FIELDS}
           allowedActions timeline(first: 100) { nodes { action fromStatus toStatus actorKind note } } } } }`,
        { id },
        as,
      );
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data.node;
    },
  };
}

/** A report of street `A` in its community grid, in the parking category, with `extra`. */
export function reportInput(A: StreetActors, C: CaseActors, extra: Record<string, unknown> = {}) {
  return {
    streetId: gid('Street', A.streetId),
    categoryId: gid('CaseCategory', C.category.parking),
    gridId: gid('Grid', A.ids.unit),
    title: '车辆乱停乱放 占用消防通道',
    urgency: 'B',
    ...extra,
  };
}

/** The input of each action that needs more than the case and its version. */
export function extraFor(action: string, A: StreetActors, C: CaseActors, other?: CaseView) {
  switch (action) {
    case 'REJECT':
    case 'RETURN':
    case 'SUSPEND':
    case 'CANCEL':
    case 'REOPEN':
      return { reason: '测试' };
    case 'DISPATCH':
      return { departmentIds: [gid('Organization', A.ids.department)] };
    case 'RESOLVE_ON_THE_SPOT':
    case 'RESOLVE':
      return { resolution: '已处置' };
    case 'REQUEST_POSTPONEMENT':
      return { workMinutes: 60, reason: '需要协调' };
    case 'DECIDE_POSTPONEMENT':
      return { approved: true };
    case 'VERIFY':
      return { passed: true };
    case 'RATE':
      return { rating: 'SATISFIED' };
    case 'REASSIGN':
      return { ownerId: null };
    case 'RECATEGORIZE':
      return { categoryId: gid('CaseCategory', C.category.stall) };
    case 'MERGE':
      return { intoCaseId: other?.id ?? gid('Case', '0') };
    default:
      return {};
  }
}
