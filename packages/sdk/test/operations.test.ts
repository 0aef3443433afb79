/**
 * Every operation in schema/operations runs through the typed client against a running server
 * with the demo data, and each run checks what it answered: queries find the demo's records,
 * mutations answer no user errors and change what they say. The table of runs must name every
 * operation the client is generated from, so an operation added without a run fails here.
 * (Subscriptions are another test's.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-users';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../../server/test/harness';
import {
  LOCAL_WEBHOOKS_ENV,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../server/test/webhook-receiver';
import { createClient, LianxinApiError, verifyWebhook, type LianxinClient } from '../src';
import * as generated from '../src/generated/graphql';
import {
  AcceptCaseDocument,
  AcknowledgeCaseDocument,
  ActivitiesDocument,
  BoardDayStatsDocument,
  BoardOpenCasesDocument,
  BoardStreamCursorDocument,
  BoardViewerDocument,
  BrandsDocument,
  CancelCaseDocument,
  CaseByNumberDocument,
  CaseCategoriesDocument,
  CaseQueueDocument,
  CasesDocument,
  CaseStatsDocument,
  CaseTimelineDocument,
  CreateGridDocument,
  CreateWebhookEndpointDocument,
  DecideCasePostponementDocument,
  DeleteWebhookEndpointDocument,
  DisableWebhookEndpointDocument,
  DispatchCaseDocument,
  EnableWebhookEndpointDocument,
  EndSessionDocument,
  EscalateCaseDocument,
  GridSubtreeDocument,
  GridTreeDocument,
  LoginDocument,
  LogoutDocument,
  MergeCaseDocument,
  MySessionsDocument,
  NodeDocument,
  NodesDocument,
  OrganizationSubtreeDocument,
  OrganizationTreeDocument,
  PeopleByGridDocument,
  RateCaseDocument,
  ReassignCaseDocument,
  RecategorizeCaseDocument,
  RedeliverWebhookDeliveryDocument,
  RefreshAccessTokenDocument,
  RejectCaseDocument,
  ReopenCaseDocument,
  ReportCaseDocument,
  RequestCasePostponementDocument,
  ResolveCaseDocument,
  ResolveCaseOnTheSpotDocument,
  ResumeCaseDocument,
  ReturnCaseDocument,
  RotateWebhookEndpointSecretDocument,
  ServicePostsDocument,
  ServiceRecordsDocument,
  SignOutEverywhereDocument,
  StartCaseDocument,
  StreetDocument,
  StreetsDocument,
  SuspendCaseDocument,
  UpdateWebhookEndpointDocument,
  VerifyCaseDocument,
  ViewerDocument,
  VolunteersDocument,
  VolunteerTeamsDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
  WebhookEventTypesDocument,
  type BoardOpenCasesQuery,
  type CaseFieldsFragment,
  type CaseResultFragment,
  type ReportCaseInput,
} from '../src/generated/graphql';

const OPERATIONS_DIR = join(__dirname, '../../../schema/operations');
/** Another test's (the subscriptions' resume); not run here. */
const SUBSCRIPTIONS_FILE = 'subscriptions.graphql';
const NANJIE = '621002001';
const SHAZITANG = '430111001';

// ---------------------------------------------------------------------------------------------
// Which operations there are
// ---------------------------------------------------------------------------------------------

function operationsIn(source: string): OperationDefinitionNode[] {
  return parse(source).definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
}

/** Query and mutation names in the .graphql files. */
function operationsInFiles(): string[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql') && f !== SUBSCRIPTIONS_FILE)
    .flatMap((f) => operationsIn(readFileSync(join(OPERATIONS_DIR, f), 'utf8')))
    .filter((op) => op.operation !== 'subscription')
    .map((op) => op.name!.value);
}

/** Query and mutation names of the generated `…Document`s. */
function operationsGenerated(): string[] {
  return Object.entries(generated)
    .filter(([name, value]) => name.endsWith('Document') && value instanceof String)
    .flatMap(([, value]) => operationsIn(String(value)))
    .filter((op) => op.operation !== 'subscription')
    .map((op) => op.name!.value);
}

// ---------------------------------------------------------------------------------------------
// The platform, the callers and a webhook receiver
// ---------------------------------------------------------------------------------------------

let p: TestPlatform;
let receiver: WebhookReceiver;

beforeAll(async () => {
  p = await startTestPlatform({ seed: 'demo', env: LOCAL_WEBHOOKS_ENV });
  receiver = await startWebhookReceiver();
  p.app.relay.start();
  await p.app.jobs.start();
}, 180_000);

afterAll(async () => {
  await p?.app.jobs.stop();
  await receiver?.close();
  await p?.stop();
});

/** Operation names sent through the client, to hold every run to its operation. */
const sent = new Set<string>();

/** The SDK client as `token`, noting the name of each operation it sends. */
function clientAs(token?: string): LianxinClient {
  const client = createClient({ url: p.url, token });
  return {
    ...client,
    withToken: (next) => clientAs(next),
    request: ((document: { toString(): string }, ...variables: unknown[]) => {
      for (const op of operationsIn(String(document))) sent.add(op.name!.value);
      return (client.request as (d: unknown, ...v: unknown[]) => Promise<unknown>)(
        document,
        ...variables,
      );
    }) as LianxinClient['request'],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the runs share: callers, and the records earlier runs found or made. */
interface State {
  anonymous: LianxinClient;
  platform: LianxinClient;
  admin: LianxinClient;
  adminUserId: string;
  adminRefresh: string;
  dept: LianxinClient;
  resident: LianxinClient;
  /** A second session of the street admin, ended by EndSession. */
  secondSession: { token: string; refresh: string };
  street: { id: string; code: string };
  shazitang: { id: string };
  streetGrid: { id: string; code: string };
  newGrid: { id: string; code: string };
  department: { id: string; name: string };
  category: { parking: string; stall: string };
  brand: { id: string };
  cases: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6', CaseFieldsFragment>;
  webhook: { id: string; secret: string };
  deliveryId: string;
}
const s = {} as State;

/** A case step that must succeed: no user errors, one version more; answers the case. */
function stepped(
  result: CaseResultFragment,
  before: Pick<CaseFieldsFragment, 'version'>,
): CaseFieldsFragment {
  expect(result.userErrors).toEqual([]);
  expect(result.case!.version).toBe(before.version + 1);
  return result.case!;
}

const ref = (c: CaseFieldsFragment) => ({ id: c.id, version: c.version });

async function login(username: string) {
  const { login } = await s.anonymous.request(LoginDocument, {
    username,
    password: DEMO_PASSWORD,
  });
  expect(login.userErrors).toEqual([]);
  expect(login.accessToken).toEqual(expect.any(String));
  return login as typeof login & { accessToken: string; refreshToken: string };
}

async function reportAs(
  client: LianxinClient,
  input: Partial<ReportCaseInput> & { title: string },
): Promise<CaseFieldsFragment> {
  const { reportCase } = await client.request(ReportCaseDocument, {
    input: {
      streetId: s.street.id,
      gridId: s.streetGrid.id,
      categoryId: s.category.parking,
      urgency: 'B',
      ...input,
    },
  });
  expect(reportCase.userErrors).toEqual([]);
  expect(reportCase.case!.status).toBe('REPORTED');
  return reportCase.case!;
}

// ---------------------------------------------------------------------------------------------
// One run per operation, in the order they run
// ---------------------------------------------------------------------------------------------

type Run = () => Promise<void>;

const RUNS: Record<string, Run> = {
  // --- signing in, who I am ------------------------------------------------------------------
  async Login() {
    s.anonymous = clientAs();
    s.platform = clientAs(ADMIN_TOKEN);
    const admin = await login('nanjie.admin');
    expect(admin.user).toMatchObject({ username: 'nanjie.admin', role: 'STREET_ADMIN' });
    s.admin = s.anonymous.withToken(admin.accessToken);
    s.adminUserId = admin.user!.id;
    s.adminRefresh = admin.refreshToken;
    const second = await login('nanjie.admin');
    s.secondSession = { token: second.accessToken, refresh: second.refreshToken };
    s.dept = s.anonymous.withToken((await login('nanjie.dept')).accessToken);
    s.resident = s.anonymous.withToken((await login('nanjie.resident')).accessToken);
    const wrong = await s.anonymous.request(LoginDocument, {
      username: 'nanjie.admin',
      password: 'not-the-password',
    });
    expect(wrong.login.accessToken).toBeNull();
    expect(wrong.login.userErrors).toHaveLength(1);
  },

  async Viewer() {
    const { viewer } = await s.admin.request(ViewerDocument);
    expect(viewer).toMatchObject({
      authenticated: true,
      kind: 'USER',
      role: 'STREET_ADMIN',
      allStreets: false,
      user: { id: s.adminUserId, username: 'nanjie.admin' },
    });
    expect(viewer.streets.map((st) => st.code)).toEqual([NANJIE]);
    s.street = { id: viewer.streets[0]!.id, code: NANJIE };
    expect((await s.anonymous.request(ViewerDocument)).viewer).toMatchObject({
      authenticated: false,
      user: null,
    });
  },

  async RefreshAccessToken() {
    const { refreshAccessToken: r } = await s.anonymous.request(RefreshAccessTokenDocument, {
      refreshToken: s.adminRefresh,
    });
    expect(r.userErrors).toEqual([]);
    expect(r.refreshToken).not.toBe(s.adminRefresh);
    const viewer = await s.anonymous.withToken(r.accessToken!).request(ViewerDocument);
    expect(viewer.viewer.user?.username).toBe('nanjie.admin');
    s.adminRefresh = r.refreshToken!;
    // The old refresh token was used up.
    const again = await s.anonymous.request(RefreshAccessTokenDocument, {
      refreshToken: (await login('nanjie.community')).refreshToken,
    });
    expect(again.refreshAccessToken.userErrors).toEqual([]);
  },

  async MySessions() {
    const { viewer } = await s.admin.request(MySessionsDocument);
    const sessions = viewer.user!.sessions!;
    expect(sessions.filter((x) => x.active).length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((x) => x.current)).toHaveLength(1);
  },

  async EndSession() {
    const mine = await s.anonymous
      .withToken(s.secondSession.token)
      .request(MySessionsDocument, { includeEnded: false });
    const other = mine.viewer.user!.sessions!.find((x) => x.current)!;
    const { endSession } = await s.admin.request(EndSessionDocument, { id: other.id });
    expect(endSession.userErrors).toEqual([]);
    expect(endSession.session).toMatchObject({ id: other.id, active: false });
    expect(endSession.session!.endedAt).not.toBeNull();
    const after = await s.admin.request(MySessionsDocument, { includeEnded: true });
    expect(after.viewer.user!.sessions!.find((x) => x.id === other.id)?.active).toBe(false);
  },

  // --- streets, grids, organizations, people ---------------------------------------------------
  async Streets() {
    const page = await s.anonymous.request(StreetsDocument, { first: 10 });
    expect(page.streets.totalCount).toBe(6);
    const codes = page.streets.nodes.map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining([NANJIE, SHAZITANG]));
    s.shazitang = { id: page.streets.nodes.find((x) => x.code === SHAZITANG)!.id };
  },

  async Street() {
    const { street } = await s.anonymous.request(StreetDocument, { code: NANJIE });
    expect(street).toMatchObject({ id: s.street.id, name: '南街街道', archived: false });
    expect(street!.district.name).toBe('西峰区');
    expect((await s.anonymous.request(StreetDocument, { code: '000000000' })).street).toBeNull();
  },

  async GridTree() {
    const { grids } = await s.admin.request(GridTreeDocument, {
      streetId: s.street.id,
      level: 'COMMUNITY',
      first: 20,
    });
    expect(grids.totalCount).toBe(72);
    expect(grids.nodes).toHaveLength(20);
    expect(grids.nodes.every((g) => g.level === 'COMMUNITY' && g.code.startsWith(NANJIE))).toBe(
      true,
    );
    const root = await s.admin.request(GridTreeDocument, {
      streetId: s.street.id,
      level: 'STREET',
    });
    expect(root.grids.nodes).toHaveLength(1);
    expect(root.grids.nodes[0]!.children.totalCount).toBe(72);
    s.streetGrid = { id: root.grids.nodes[0]!.id, code: root.grids.nodes[0]!.code };
  },

  async GridSubtree() {
    const { grid } = await s.admin.request(GridSubtreeDocument, {
      code: s.streetGrid.code,
      first: 50,
    });
    expect(grid).toMatchObject({ id: s.streetGrid.id, level: 'STREET', parent: null });
    expect(grid!.ancestors).toEqual([]);
    expect(grid!.descendants.totalCount).toBeGreaterThanOrEqual(72);
    expect(grid!.staff.length).toBeGreaterThan(0);
    const community = grid!.descendants.nodes.find((g) => g.level === 'COMMUNITY')!;
    const below = await s.admin.request(GridSubtreeDocument, { code: community.code });
    expect(below.grid!.ancestors.map((a) => a.id)).toContain(s.streetGrid.id);
  },

  async CreateGrid() {
    const code = `${NANJIE}900`;
    const { createGrid } = await s.admin.request(CreateGridDocument, {
      input: { streetId: s.street.id, parentId: s.streetGrid.id, code, name: '测试社区网格' },
    });
    expect(createGrid.userErrors).toEqual([]);
    expect(createGrid.grid).toMatchObject({ code, level: 'COMMUNITY', name: '测试社区网格' });
    s.newGrid = { id: createGrid.grid!.id, code };
    const again = await s.admin.request(CreateGridDocument, {
      input: { streetId: s.street.id, parentId: s.streetGrid.id, code, name: '重复' },
    });
    expect(again.createGrid.grid).toBeNull();
    expect(again.createGrid.userErrors.length).toBeGreaterThan(0);
  },

  async OrganizationTree() {
    const { organizations } = await s.admin.request(OrganizationTreeDocument, {
      streetId: s.street.id,
      kinds: ['DEPARTMENT'],
      first: 20,
    });
    expect(organizations.totalCount).toBe(8);
    expect(organizations.nodes.every((o) => o.kind === 'DEPARTMENT')).toBe(true);
    const chengguan = organizations.nodes.find((o) => o.name.includes('城管'))!;
    s.department = { id: chengguan.id, name: chengguan.name };
  },

  async OrganizationSubtree() {
    // The first organization with children, page by page.
    let parent;
    let after: string | null | undefined;
    do {
      const page = await s.admin.request(OrganizationTreeDocument, {
        streetId: s.street.id,
        first: 20,
        after,
      });
      parent = page.organizations.nodes.find((o) => o.children.totalCount > 0);
      after = page.organizations.pageInfo.hasNextPage
        ? page.organizations.pageInfo.endCursor
        : null;
    } while (!parent && after);
    if (!parent) throw new Error('no organization of the street has children');
    const { organizations } = await s.admin.request(OrganizationSubtreeDocument, {
      id: parent.id,
      first: 100,
    });
    expect(organizations.totalCount).toBeGreaterThanOrEqual(parent.children.totalCount);
    for (const child of parent.children.nodes) {
      expect(organizations.nodes.map((o) => o.id)).toContain(child.id);
    }
    // The organization itself, and every one beneath it.
    expect(
      organizations.nodes.every(
        (o) => o.id === parent.id || o.ancestors.some((a) => a.id === parent.id),
      ),
    ).toBe(true);
    expect(organizations.nodes.map((o) => o.id)).toContain(parent.id);
  },

  async PeopleByGrid() {
    const { people } = await s.admin.request(PeopleByGridDocument, {
      gridId: s.streetGrid.id,
      first: 100,
    });
    expect(people.totalCount).toBeGreaterThan(0);
    expect(people.nodes.length).toBe(Math.min(100, people.totalCount));
    const homed = people.nodes.filter((x) => x.homeGrid);
    expect(homed.length).toBeGreaterThan(0);
    expect(homed.every((x) => x.homeGrid!.code.startsWith(NANJIE))).toBe(true);
    const workers = await s.admin.request(PeopleByGridDocument, {
      gridId: s.streetGrid.id,
      roles: ['GRID_WORKER'],
    });
    expect(workers.people.totalCount).toBeGreaterThan(0);
    expect(workers.people.nodes.every((x) => x.roles.includes('GRID_WORKER'))).toBe(true);
  },

  // --- volunteers, brands ---------------------------------------------------------------------
  async VolunteerTeams() {
    const { volunteerTeams } = await s.admin.request(VolunteerTeamsDocument, {
      streetId: s.street.id,
    });
    const team = volunteerTeams.nodes.find((t) => t.name === '初心桥党员志愿服务队')!;
    expect(team).toMatchObject({ memberCount: 3 });
    expect(team.members.totalCount).toBe(3);
  },

  async Volunteers() {
    const { volunteers } = await s.admin.request(VolunteersDocument, {
      streetId: s.street.id,
      first: 50,
    });
    expect(volunteers.totalCount).toBeGreaterThanOrEqual(3);
    expect(
      volunteers.nodes.some((v) => v.teams.some((t) => t.name === '初心桥党员志愿服务队')),
    ).toBe(true);
  },

  async ServicePosts() {
    const { servicePosts } = await s.platform.request(ServicePostsDocument, {
      streetId: s.shazitang.id,
      first: 50,
    });
    expect(servicePosts.totalCount).toBe(13);
    expect(servicePosts.nodes.every((x) => x.claims.some((c) => c.active))).toBe(true);
  },

  async ServiceRecords() {
    const all = await s.platform.request(ServiceRecordsDocument, {
      filter: { streetId: s.shazitang.id },
      first: 50,
    });
    expect(all.serviceRecords.totalCount).toBe(13);
    const confirmed = await s.platform.request(ServiceRecordsDocument, {
      filter: { streetId: s.shazitang.id, confirmed: true },
    });
    expect(confirmed.serviceRecords.totalCount).toBe(9);
    expect(confirmed.serviceRecords.nodes.every((r) => r.confirmed && r.hours > 0)).toBe(true);
  },

  async Brands() {
    const { brands } = await s.admin.request(BrandsDocument, {
      streetId: s.street.id,
      rootsOnly: true,
    });
    const chuxin = brands.nodes.find((b) => b.name === '初心红')!;
    expect(chuxin.children.nodes.map((b) => b.name).sort()).toEqual(
      ['初心巷', '初心站', '初心堂', '初心桥', '初心团'].sort(),
    );
    s.brand = { id: chuxin.id };
  },

  async Activities() {
    const { activities } = await s.admin.request(ActivitiesDocument, {
      filter: { brandId: s.brand.id, includeSubBrands: true },
    });
    expect(activities.totalCount).toBe(4);
    expect(activities.nodes.every((a) => a.brand !== null)).toBe(true);
  },

  // --- webhooks (an endpoint for the cases' events) ------------------------------------------
  async WebhookEventTypes() {
    const { webhookEventTypes } = await s.admin.request(WebhookEventTypesDocument);
    const names = webhookEventTypes.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['case.reported', 'case.verified', 'grid.created']),
    );
    expect(webhookEventTypes.find((t) => t.name === 'case.reported')!.subject).toBe('Case');
  },

  async CreateWebhookEndpoint() {
    const { createWebhookEndpoint: made } = await s.admin.request(CreateWebhookEndpointDocument, {
      input: {
        streetId: s.street.id,
        url: receiver.url,
        eventTypes: ['case.*'],
        description: '12345 热线',
      },
    });
    expect(made.userErrors).toEqual([]);
    expect(made.secret).toMatch(/^whsec_/);
    expect(made.endpoint).toMatchObject({ status: 'ENABLED', eventTypes: ['case.*'] });
    s.webhook = { id: made.endpoint!.id, secret: made.secret! };
  },

  // --- cases ----------------------------------------------------------------------------------
  async CaseCategories() {
    const codes: Record<string, string> = {};
    let after: string | null | undefined;
    do {
      const { caseCategories } = await s.admin.request(CaseCategoriesDocument, {
        first: 100,
        after,
      });
      for (const c of caseCategories.nodes) codes[c.code] = c.id;
      after = caseCategories.pageInfo.hasNextPage ? caseCategories.pageInfo.endCursor : null;
    } while (after);
    expect(codes['0601']).toBeDefined();
    expect(codes['0501']).toBeDefined();
    s.category = { parking: codes['0601']!, stall: codes['0501']! };
  },

  async ReportCase() {
    const input = {
      streetId: s.street.id,
      gridId: s.streetGrid.id,
      categoryId: s.category.parking,
      urgency: 'B' as const,
      title: '车辆乱停乱放 占用消防通道',
      idempotencyKey: 'ops-test-c1',
    };
    const first = await s.resident.request(ReportCaseDocument, { input });
    expect(first.reportCase.userErrors).toEqual([]);
    expect(first.reportCase).toMatchObject({ replayed: false });
    expect(first.reportCase.case).toMatchObject({ status: 'REPORTED', source: 'RESIDENT' });
    // The same key again (a retry): the first case, nothing new.
    const again = await s.resident.request(ReportCaseDocument, { input });
    expect(again.reportCase.replayed).toBe(true);
    expect(again.reportCase.case!.id).toBe(first.reportCase.case!.id);
    s.cases = {
      c1: first.reportCase.case!,
      c2: await reportAs(s.admin, { title: '不是案件', source: 'PATROL' }),
      c3: await reportAs(s.admin, { title: '小事不出网格', source: 'PATROL' }),
      c4: await reportAs(s.admin, { title: '退回的案件', source: 'PATROL' }),
      c5: await reportAs(s.admin, { title: '作废的案件', source: 'PATROL' }),
      c6: await reportAs(s.admin, { title: '重复的案件', source: 'PATROL' }),
    };
  },

  async RecategorizeCase() {
    const { recategorizeCase } = await s.admin.request(RecategorizeCaseDocument, {
      input: { ...ref(s.cases.c1), categoryId: s.category.stall },
    });
    s.cases.c1 = stepped(recategorizeCase, s.cases.c1);
    expect(s.cases.c1.category.code).toBe('0501');
  },

  async EscalateCase() {
    const before = s.cases.c1.level;
    const { escalateCase } = await s.admin.request(EscalateCaseDocument, {
      input: ref(s.cases.c1),
    });
    s.cases.c1 = stepped(escalateCase, s.cases.c1);
    expect(s.cases.c1.level).not.toBe(before);
  },

  async ReassignCase() {
    const { reassignCase } = await s.admin.request(ReassignCaseDocument, {
      input: { ...ref(s.cases.c1), ownerId: s.adminUserId },
    });
    s.cases.c1 = stepped(reassignCase, s.cases.c1);
    expect(s.cases.c1.owner?.id).toBe(s.adminUserId);
  },

  async RejectCase() {
    const { rejectCase } = await s.admin.request(RejectCaseDocument, {
      input: { ...ref(s.cases.c2), reason: '不属于案件' },
    });
    s.cases.c2 = stepped(rejectCase, s.cases.c2);
    expect(s.cases.c2.status).toBe('REJECTED');
  },

  async CancelCase() {
    const { cancelCase } = await s.admin.request(CancelCaseDocument, {
      input: { ...ref(s.cases.c5), reason: '报案人撤回' },
    });
    s.cases.c5 = stepped(cancelCase, s.cases.c5);
    expect(s.cases.c5.status).toBe('CANCELLED');
  },

  async MergeCase() {
    const { mergeCase } = await s.admin.request(MergeCaseDocument, {
      input: { ...ref(s.cases.c6), intoCaseId: s.cases.c4.id },
    });
    s.cases.c6 = stepped(mergeCase, s.cases.c6);
    expect(s.cases.c6.status).toBe('CANCELLED');
    expect(s.cases.c6.mergedInto?.id).toBe(s.cases.c4.id);
  },

  async AcceptCase() {
    for (const key of ['c1', 'c3', 'c4'] as const) {
      const { acceptCase } = await s.admin.request(AcceptCaseDocument, {
        input: ref(s.cases[key]),
      });
      s.cases[key] = stepped(acceptCase, s.cases[key]);
      expect(s.cases[key].status).toBe('ACCEPTED');
    }
    // A stale version is refused, and changes nothing.
    const { acceptCase: stale } = await s.admin.request(AcceptCaseDocument, {
      input: { id: s.cases.c1.id, version: s.cases.c1.version - 1 },
    });
    expect(stale.userErrors.length).toBe(1);
  },

  async ResolveCaseOnTheSpot() {
    const { resolveCaseOnTheSpot } = await s.admin.request(ResolveCaseOnTheSpotDocument, {
      input: { ...ref(s.cases.c3), resolution: '网格员现场劝离' },
    });
    s.cases.c3 = stepped(resolveCaseOnTheSpot, s.cases.c3);
    expect(s.cases.c3.status).toBe('VERIFYING');
  },

  async DispatchCase() {
    for (const key of ['c1', 'c4'] as const) {
      const { dispatchCase } = await s.admin.request(DispatchCaseDocument, {
        input: { ...ref(s.cases[key]), departmentIds: [s.department.id] },
      });
      s.cases[key] = stepped(dispatchCase, s.cases[key]);
      expect(s.cases[key].status).toBe('DISPATCHED');
      expect(s.cases[key].departments.map((d) => d.department?.id)).toEqual([s.department.id]);
    }
  },

  async ReturnCase() {
    const { returnCase } = await s.dept.request(ReturnCaseDocument, {
      input: { ...ref(s.cases.c4), reason: '不属于本部门' },
    });
    s.cases.c4 = stepped(returnCase, s.cases.c4);
    expect(s.cases.c4).toMatchObject({ status: 'ACCEPTED', returnCount: 1 });
  },

  async AcknowledgeCase() {
    const { acknowledgeCase } = await s.dept.request(AcknowledgeCaseDocument, {
      input: ref(s.cases.c1),
    });
    s.cases.c1 = stepped(acknowledgeCase, s.cases.c1);
    expect(s.cases.c1.departments[0]!.state).toBe('ACKNOWLEDGED');
  },

  async StartCase() {
    const { startCase } = await s.dept.request(StartCaseDocument, { input: ref(s.cases.c1) });
    s.cases.c1 = stepped(startCase, s.cases.c1);
    expect(s.cases.c1.status).toBe('IN_PROGRESS');
    expect(s.cases.c1.departments[0]!.state).toBe('IN_PROGRESS');
  },

  async RequestCasePostponement() {
    const { requestCasePostponement } = await s.dept.request(RequestCasePostponementDocument, {
      input: { ...ref(s.cases.c1), workMinutes: 120, reason: '需要协调交警' },
    });
    s.cases.c1 = stepped(requestCasePostponement, s.cases.c1);
    expect(s.cases.c1.pendingPostponement).toEqual({ workMinutes: 120, reason: '需要协调交警' });
  },

  async DecideCasePostponement() {
    const dueBefore = Date.parse(s.cases.c1.dueAt);
    const { decideCasePostponement } = await s.admin.request(DecideCasePostponementDocument, {
      input: { ...ref(s.cases.c1), approved: true },
    });
    s.cases.c1 = stepped(decideCasePostponement, s.cases.c1);
    expect(s.cases.c1).toMatchObject({ pendingPostponement: null, postponeCount: 1 });
    expect(Date.parse(s.cases.c1.dueAt)).toBeGreaterThan(dueBefore);
  },

  async SuspendCase() {
    const { suspendCase } = await s.admin.request(SuspendCaseDocument, {
      input: { ...ref(s.cases.c1), reason: '等待预算' },
    });
    s.cases.c1 = stepped(suspendCase, s.cases.c1);
    expect(s.cases.c1).toMatchObject({ status: 'SUSPENDED', suspendCount: 1 });
  },

  async ResumeCase() {
    const { resumeCase } = await s.admin.request(ResumeCaseDocument, { input: ref(s.cases.c1) });
    s.cases.c1 = stepped(resumeCase, s.cases.c1);
    expect(s.cases.c1.status).toBe('IN_PROGRESS');
  },

  async ResolveCase() {
    const { resolveCase } = await s.dept.request(ResolveCaseDocument, {
      input: { ...ref(s.cases.c1), resolution: '车辆已挪走，设置隔离桩' },
    });
    s.cases.c1 = stepped(resolveCase, s.cases.c1);
    expect(s.cases.c1.status).toBe('VERIFYING');
  },

  async VerifyCase() {
    const { verifyCase } = await s.admin.request(VerifyCaseDocument, {
      input: { ...ref(s.cases.c1), passed: true },
    });
    s.cases.c1 = stepped(verifyCase, s.cases.c1);
    expect(s.cases.c1.status).toBe('CLOSED');
    expect(s.cases.c1.closedAt).not.toBeNull();
  },

  async RateCase() {
    const { rateCase } = await s.resident.request(RateCaseDocument, {
      input: { ...ref(s.cases.c1), rating: 'SATISFIED', comment: '处理及时' },
    });
    s.cases.c1 = stepped(rateCase, s.cases.c1);
    expect(s.cases.c1.rating).toBe('SATISFIED');
  },

  async ReopenCase() {
    const { reopenCase } = await s.admin.request(ReopenCaseDocument, {
      input: { ...ref(s.cases.c1), reason: '隔离桩被拆除，车辆又停回来了' },
    });
    s.cases.c1 = stepped(reopenCase, s.cases.c1);
    expect(s.cases.c1.reopenCount).toBe(1);
    expect(s.cases.c1.status).not.toBe('CLOSED');
  },

  async Cases() {
    const { cases } = await s.admin.request(CasesDocument, {
      filter: { streetId: s.street.id, gridId: s.streetGrid.id, statuses: ['CANCELLED'] },
      orderBy: { field: 'REPORTED_AT', direction: 'DESC' },
      first: 100,
    });
    const ids = cases.nodes.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([s.cases.c5.id, s.cases.c6.id]));
    expect(cases.nodes.every((c) => c.status === 'CANCELLED')).toBe(true);
    const search = await s.admin.request(CasesDocument, {
      filter: { streetId: s.street.id, search: s.cases.c1.number },
    });
    expect(search.cases.nodes.map((c) => c.id)).toEqual([s.cases.c1.id]);
  },

  async CaseByNumber() {
    const { caseByNumber } = await s.admin.request(CaseByNumberDocument, {
      number: s.cases.c1.number,
    });
    expect(caseByNumber).toEqual(s.cases.c1);
  },

  async CaseTimeline() {
    const { caseByNumber } = await s.admin.request(CaseTimelineDocument, {
      number: s.cases.c1.number,
      first: 100,
    });
    expect(caseByNumber!.timeline.nodes.map((e) => e.action)).toEqual([
      'REPORT',
      'RECATEGORIZE',
      'ESCALATE',
      'REASSIGN',
      'ACCEPT',
      'DISPATCH',
      'ACKNOWLEDGE',
      'START',
      'REQUEST_POSTPONEMENT',
      'DECIDE_POSTPONEMENT',
      'SUSPEND',
      'RESUME',
      'RESOLVE',
      'VERIFY',
      'RATE',
      'REOPEN',
    ]);
    const accept = caseByNumber!.timeline.nodes[4]!;
    expect(accept).toMatchObject({ fromStatus: 'REPORTED', toStatus: 'ACCEPTED' });
    expect(accept.actor?.id).toBe(s.adminUserId);
  },

  async CaseQueue() {
    // c4 came back to the street (ACCEPTED): it waits for the street to dispatch it again.
    const { caseQueue } = await s.admin.request(CaseQueueDocument, {
      streetId: s.street.id,
      first: 100,
    });
    expect(caseQueue.totalCount).toBeGreaterThan(0);
    expect(caseQueue.nodes.every((c) => c.allowedActions.length > 0)).toBe(true);
    const statuses = new Set(caseQueue.nodes.map((c) => c.status));
    expect(statuses.has('CLOSED') || statuses.has('CANCELLED') || statuses.has('REJECTED')).toBe(
      false,
    );
  },

  async CaseStats() {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const { caseStats } = await s.admin.request(CaseStatsDocument, {
      period: { from, to },
      scope: { streetId: s.street.id, gridId: s.streetGrid.id },
    });
    // Within the hour: the six cases reported here, one rejected, two cancelled.
    expect(caseStats.totals).toMatchObject({ reported: 6, rejected: 1 });
    expect(caseStats.totals.cancelled).toBeGreaterThanOrEqual(2);
    expect(caseStats.byCategory.length).toBeGreaterThan(0);
  },

  // --- the live case board's (schema/operations/board.graphql) --------------------------------
  async BoardViewer() {
    const { viewer, streets } = await s.admin.request(BoardViewerDocument);
    expect(viewer).toMatchObject({ role: 'STREET_ADMIN', allStreets: false });
    expect(viewer.user?.displayName).toEqual(expect.any(String));
    expect(viewer.streets.map((st) => st.id)).toEqual([s.street.id]);
    expect(streets.nodes.map((st) => st.id)).toContain(s.street.id);
  },

  async BoardStreamCursor() {
    const first = (await s.admin.request(BoardStreamCursorDocument)).eventStreamCursor;
    expect(first).toMatch(/^[A-Za-z0-9_-]+$/);
    // An event later, the stream stands further on.
    await reportAs(s.admin, { title: '看板游标' });
    let next = first;
    for (let i = 0; next === first && i < 100; i++) {
      await sleep(50);
      next = (await s.admin.request(BoardStreamCursorDocument)).eventStreamCursor;
    }
    expect(next).not.toBe(first);
    const anonymous = await s.anonymous.request(BoardStreamCursorDocument).catch((e: unknown) => e);
    expect((anonymous as LianxinApiError).code).toBe('UNAUTHENTICATED');
  },

  async BoardOpenCases() {
    const statuses = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'VERIFYING'] as const;
    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      expect(page).toBeLessThan(100);
      const { cases }: BoardOpenCasesQuery = await s.admin.request(BoardOpenCasesDocument, {
        streetId: s.street.id,
        statuses: [...statuses],
        first: 2,
        after,
      });
      expect(cases.nodes.every((c) => statuses.some((st) => st === c.status))).toBe(true);
      paged.push(...cases.nodes.map((c) => c.id));
      if (!cases.pageInfo.hasNextPage) break;
      after = cases.pageInfo.endCursor;
    }
    // The first page at the default size (100) holds the same cases, soonest due first.
    const { cases } = await s.admin.request(BoardOpenCasesDocument, {
      streetId: s.street.id,
      statuses: [...statuses],
    });
    expect(cases.nodes.map((c) => c.id)).toEqual(paged);
    const due = cases.nodes.map((c) => Date.parse(c.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(paged.length).toBeGreaterThan(2);
    expect(paged).not.toContain(s.cases.c5.id);
  },

  async BoardDayStats() {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const { caseStats } = await s.admin.request(BoardDayStatsDocument, {
      streetId: s.street.id,
      from,
      to,
    });
    const full = await s.admin.request(CaseStatsDocument, {
      period: { from, to },
      scope: { streetId: s.street.id },
    });
    expect(caseStats.totals).toMatchObject({
      reported: full.caseStats.totals.reported,
      closed: full.caseStats.totals.closed,
    });
    expect(caseStats.totals.reported).toBeGreaterThanOrEqual(6);
  },

  // --- the endpoint's deliveries, and the rest of its admin ------------------------------------
  async WebhookDeliveries() {
    const end = Date.now() + 30_000;
    let node;
    for (;;) {
      node = (
        await s.admin.request(WebhookDeliveriesDocument, {
          endpointId: s.webhook.id,
          filter: { status: 'DELIVERED' },
          first: 100,
        })
      ).node;
      if (
        node &&
        'deliveries' in node &&
        node.deliveries.nodes.some((d) => d.eventType === 'case.reported')
      )
        break;
      if (Date.now() > end) throw new Error('no case.reported delivered within 30 s');
      await sleep(200);
    }
    const delivery = node.deliveries.nodes.find((d) => d.eventType === 'case.reported')!;
    expect(delivery).toMatchObject({ status: 'DELIVERED', lastStatusCode: 204 });
    expect(delivery.attempts[0]).toMatchObject({ number: 1, statusCode: 204, succeeded: true });
    s.deliveryId = delivery.id;
    // What the receiver got is what the log says, signed with the endpoint's secret.
    const got = receiver.received.find(
      (r) => r.headers['lianxin-delivery-id'] === delivery.deliveryId,
    )!;
    const event = verifyWebhook(s.webhook.secret, got.headers, got.body);
    expect(event).toMatchObject({ id: delivery.eventId, type: 'case.reported' });
  },

  async RedeliverWebhookDelivery() {
    const { redeliverWebhookDelivery } = await s.admin.request(RedeliverWebhookDeliveryDocument, {
      input: { id: s.deliveryId },
    });
    expect(redeliverWebhookDelivery.userErrors).toEqual([]);
    expect(redeliverWebhookDelivery.delivery!.redeliveryOf?.id).toBe(s.deliveryId);
    expect(redeliverWebhookDelivery.delivery!.id).not.toBe(s.deliveryId);
  },

  async UpdateWebhookEndpoint() {
    const { updateWebhookEndpoint } = await s.admin.request(UpdateWebhookEndpointDocument, {
      input: { id: s.webhook.id, eventTypes: ['case.*', 'grid.created'], description: '指挥中心' },
    });
    expect(updateWebhookEndpoint.userErrors).toEqual([]);
    expect(updateWebhookEndpoint.endpoint).toMatchObject({
      eventTypes: ['case.*', 'grid.created'],
      description: '指挥中心',
    });
  },

  async RotateWebhookEndpointSecret() {
    const { rotateWebhookEndpointSecret: r } = await s.admin.request(
      RotateWebhookEndpointSecretDocument,
      { input: { id: s.webhook.id, keepPreviousHours: 2 } },
    );
    expect(r.userErrors).toEqual([]);
    expect(r.secret).toMatch(/^whsec_/);
    expect(r.secret).not.toBe(s.webhook.secret);
    expect(r.endpoint!.secretHint).toBe(`whsec_…${r.secret!.slice(-4)}`);
    expect(Date.parse(r.endpoint!.previousSecretExpiresAt!)).toBeGreaterThan(Date.now() + 3600_000);
    s.webhook.secret = r.secret!;
  },

  async DisableWebhookEndpoint() {
    const { disableWebhookEndpoint } = await s.admin.request(DisableWebhookEndpointDocument, {
      input: { id: s.webhook.id, reason: '维护中' },
    });
    expect(disableWebhookEndpoint.userErrors).toEqual([]);
    expect(disableWebhookEndpoint.endpoint).toMatchObject({
      status: 'DISABLED',
      disabledReason: expect.stringContaining('维护中'),
    });
  },

  async EnableWebhookEndpoint() {
    const { enableWebhookEndpoint } = await s.admin.request(EnableWebhookEndpointDocument, {
      input: { id: s.webhook.id },
    });
    expect(enableWebhookEndpoint.userErrors).toEqual([]);
    expect(enableWebhookEndpoint.endpoint).toMatchObject({ status: 'ENABLED', disabledAt: null });
  },

  async WebhookEndpoints() {
    const { webhookEndpoints } = await s.admin.request(WebhookEndpointsDocument, {
      filter: { streetId: s.street.id, status: 'ENABLED' },
    });
    expect(webhookEndpoints.nodes.map((e) => e.id)).toContain(s.webhook.id);
    const disabled = await s.admin.request(WebhookEndpointsDocument, {
      filter: { streetId: s.street.id, status: 'DISABLED' },
    });
    expect(disabled.webhookEndpoints.nodes.map((e) => e.id)).not.toContain(s.webhook.id);
  },

  // --- lookups by global ID ---------------------------------------------------------------------
  async Node() {
    const grid = await s.admin.request(NodeDocument, { id: s.newGrid.id });
    expect(grid.node).toMatchObject({ __typename: 'Grid', id: s.newGrid.id, code: s.newGrid.code });
    const kase = await s.admin.request(NodeDocument, { id: s.cases.c1.id });
    expect(kase.node).toMatchObject({ __typename: 'Case', number: s.cases.c1.number });
  },

  async Nodes() {
    const { nodes } = await s.admin.request(NodesDocument, {
      ids: [s.cases.c4.id, s.street.id, s.webhook.id, s.brand.id],
    });
    expect(nodes.map((n) => n?.__typename)).toEqual(['Case', 'Street', 'WebhookEndpoint', 'Brand']);
    expect(nodes[0]).toMatchObject({ caseStatus: 'ACCEPTED' });
    expect(nodes[2]).toMatchObject({ endpointStatus: 'ENABLED' });
  },

  async DeleteWebhookEndpoint() {
    const { deleteWebhookEndpoint } = await s.admin.request(DeleteWebhookEndpointDocument, {
      input: { id: s.webhook.id },
    });
    expect(deleteWebhookEndpoint).toEqual({ deletedEndpointId: s.webhook.id, userErrors: [] });
    expect((await s.admin.request(NodeDocument, { id: s.webhook.id })).node).toBeNull();
  },

  // --- signing out -------------------------------------------------------------------------------
  async Logout() {
    const { logout } = await s.anonymous.request(LogoutDocument, { refreshToken: s.adminRefresh });
    expect(logout.userErrors).toEqual([]);
    const after = await s.anonymous.request(RefreshAccessTokenDocument, {
      refreshToken: s.adminRefresh,
    });
    expect(after.refreshAccessToken.accessToken).toBeNull();
    expect(after.refreshAccessToken.userErrors.length).toBeGreaterThan(0);
  },

  async SignOutEverywhere() {
    const volunteer = await login('nanjie.volunteer');
    const other = await login('nanjie.volunteer');
    const { signOutEverywhere } = await s.anonymous
      .withToken(volunteer.accessToken)
      .request(SignOutEverywhereDocument);
    expect(signOutEverywhere.userErrors).toEqual([]);
    // Both sessions are over: neither refresh token gives a token any more.
    for (const refreshToken of [volunteer.refreshToken, other.refreshToken]) {
      const r = await s.anonymous.request(RefreshAccessTokenDocument, { refreshToken });
      expect(r.refreshAccessToken.accessToken).toBeNull();
    }
    const error = await s.anonymous
      .withToken(other.accessToken)
      .request(ViewerDocument)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LianxinApiError);
  },
};

describe('every operation in schema/operations, through the client', () => {
  it('the generated client has exactly the operations of the .graphql files', () => {
    expect(operationsGenerated().sort()).toEqual(operationsInFiles().sort());
  });

  it('the table runs every operation, and nothing else', () => {
    expect(Object.keys(RUNS).sort()).toEqual(operationsInFiles().sort());
  });

  for (const [name, run] of Object.entries(RUNS)) {
    it(`runs ${name}`, async () => {
      await run();
      expect(sent.has(name)).toBe(true);
    });
  }
});
