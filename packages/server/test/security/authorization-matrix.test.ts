/**
 * The authorization matrix, generated from the schema: every root field, called by every role of
 * another street with arguments aimed at street A, must give nothing (or FORBIDDEN and the like)
 * and change nothing; a grid worker sees only their subtree; a resident only themselves and public
 * information; an API key of street A changes nothing without its area's write scope. The platform
 * is the one shipped: it runs the bundled plugins, enabled in street A and in street B (so a
 * caller of B reaches each plugin's code, and only its rules and row-level security keep street
 * A's rows from them, rather than a PLUGIN_DISABLED). Operations are built from the app's schema,
 * plugins' types and fields included, so a new root field is covered the day it appears (or
 * fails here until the generator knows how to aim its arguments at street A).
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { Client } from 'graphql-ws';
import { BUNDLED_PLUGINS } from '../../src/config';
import { AREAS, policies, type Area, type AreaName } from '../../src/domain/shared/policy';
import { ROLES, type Role } from '../../src/domain/shared/viewer';
import { gid, streetActors, type StreetActors } from '../actors';
import { ACTION_MUTATIONS } from '../cases';
import { client, sleep, subscribe } from '../live';
import {
  startTestPlatform,
  type GraphQLResponse,
  type RequestOptions,
  type TestPlatform,
} from '../harness';

// ---------------------------------------------------------------------------------------------
// Street A (the victim) and street B (the callers)
// ---------------------------------------------------------------------------------------------

const VICTIM = '621002001'; // 南街街道, 西峰区 (621002)
const CALLER = '620104001'; // a street of 西固区 (620104): another district

/** Node types and the table their rows live in; Street and District are public. */
const NODE_TABLES: Record<string, string> = {
  Activity: 'activity',
  ApiKey: 'api_key',
  AuditEntry: 'audit_log',
  Brand: 'brand',
  Case: 'case_file',
  // A street's own categories (the platform's catalog has no street and every caller reads it).
  CaseCategory: 'case_category',
  Grid: 'grid',
  GridStaffAssignment: 'grid_assignment',
  Organization: 'organization',
  OrganizationMember: 'organization_member',
  Person: 'person',
  ServicePost: 'service_post',
  ServicePostClaim: 'service_post_claim',
  ServiceRecord: 'service_record',
  User: 'app_user',
  // Sign-ins belong to their account's street.
  UserSession:
    '(SELECT s.id, u.street_id FROM user_session s JOIN app_user u ON u.id = s.user_id) us',
  Volunteer: 'volunteer',
  VolunteerRegistration: 'volunteer_registration',
  VolunteerTeam: 'volunteer_team',
  WebhookEndpoint: 'webhook_endpoint',
  WebhookDelivery: 'webhook_delivery',
  // The bundled plugins' node types, in their own schemas.
  Wish: 'plugin_micro_wish.wish',
  MoralPassbook: 'plugin_moral_bank.passbook',
  MoralEntry: 'plugin_moral_bank.entry',
  MoralReward: 'plugin_moral_bank.reward',
  JointDeliberation: 'plugin_four_commons_five_joints.deliberation',
  JointDeliberationTask: 'plugin_four_commons_five_joints.deliberation_task',
  JointActivity: 'plugin_four_commons_five_joints.joint_activity',
};
const PUBLIC_NODES = ['Street', 'District'];
/** Node types every caller of their street reads (a street's own case categories). */
const STREET_PUBLIC_NODES = ['CaseCategory'];

/**
 * The policy area (policy.ts, or plugin.rules.ts for plugins' read models) whose read rule decides
 * who sees a node type; null: staff only.
 */
const NODE_AREAS: Record<string, AreaName | null> = {
  Activity: 'activity',
  ApiKey: null,
  AuditEntry: 'audit',
  Brand: 'brand',
  Case: 'case',
  // Read by every caller of its street: see STREET_PUBLIC_NODES.
  CaseCategory: null,
  Grid: 'grid',
  GridStaffAssignment: 'grid',
  Organization: 'organization',
  OrganizationMember: 'organization',
  Person: 'person',
  ServicePost: 'organization',
  ServicePostClaim: 'volunteer',
  ServiceRecord: 'serviceRecord',
  User: null,
  UserSession: null,
  Volunteer: 'volunteer',
  VolunteerRegistration: 'volunteer',
  VolunteerTeam: 'organization',
  // The webhook module's own area: administrators only (ADMINISTRATORS_ONLY below).
  WebhookEndpoint: null,
  WebhookDelivery: null,
  // Plugins' read models: `readableBy: 'street'` (pluginShared), 'person' (pluginPerson, a
  // person's own rows), 'staff' (no area, as the core's staff-only tables).
  Wish: 'pluginShared',
  MoralPassbook: 'pluginPerson',
  MoralEntry: 'pluginPerson',
  MoralReward: 'pluginShared',
  JointDeliberation: null,
  JointDeliberationTask: null,
  JointActivity: null,
};

/** Node types only the street's administrators (street, district, platform) ever see. */
const ADMINISTRATORS_ONLY = ['ApiKey', 'WebhookEndpoint', 'WebhookDelivery'];

/**
 * The policy area whose write rule a node type's mutations follow (docs/security.md, "Roles");
 * null: administrators' business, which no API key does.
 */
const WRITE_AREAS: Record<string, Area | null> = {
  Activity: 'activity',
  ApiKey: null,
  Brand: 'brand',
  // Reporting a case, and a street's own categories.
  Case: 'case',
  CaseCategory: 'case',
  // The lifecycle's transitions: decided by case.rules.ts per state and actor, never by a scope.
  CaseTransition: null,
  Grid: 'grid',
  GridStaffAssignment: 'grid',
  Organization: 'organization',
  OrganizationMember: 'organization',
  Person: 'person',
  ServicePost: 'volunteer',
  ServicePostClaim: 'volunteer',
  ServiceRecord: 'serviceRecord',
  Street: null,
  District: null,
  User: null,
  UserSession: null,
  Volunteer: 'volunteer',
  VolunteerRegistration: 'volunteer',
  VolunteerTeam: 'volunteer',
  // Webhooks are administrators' business: no API key scope reaches them.
  WebhookEndpoint: null,
  WebhookDelivery: null,
  // Which plugin runs in which street (enablePlugin, configurePlugin, disablePlugin): a street's
  // administrators' business, like webhooks (the `plugin` area has no scopes).
  PluginStreet: null,
  // Plugins' own writes: like the case lifecycle, decided by each plugin's rules (micro-wish and
  // moral-bank rules.ts: staff, managers, the person acting; four-commons-five-joints `mayWrite`:
  // administrators and community staff), never by an API key's scope. Plugin areas have no
  // scopes, and every plugin refuses the INTEGRATION role, so no key writes them.
  Wish: null,
  MoralPassbook: null,
  MoralEntry: null,
  MoralReward: null,
  JointDeliberation: null,
  JointDeliberationTask: null,
  JointActivity: null,
};
/**
 * The case lifecycle's transitions. Each needs the case in a state that allows it and the version
 * the caller read, so the control below (one run of every mutation on one row) cannot run them
 * all; test/domain/cases.test.ts runs every one of them for real, and every illegal one from every
 * state. Here they are probed like the rest by every other caller.
 */
const LIFECYCLE = Object.values(ACTION_MUTATIONS).map(([name]) => name);

/** Mutations whose names do not name the node type they write. */
const WRITES_OF: Record<string, string> = {
  ...Object.fromEntries(LIFECYCLE.map((m) => [m, 'CaseTransition'])),
  recordService: 'ServiceRecord',
  registerWithCommunity: 'VolunteerRegistration',
  endCommunityRegistration: 'VolunteerRegistration',
  enablePlugin: 'PluginStreet',
  configurePlugin: 'PluginStreet',
  disablePlugin: 'PluginStreet',
  // Ledger entries: a good deed's, a redemption's.
  recordGoodDeed: 'MoralEntry',
  redeemMoralReward: 'MoralEntry',
};
/** The write area of a mutation probe; undefined when this file does not know it yet. */
const writeAreaOf = (probe: Probe): Area | null | undefined =>
  WRITE_AREAS[WRITES_OF[probe.field] ?? probe.entity];

/**
 * Mutations about the caller's own credentials (or a secret reset token), not about street data:
 * test/domain/accounts.test.ts covers them.
 */
const SESSION_MUTATIONS = [
  'login',
  'refreshAccessToken',
  'logout',
  'signOutEverywhere',
  'changePassword',
  'completePasswordReset',
];

/**
 * Codes a caller may get for a read aimed at another street ("nothing" or a refusal); NOT_FOUND is
 * "nothing" too, as long as it names nothing of street A the caller did not send.
 */
const QUERY_CODES = ['FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'NOT_FOUND'];
/** Codes a caller may get for a write aimed at another street. */
const MUTATION_CODES = [...QUERY_CODES, 'GRAPHQL_VALIDATION_FAILED'];

type Caller = Role | 'ANONYMOUS';
/** Callers of street B: every role except the platform-wide one (which reaches street A by design). */
const CROSS_STREET_CALLERS: Caller[] = [
  ...ROLES.filter((r): r is Exclude<Role, 'PLATFORM_ADMIN'> => r !== 'PLATFORM_ADMIN'),
  'ANONYMOUS',
];

/** The rows of street A the generated arguments point at, as global IDs. */
interface Victim {
  actors: StreetActors;
  streetGid: string;
  districtCode: string;
  districtGid: string;
  /** By node type: the row an `id` (or a reference of that type) points at, and a parent row. */
  rows: Record<string, { target: string; parent?: string }>;
  /**
   * By mutation, over `rows`: the row of a type it is aimed at when it needs one in a state of its
   * own (a wish to claim, a deliberation to decide …), so that every probe meets a row it could
   * change and the control can run each once.
   */
  aims: Record<string, Record<string, string>>;
  communityOrg: string;
  department: string;
  /** The number of the case the probes aim at. */
  caseNumber: string;
  /** Every tenant row of street A by node type (global IDs). */
  all: Record<string, string[]>;
  /** Row ids of street A's users, by role. */
  users: Record<Role, string>;
  /** Row ids of the people in the grid worker's subtree (home grid or assignment). */
  subtreePeople: string[];
  /** Global IDs of the resident's own rows (their person, account, passbook and its entries). */
  residentOwn: string[];
  markers: Marker[];
}

interface Marker {
  text: string;
  /** Global IDs match as whole tokens; names and codes as substrings. */
  kind: 'gid' | 'text';
  label: string;
  type?: string;
  rowId?: string;
}

// ---------------------------------------------------------------------------------------------
// Helpers: calling, markers, fingerprints
// ---------------------------------------------------------------------------------------------

let p: TestPlatform;
let A: Victim;
let B: StreetActors;
let schema: GraphQLSchema;

/** Request options for calling as `caller` of `actors`' street. */
const asOf = (actors: StreetActors, caller: Caller): RequestOptions => ({
  as: caller === 'ANONYMOUS' ? 'anonymous' : { token: actors.tokens[caller] },
});

const decodeGid = (g: string) => {
  const [type, id] = Buffer.from(g, 'base64url').toString().split(':');
  return { type: type!, id: id! };
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The markers of street A found in `text`. */
function markersIn(text: string, markers: Marker[] = A.markers): Marker[] {
  return markers.filter((m) =>
    m.kind === 'gid'
      ? new RegExp(`(?<![A-Za-z0-9_-])${escapeRe(m.text)}(?![A-Za-z0-9_-])`).test(text)
      : text.includes(m.text),
  );
}

const describeMarkers = (found: Marker[]) => found.map((m) => m.label).join(', ');

/** Error codes of a response; a 5xx status counts as INTERNAL_SERVER_ERROR. */
function errorCodes(res: GraphQLResponse): string[] {
  const codes = ((res.body.errors ?? []) as any[]).map((e) => String(e.extensions?.code));
  if (res.status >= 500 && !codes.includes('INTERNAL_SERVER_ERROR'))
    codes.push('INTERNAL_SERVER_ERROR');
  return codes;
}

/** A short account of a response's errors, with the server log's cause for masked ones. */
function explainErrors(res: GraphQLResponse): string {
  const errors = (res.body.errors ?? []) as any[];
  const parts = errors.map((e) => {
    const code = e.extensions?.code;
    if (code !== 'INTERNAL_SERVER_ERROR') return `${code}: ${e.message}`;
    const log = p.logs.find((l) => l.errorId === e.extensions?.errorId);
    const err = (log?.err ?? {}) as { message?: string; type?: string };
    return `INTERNAL_SERVER_ERROR (log: ${err.type ?? 'error'}: ${err.message ?? 'no log record'})`;
  });
  return `HTTP ${res.status}; ${parts.join(' | ') || 'no errors'}`;
}

/** The Int fields of a statistics type (named `…Stats`, e.g. `WishStats.open`): row counts. */
const statCounts = (type: GraphQLOutputType): string[] => {
  const named = getNamedType(type);
  if (!isObjectType(named) || !/Stats$/.test(named.name)) return [];
  return Object.values(named.getFields())
    .filter((f) => getNamedType(f.type).name === 'Int' && f.args.length === 0)
    .map((f) => f.name);
};
/** The names of every statistics type's counts (set once the schema is known). */
let COUNT_FIELDS = new Set<string>();

/** All `totalCount` values and statistics' counts anywhere in `value`. */
function totalCounts(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(totalCounts);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      (k === 'totalCount' || COUNT_FIELDS.has(k)) && typeof v === 'number' ? [v] : totalCounts(v),
    );
  }
  return [];
}

/** Every tenant table of street A, hashed: a map of table → md5 of its rows of street A. */
async function fingerprint(): Promise<Record<string, string>> {
  // The core's tables and the plugins' (each in its schema `plugin_<name>`).
  const tables = await p.db.query<{ t: string }>(
    `SELECT DISTINCT CASE WHEN table_schema = 'public' THEN table_name
                          ELSE table_schema || '.' || table_name END AS t
     FROM information_schema.columns
     WHERE (table_schema = 'public' OR table_schema LIKE 'plugin\\_%') AND column_name = 'street_id'
     ORDER BY 1`,
  );
  // An API key's `last_used_at` changes whenever it is used, which is no write by the caller.
  const row = `(to_jsonb(x) - 'last_used_at')::text`;
  const part = (name: string, where: string) =>
    `SELECT '${name}' AS t, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS h
     FROM ${name} x WHERE ${where}`;
  const sql = [
    part('street', 'x.id = $1'),
    ...tables.map(({ t }) => part(t, 'x.street_id = $1')),
  ].join(' UNION ALL ');
  const rows = await p.db.query<{ t: string; h: string }>(sql, [A.actors.streetId]);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);

/** Runs a mutation as the admin token and returns its payload; throws on any problem. */
async function arrange(field: string, input: Record<string, unknown>, select: string) {
  const arg = schema.getMutationType()!.getFields()[field]!.args[0]!;
  const res = await p.gql<any>(
    `mutation($input: ${String(arg.type)}) { ${field}(input: $input) { ${select} userErrors { field message code } } }`,
    { input },
  );
  const payload = res.body.data?.[field];
  if (res.body.errors || !payload || payload.userErrors.length) {
    throw new Error(`${field}: ${JSON.stringify(res.body.errors ?? payload.userErrors)}`);
  }
  return payload;
}

// ---------------------------------------------------------------------------------------------
// Helpers: operations generated from the schema
// ---------------------------------------------------------------------------------------------

const nodeTypeNames = () =>
  schema.getPossibleTypes(schema.getType('Node') as any).map((t) => t.name);

/** The node type a field's result is about: its named type, or a connection's node type. */
function entityOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isObjectType(named)) {
    const nodes = named.getFields().nodes;
    if (named.getFields().totalCount && nodes) return getNamedType(nodes.type).name;
  }
  return named.name;
}

/** The node type a mutation is about: the longest node type name its name contains. */
/** Mutations whose names hold no node type, or a part of another's. */
const ENTITY_OF: Record<string, string> = {
  resetPassword: 'User',
  endSession: 'UserSession',
  updateWorkCalendar: 'District',
  setCalendarDays: 'District',
  removeCalendarDays: 'District',
};
/** Writes of a district's own settings (its work calendar): no street's rows change. */
const DISTRICT_WRITES = ['updateWorkCalendar', 'setCalendarDays', 'removeCalendarDays'];

function entityOfMutation(name: string): string | undefined {
  if (ENTITY_OF[name]) return ENTITY_OF[name];
  return nodeTypeNames()
    .filter((t) => name.includes(t))
    .sort((x, y) => y.length - x.length)[0];
}

/**
 * A minimal selection: `__typename`, `id` and identifying names; connections by their nodes;
 * statistics (`WishStats`) by their counts.
 */
function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const fields = named.getFields();
  if (fields.totalCount && fields.nodes)
    return `{ totalCount nodes ${selectionFor(fields.nodes.type)} }`;
  const names = ['id', 'code', 'name', 'title'].filter(
    (f) => fields[f] && isLeafType(getNamedType(fields[f].type)) && fields[f].args.length === 0,
  );
  return `{ ${['__typename', ...names, ...statCounts(named)].join(' ')} }`;
}

/** How deep the nested probes follow object fields from the root field's result. */
const DEEP = 2;
/** Page size of nested connections in the nested probes (keeps their cost under the limit). */
const DEEP_PAGE = 3;

/**
 * A nested selection: besides `__typename`, `id` and names, every object field without required
 * arguments, `depth` levels down (nested connections take `first`), and every node type through
 * inline fragments. Reaches street A's rows through public objects, e.g. `street(code:) { people }`.
 */
function deepSelection(type: GraphQLOutputType, depth: number, fragmentsOf: string[] = []): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isInterfaceType(named)) {
    const fragments = fragmentsOf.map(
      (t) => `... on ${t} ${deepSelection(schema.getType(t) as GraphQLOutputType, depth)}`,
    );
    return `{ ${[selectionFor(named).slice(1, -1), ...fragments].join(' ')} }`;
  }
  if (!isObjectType(named)) return '{ __typename }';
  const fields = named.getFields();
  if (fields.totalCount && fields.nodes)
    return `{ totalCount nodes ${deepSelection(fields.nodes.type, depth)} }`;
  const parts = [selectionFor(named).slice(1, -1)];
  if (depth > 0) {
    for (const f of Object.values(fields)) {
      if (isLeafType(getNamedType(f.type)) || f.args.some((a) => isNonNullType(a.type))) continue;
      const page = f.args.some((a) => a.name === 'first') ? `(first: ${DEEP_PAGE})` : '';
      parts.push(`${f.name}${page} ${deepSelection(f.type, depth - 1)}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** A mutation payload's selection: its problems, and every other field minimally. */
function payloadSelection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return selectionFor(type);
  const parts = Object.values(named.getFields()).map((f) =>
    f.name === 'userErrors'
      ? 'userErrors { code field message }'
      : `${f.name} ${selectionFor(f.type)}`,
  );
  return `{ __typename ${parts.join(' ')} }`;
}

/** ID field names that do not name their node type. */
const ID_ALIASES: Record<string, string> = {
  post: 'ServicePost',
  team: 'VolunteerTeam',
  record: 'ServiceRecord',
  claim: 'ServicePostClaim',
  member: 'OrganizationMember',
  membership: 'OrganizationMember',
  assignment: 'GridStaffAssignment',
  registration: 'VolunteerRegistration',
  confirmedBy: 'Person',
  homeGrid: 'Grid',
  owner: 'Organization',
  subtreeOf: '@entity',
  // The audit log's filters: what an entry is about, and who acted.
  subject: 'Person',
  actor: 'User',
  // Cases: their category, reporter and the person who reported them.
  category: 'CaseCategory',
  reporter: 'User',
  reporterPerson: 'Person',
  intoCase: 'Case',
  id: '@entity',
  parent: '@parent',
  // Plugins: who posts and claims a wish, what is redeemed or reversed, a deliberation's units.
  poster: 'Person',
  claimant: 'Person',
  reward: 'MoralReward',
  entry: 'MoralEntry',
  deliberation: 'JointDeliberation',
  unit: 'Organization',
  responsibleUnit: 'Organization',
};

class Unaimed extends Error {}

/** Street A's global ID for an ID field `name` of operation `field`, about `entity`. */
function idFor(name: string, entity: string | undefined, field: string): string {
  if (name === 'streetId') return A.streetGid;
  if (name === 'districtId') return A.districtGid;
  if (name === 'communityId' || name === 'registeredWith') return A.communityOrg;
  if (name === 'departmentId' || name === 'departmentIds') return A.department;
  const base = name.replace(/Ids?$/, '');
  // A case's owner is a user (a brand's is an organization).
  let type =
    base === 'owner' && entity === 'Case'
      ? 'User'
      : (ID_ALIASES[base] ?? `${base[0]!.toUpperCase()}${base.slice(1)}`);
  let parent = false;
  if (type === '@entity' || type === '@parent') {
    parent = type === '@parent';
    type = entity ?? '';
  }
  const rows = A.rows[type];
  if (!rows) throw new Unaimed(`no row of street A for ID field "${name}" (about ${entity})`);
  return parent ? (rows.parent ?? rows.target) : (A.aims[field]?.[type] ?? rows.target);
}

/** A code of street A for `code` arguments, by what the field returns or the input creates. */
function codeFor(typeName: string): string {
  if (/Street/.test(typeName))
    return typeName.startsWith('Create') ? `${A.districtCode}099` : VICTIM;
  if (/District/.test(typeName)) return A.districtCode;
  if (/Grid/.test(typeName)) return typeName.startsWith('Create') ? `${VICTIM}099` : `${VICTIM}001`;
  // A street's own case category, under the platform's major class 06.
  if (/CaseCategory/.test(typeName)) return '0699';
  throw new Unaimed(`no code of street A for ${typeName}`);
}

/** Enum values that make a valid input where the first value would not. */
const ENUM_CHOICE: Record<string, string> = {
  OrganizationKind: 'PARTY_BRANCH',
  ActivityKind: 'OTHER',
  ServicePostKind: 'OTHER',
  OrganizationMemberRole: 'MEMBER',
  GridRole: 'MEMBER',
  Role: 'COMMUNITY_STAFF',
};

const DATE = '2024-01-01';
const FUTURE_DATE = '2099-12-31';
const TIME = '2024-03-01T02:00:00.000Z';
/** Optional fields filled besides IDs and dates, so a write that got through would show. */
const OPTIONAL_FILLED = ['name', 'title', 'description', 'password'];

/** A valid-looking value of `type` for field `name` of input type `owner`, in `mutation`. */
function valueFor(
  type: GraphQLInputType,
  name: string,
  owner: string,
  mutation: string,
  entity: string | undefined,
): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, owner, mutation, entity);
  if (isListType(type)) return [valueFor(type.ofType, name, owner, mutation, entity)];
  if (isInputObjectType(type)) return inputFor(type.name, mutation, entity);
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    const choice = ENUM_CHOICE[type.name];
    return choice && values.includes(choice) ? choice : values[0];
  }
  if (!isScalarType(type)) throw new Unaimed(`no value for ${owner}.${name}`);
  switch (type.name) {
    case 'ID':
      return idFor(name, entity, mutation);
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'LocalDate':
      // A follow-up task is due in the future.
      return name === 'dueOn' ? FUTURE_DATE : DATE;
    case 'DateTime':
      // A period (caseStats) ends a year after it starts.
      return name === 'to' ? '2025-03-01T02:00:00.000Z' : TIME;
    case 'JSONObject':
      return {};
    case 'String':
      if (name === 'code') return codeFor(owner);
      if (name === 'districtCode') return A.districtCode;
      if (name === 'username') return 'matrix.probe';
      if (name === 'password') return 'matrix-probe-password';
      if (name === 'scopes') return 'grid:read';
      if (name === 'phone') return '13900000000';
      if (name === 'serviceCode') return 'matrix.probe';
      // A webhook receiver (the matrix's platform allows private networks) and its event types.
      if (name === 'url' && owner.includes('Webhook')) return 'http://127.0.0.1:9/matrix-probe';
      if (name === 'eventTypes') return 'grid.created';
      // enablePlugin, configurePlugin, disablePlugin: one of the plugins street A runs.
      if (name === 'plugin') return PROBED_PLUGIN;
      return `${mutation} 探针`;
    default:
      throw new Unaimed(`no value for scalar ${type.name} (${owner}.${name})`);
  }
}

/** Whether an optional input field is filled: IDs (the aim), dates, and a few names. */
const fillOptional = (f: GraphQLInputField) => {
  const named = getNamedType(f.type).name;
  return named === 'ID' || named === 'LocalDate' || OPTIONAL_FILLED.includes(f.name);
};

/** An input object aimed at street A: required fields, every ID, dates and names. */
function inputFor(typeName: string, mutation: string, entity: string | undefined) {
  const type = schema.getType(typeName);
  if (!isInputObjectType(type)) throw new Unaimed(`${typeName} is no input object`);
  const value: Record<string, unknown> = {};
  for (const f of Object.values(type.getFields())) {
    if (isNonNullType(f.type) || fillOptional(f))
      value[f.name] = valueFor(f.type, f.name, typeName, mutation, entity);
  }
  return value;
}

/** One generated operation. */
interface Probe {
  root: 'Query' | 'Mutation';
  field: string;
  /** e.g. `grids(filter.parentId)`. */
  label: string;
  query: string;
  variables: Record<string, unknown>;
  /** Whether an argument points at street A (so any non-zero count is street A's). */
  aimed: boolean;
  /** The node type the field is about. */
  entity: string;
}

/** The operation text for `field` with `args` passed as variables. */
function operation(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  selection: string,
): string {
  const given = field.args.filter((a) => a.name in args);
  const decls = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const pass = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} Probe${decls ? `(${decls})` : ''} { ${field.name}${pass ? `(${pass})` : ''} ${selection} }`;
}

/** Read probes: every Query field, plain and with each filter field aimed at street A. */
function queryProbes(unaimed: string[]): Probe[] {
  const probes: Probe[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const entity = entityOf(field.type);
    const selection = selectionFor(field.type);
    // `node` expands to the node type asked for (`nodes` has no nested probe: fragments on
    // several types would conflict, and `node` covers each type).
    const deep = (about: string) => deepSelection(field.type, DEEP, [about]);
    const first = field.args.some((a) => a.name === 'first') ? { first: DEEP_PAGE } : {};
    /** A probe with the minimal selection, and with `nested` also one with the nested one. */
    const add = (
      label: string,
      args: Record<string, unknown>,
      aimed: boolean,
      about = entity,
      nested = false,
    ) => {
      const probe = { root: 'Query' as const, field: field.name, aimed, entity: about };
      probes.push({
        ...probe,
        label: `${field.name}${label}`,
        query: operation('query', field, args, selection),
        variables: args,
      });
      if (nested && about !== 'Node')
        probes.push({
          ...probe,
          label: `${field.name}${label} (nested)`,
          query: operation('query', field, { ...args, ...first }, deep(about)),
          variables: { ...args, ...first },
        });
    };
    try {
      const required: Record<string, unknown> = {};
      const byNode: [string, string][] = [];
      for (const arg of field.args.filter((a: GraphQLArgument) => isNonNullType(a.type))) {
        const named = getNamedType(arg.type).name;
        if (arg.name === 'id' && named === 'ID')
          byNode.push(...Object.keys(A.rows).map((t): [string, string] => [t, A.rows[t]!.target]));
        else if (arg.name === 'ids' && named === 'ID')
          // A few of every type, so that each type is among the 100.
          required.ids = Object.values(A.all)
            .flatMap((ids) => ids.slice(0, 3))
            .slice(0, 100);
        else if (arg.name === 'code') required.code = codeFor(entity);
        else if (arg.name === 'number') required.number = A.caseNumber;
        else if (named === 'ID') required[arg.name] = idFor(arg.name, entity, field.name);
        else if (isInputObjectType(getNamedType(arg.type)))
          required[arg.name] = inputFor(named, field.name, entity);
        else throw new Unaimed(`required argument ${arg.name}`);
      }
      if (byNode.length) {
        for (const [type, id] of byNode) add(`(${type})`, { ...required, id }, true, type, true);
        continue;
      }
      add('', required, Object.keys(required).length > 0, entity, true);
      // Optional ID arguments (`caseQueue(streetId:)`, `wishStats(gridId:)`): each aimed at A.
      for (const arg of field.args) {
        if (isNonNullType(arg.type) || getNamedType(arg.type).name !== 'ID') continue;
        const value = valueFor(arg.type, arg.name, field.name, field.name, entity);
        add(`(${arg.name})`, { ...required, [arg.name]: value }, true);
      }
      const filterArg = field.args.find((a) => a.name === 'filter');
      const filterType = filterArg && getNamedType(filterArg.type);
      if (!isInputObjectType(filterType)) continue;
      for (const f of Object.values(filterType.getFields())) {
        const named = getNamedType(f.type).name;
        if (named !== 'ID' && f.name !== 'codePrefix') continue;
        const value = f.name === 'codePrefix' ? `${VICTIM}001` : idFor(f.name, entity, field.name);
        // A category's parent is a major class of the platform's catalog, not street A's: what
        // it counts is public; street A's own category under it must still not show.
        const aimed = !(entity === 'CaseCategory' && f.name === 'parentId');
        add(`(filter.${f.name})`, { ...required, filter: { [f.name]: value } }, aimed);
      }
    } catch (e) {
      if (!(e instanceof Unaimed)) throw e;
      unaimed.push(`Query.${field.name}: ${e.message}`);
    }
  }
  return probes;
}

/** Write probes: every Mutation field but the session ones, with an input aimed at street A. */
function mutationProbes(unaimed: string[]): Probe[] {
  const probes: Probe[] = [];
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    if (SESSION_MUTATIONS.includes(field.name)) continue;
    const entity = entityOfMutation(field.name);
    try {
      const args: Record<string, unknown> = {};
      for (const arg of field.args) {
        if (!isNonNullType(arg.type)) continue;
        const named = getNamedType(arg.type);
        if (!isInputObjectType(named)) throw new Unaimed(`argument ${arg.name} is no input`);
        args[arg.name] = inputFor(named.name, field.name, entity);
      }
      probes.push({
        root: 'Mutation',
        field: field.name,
        label: field.name,
        query: operation('mutation', field, args, payloadSelection(field.type)),
        variables: args,
        aimed: true,
        entity: entity ?? '',
      });
    } catch (e) {
      if (!(e instanceof Unaimed)) throw e;
      unaimed.push(`Mutation.${field.name}: ${e.message}`);
    }
  }
  return probes;
}

/**
 * What is wrong with a cross-street caller's answer to a read: a leak of street A's markers in
 * the data (or in errors, beyond what the caller sent), a count of street A's rows, or an error
 * that is not a refusal.
 */
function readViolations(probe: Probe, res: GraphQLResponse): string[] {
  const out: string[] = [];
  const codes = errorCodes(res);
  const bad = codes.filter((c) => !QUERY_CODES.includes(c));
  if (bad.length || res.status >= 500) out.push(`error: ${explainErrors(res)}`);
  const inData = markersIn(JSON.stringify(res.body.data ?? null));
  if (inData.length) out.push(`sees street A's ${describeMarkers(inData)}`);
  const sent = markersIn(`${probe.query} ${JSON.stringify(probe.variables)}`);
  const inErrors = markersIn(JSON.stringify(res.body.errors ?? [])).filter(
    (m) => !sent.includes(m),
  );
  if (inErrors.length) out.push(`errors name street A's ${describeMarkers(inErrors)}`);
  if (probe.aimed) {
    const counts = totalCounts(res.body.data).filter((n) => n > 0);
    if (counts.length) out.push(`counts street A's rows: totalCount ${counts.join(', ')}`);
  }
  return out;
}

/** What is wrong with a cross-street caller's answer to a write. */
function writeViolations(probe: Probe, res: GraphQLResponse): string[] {
  const out: string[] = [];
  const codes = errorCodes(res);
  const bad = codes.filter((c) => !MUTATION_CODES.includes(c));
  if (bad.length || res.status >= 500) out.push(`error: ${explainErrors(res)}`);
  const payload = res.body.data?.[probe.field] as Record<string, unknown> | null | undefined;
  if (!codes.length) {
    if (!payload) out.push('no payload and no error');
    else if (!(payload.userErrors as unknown[]).length) out.push('SUCCEEDED (no userErrors)');
  }
  if (payload) {
    const { userErrors, ...rest } = payload;
    const inData = markersIn(JSON.stringify(rest));
    if (inData.length) out.push(`payload shows street A's ${describeMarkers(inData)}`);
    const sent = markersIn(JSON.stringify(probe.variables));
    const named = markersIn(JSON.stringify([userErrors, res.body.errors ?? []])).filter(
      (m) => !sent.includes(m),
    );
    if (named.length) out.push(`userErrors name street A's ${describeMarkers(named)}`);
  }
  return out;
}

/** The global IDs of street A in a response's data, by node type. */
function gidsIn(res: GraphQLResponse): Marker[] {
  return markersIn(JSON.stringify(res.body.data ?? null)).filter((m) => m.kind === 'gid');
}

// ---------------------------------------------------------------------------------------------
// Setup: street A gets rows in every area
// ---------------------------------------------------------------------------------------------

let QUERY_PROBES: Probe[];
let MUTATION_PROBES: Probe[];
const UNAIMED: string[] = [];
/** API keys of street A, reading everything, by the write scopes they hold. */
const KEYS = {
  /** Only `<area>:write`. */
  only: {} as Record<Area, string>,
  /** Every area's write scope but `<area>:write`. */
  allBut: {} as Record<Area, string>,
  /** `*:write`. */
  all: '',
};

/** The plugin whose enablement in street A the plugin-area mutations aim at. */
const PROBED_PLUGIN = 'micro-wish';

/**
 * Rows of the bundled plugins in street A, written through the plugins' own mutations: wishes in
 * each state a wish mutation starts from, moral passbooks (the grid worker's with points to redeem
 * and reverse, the resident's own, one of a person outside the grid worker's subtree), a reward,
 * a redemption and a reversal, joint deliberations in each state a deliberation mutation starts
 * from (one with a follow-up task), and a joint activity. Answers the targets by node type and
 * the aims of the mutations that need a row in a state of its own.
 */
async function arrangePluginRows(
  a: StreetActors,
  more: { partyMember: string; committee: string; theCase: string },
): Promise<{ rows: Victim['rows']; aims: Victim['aims'] }> {
  const S = gid('Street', a.streetId);
  const g = (type: string, key: keyof StreetActors['ids']) => gid(type, a.ids[key]);
  const [resident, volunteer, worker] = [
    g('Person', 'resident'),
    g('Person', 'volunteer'),
    g('Person', 'gridWorker'),
  ];

  // 微心愿: the resident's, claimed by the party member; one of the volunteer (who lives outside
  // the grid worker's subtree) in the other community, fulfilled with a photo.
  const wish = async (gridId: string, posterId: string, title: string) =>
    (
      await arrange(
        'postWish',
        { gridId, posterId, title, photos: ['https://example.org/matrix.jpg'] },
        'wish { id }',
      )
    ).wish.id as string;
  const act = (field: string, input: Record<string, unknown>) =>
    arrange(field, input, '__typename');
  const done = await wish(g('Grid', 'otherCommunity'), volunteer, `${VICTIM} 修理轮椅`);
  await act('claimWish', { id: done, claimantId: more.partyMember });
  await act('fulfilWish', {
    id: done,
    note: `${VICTIM} 已修好`,
    photos: ['https://example.org/f.jpg'],
  });
  const claimed = await wish(g('Grid', 'unit'), resident, `${VICTIM} 代买药品`);
  await act('claimWish', { id: claimed, claimantId: more.partyMember });
  const toClaim = await wish(g('Grid', 'unit'), resident, `${VICTIM} 陪同就医`);
  const toCancel = await wish(g('Grid', 'unit'), resident, `${VICTIM} 辅导作业`);

  // 道德银行: the grid worker's passbook holds enough to redeem the reward and reverse a deed
  // once more (the control does both); the resident's and the volunteer's hold a deed each.
  const reward = (
    await arrange(
      'createMoralReward',
      { streetId: S, name: `${VICTIM} 大米五斤`, cost: 10, stock: 20 },
      'reward { id }',
    )
  ).reward.id as string;
  const deed = async (personId: string, points: number) =>
    (await arrange(
      'recordGoodDeed',
      {
        personId,
        category: 'HELPING_OTHERS',
        note: `${VICTIM} 好人好事 ${points}`,
        points,
        occurredOn: DATE,
      },
      'entry { id } passbook { id }',
    )) as { entry: { id: string }; passbook: { id: string } };
  const first = await deed(worker, 50);
  const second = await deed(worker, 49);
  await deed(worker, 48);
  await deed(resident, 5);
  await deed(volunteer, 6);
  await act('redeemMoralReward', { rewardId: reward, personId: worker });
  await act('reverseMoralEntry', { entryId: second.entry.id, reason: `${VICTIM} 记错了` });

  // 四共五联: a deliberation for each state a mutation starts from; the first is about the case.
  const units = [g('Organization', 'department'), more.committee];
  const deliberation = async (title: string, caseId?: string) =>
    (
      await arrange(
        'createJointDeliberation',
        { streetId: S, kind: 'PRACTICAL', title: `${VICTIM} ${title}`, unitIds: units, caseId },
        'deliberation { id }',
      )
    ).deliberation.id as string;
  const discuss = (id: string) => act('startJointDeliberationDiscussion', { id });
  const decide = (id: string, tasks: unknown[] = []) =>
    act('decideJointDeliberation', { id, decision: `${VICTIM} 决议`, tasks });
  const proposed = await deliberation('加装电梯', more.theCase);
  const toStart = await deliberation('停车难');
  const toCancelD = await deliberation('垃圾分类');
  const toDecide = await deliberation('楼道照明');
  await discuss(toDecide);
  const toClose = await deliberation('健身器材');
  await discuss(toClose);
  await decide(toClose);
  const withTask = await deliberation('老旧小区改造');
  await discuss(withTask);
  await decide(withTask, [
    { title: `${VICTIM} 清理楼道`, responsibleUnitId: units[0], dueOn: FUTURE_DATE },
  ]);
  const [task] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM plugin_four_commons_five_joints.deliberation_task
     WHERE deliberation_id = $1`,
    [decodeGid(withTask).id],
  );
  const activity = (
    await arrange(
      'recordJointActivity',
      {
        streetId: S,
        kind: 'PUBLIC_WELFARE',
        title: `${VICTIM} 义诊进社区`,
        heldOn: DATE,
        unitIds: units,
        participants: 30,
      },
      'activity { id }',
    )
  ).activity.id as string;

  return {
    rows: {
      Wish: { target: claimed },
      MoralPassbook: { target: first.passbook.id },
      MoralEntry: { target: first.entry.id },
      MoralReward: { target: reward },
      JointDeliberation: { target: proposed },
      JointDeliberationTask: { target: gid('JointDeliberationTask', task!.id) },
      JointActivity: { target: activity },
    },
    aims: {
      claimWish: { Wish: toClaim },
      cancelWish: { Wish: toCancel },
      // The party member has no passbook yet.
      openMoralPassbook: { Person: more.partyMember },
      startJointDeliberationDiscussion: { JointDeliberation: toStart },
      decideJointDeliberation: { JointDeliberation: toDecide },
      closeJointDeliberation: { JointDeliberation: toClose },
      cancelJointDeliberation: { JointDeliberation: toCancelD },
      addJointDeliberationTask: { JointDeliberation: withTask },
    },
  };
}

beforeAll(async () => {
  // The probes nest every relation: they are about who sees what, not about query cost.
  p = await startTestPlatform({
    plugins: BUNDLED_PLUGINS,
    env: {
      GRAPHQL_MAX_COST: '50000',
      RATE_LIMIT_CAPACITY: '100000000',
      // Webhook receivers of the probes point at 127.0.0.1 (no request is ever sent: no relay).
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    },
  });
  // The schema as served: the core's and the plugins' types and fields.
  schema = p.app.schema;
  COUNT_FIELDS = new Set(
    Object.values(schema.getTypeMap()).flatMap((t) => (isObjectType(t) ? statCounts(t) : [])),
  );
  const a = await streetActors(p, VICTIM);
  B = await streetActors(p, CALLER);
  const S = gid('Street', a.streetId);
  // Every plugin the platform runs, on in street A (the victim) and in street B (the callers): a
  // caller of B then reaches each plugin's code, and only its rules and row-level security keep
  // street A's rows from them, where a street without it would answer PLUGIN_DISABLED first.
  for (const street of [S, gid('Street', B.streetId)]) {
    for (const plugin of p.app.plugins.plugins) {
      await arrange(
        'enablePlugin',
        { plugin: plugin.manifest.name, streetId: street },
        'pluginStreet { enabled }',
      );
    }
  }
  const g = (type: string, key: keyof StreetActors['ids']) => gid(type, a.ids[key]);
  // The volunteer of streetActors becomes an in-service party member, so an authorized caller
  // could register them with a community (see the control at the end).
  await p.db.query(
    `UPDATE person SET party_status = 'MEMBER', party_kind = 'IN_SERVICE' WHERE id = $1`,
    [a.ids.volunteer],
  );
  const org = async (kind: string, name: string, parentId: string) =>
    (
      await arrange(
        'createOrganization',
        { streetId: S, kind, name, parentId },
        'organization { id }',
      )
    ).organization.id as string;
  const committee = await org(
    'COMMUNITY_COMMITTEE',
    `${VICTIM} 大党委`,
    g('Organization', 'communityOrg'),
  );
  await org('PARTY_BRANCH', `${VICTIM} 网格党支部`, committee);
  const brand = async (name: string, ownerId: string, parentId?: string) =>
    (await arrange('createBrand', { streetId: S, name, ownerId, parentId }, 'brand { id }')).brand
      .id as string;
  const topBrand = await brand(`${VICTIM} 初心红`, g('Organization', 'communityOrg'));
  const subBrand = await brand(`${VICTIM} 初心巷`, g('Organization', 'department'), topBrand);
  const activity = (
    await arrange(
      'createActivity',
      {
        streetId: S,
        title: `${VICTIM} 党史宣讲`,
        kind: 'LECTURE',
        startsAt: TIME,
        brandId: subBrand,
        organizationId: g('Organization', 'department'),
        gridId: g('Grid', 'unit'),
      },
      'activity { id }',
    )
  ).activity.id as string;
  // People outside the grid worker's subtree (the volunteer lives in the other community) show
  // up in the activity, a department and a grid's staff, for the nested probes to find.
  await arrange(
    'addActivityParticipants',
    {
      activityId: activity,
      participants: [{ personId: g('Person', 'resident') }, { personId: g('Person', 'volunteer') }],
    },
    'activity { id }',
  );
  await arrange(
    'addOrganizationMember',
    {
      organizationId: g('Organization', 'department'),
      personId: g('Person', 'volunteer'),
      role: 'STAFF',
    },
    'member { id }',
  );
  await arrange(
    'assignGridStaff',
    { gridId: g('Grid', 'otherCommunity'), personId: g('Person', 'volunteer'), role: 'LEADER' },
    'assignment { id }',
  );
  const partyMember = (
    await arrange(
      'createPerson',
      {
        streetId: S,
        name: `${VICTIM} 党员`,
        homeGridId: g('Grid', 'unit'),
        partyMembership: { status: 'MEMBER', kind: 'IN_SERVICE' },
      },
      'person { id }',
    )
  ).person.id as string;
  const v2 = (
    await arrange(
      'registerVolunteer',
      { personId: partyMember, joinedOn: '2023-01-01' },
      'volunteer { id }',
    )
  ).volunteer.id as string;
  const registration = (
    await arrange(
      'registerWithCommunity',
      {
        volunteerId: v2,
        communityId: g('Organization', 'communityOrg'),
        registeredOn: '2023-06-01',
      },
      'registration { id }',
    )
  ).registration.id as string;
  const team = (
    await arrange(
      'createVolunteerTeam',
      { streetId: S, name: `${VICTIM} 小蜜蜂`, organizationId: g('Organization', 'department') },
      'team { id }',
    )
  ).team.id as string;
  await arrange('addVolunteerToTeam', { teamId: team, volunteerId: v2 }, 'team { id }');
  const post = (
    await arrange(
      'createServicePost',
      {
        streetId: S,
        name: `${VICTIM} 调解岗`,
        kind: 'MEDIATION',
        gridId: g('Grid', 'unit'),
        organizationId: g('Organization', 'department'),
      },
      'post { id }',
    )
  ).post.id as string;
  const claim = (
    await arrange(
      'claimServicePost',
      { postId: post, volunteerId: v2, claimedOn: '2023-12-01' },
      'claim { id }',
    )
  ).claim.id as string;
  const record = (
    await arrange(
      'recordService',
      {
        volunteerId: v2,
        organizationId: g('Organization', 'department'),
        postId: post,
        description: `${VICTIM} 调解邻里纠纷`,
        hours: 2,
        servedOn: DATE,
      },
      'record { id }',
    )
  ).record.id as string;
  await arrange(
    'recordService',
    {
      volunteerId: g('Volunteer', 'volunteerRow'),
      organizationId: g('Organization', 'department'),
      description: `${VICTIM} 清扫楼道`,
      hours: 1,
      servedOn: '2024-01-02',
    },
    'record { id }',
  );
  const membership = (
    await arrange(
      'addOrganizationMember',
      {
        organizationId: g('Organization', 'communityOrg'),
        personId: g('Person', 'resident'),
        role: 'MEMBER',
        startedOn: '2023-01-01',
      },
      'member { id }',
    )
  ).member.id as string;
  const assignment = (
    await arrange(
      'assignGridStaff',
      {
        gridId: g('Grid', 'unit'),
        personId: partyMember,
        role: 'ASSISTANT',
        startedOn: '2023-01-01',
      },
      'assignment { id }',
    )
  ).assignment.id as string;

  // A case category of street A's own, under the platform's major class 01 (so it sorts among
  // the first of the catalog), and two cases in it: one dispatched to the department, owned and
  // reported by its staff (what the filters aim at), one waiting to be accepted (the queue).
  const category = (
    await arrange(
      'createCaseCategory',
      {
        streetId: S,
        code: '0100',
        name: `${VICTIM} 楼道堆物`,
        serviceCode: 'matrix.own',
        acceptanceCriteria: '楼道内堆放杂物影响通行',
        closureCriteria: '杂物清除',
        timeLimits: { a: 60, b: 420, c: 2100 },
        departments: ['物业'],
      },
      'category { id }',
    )
  ).category.id as string;
  const [major] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM case_category WHERE street_id IS NULL AND code = '01'`,
  );
  const report = async (title: string) =>
    (
      await arrange(
        'reportCase',
        { streetId: S, categoryId: category, gridId: g('Grid', 'unit'), title, urgency: 'B' },
        'case { id number version }',
      )
    ).case as { id: string; number: string; version: number };
  const theCase = await report(`${VICTIM} 楼道堆放杂物`);
  await report(`${VICTIM} 楼道灯不亮`);
  const accepted = (
    await arrange('acceptCase', { id: theCase.id, version: theCase.version }, 'case { version }')
  ).case.version as number;
  await arrange(
    'dispatchCase',
    { id: theCase.id, version: accepted, departmentIds: [g('Organization', 'department')] },
    'case { version }',
  );

  const [district] = await p.db.query<{ id: string; code: string }>(
    `SELECT d.id::text AS id, d.code FROM street s JOIN district d ON d.id = s.district_id WHERE s.id = $1`,
    [a.streetId],
  );
  const [key] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM api_key WHERE street_id = $1`,
    [a.streetId],
  );
  const users = await p.db.query<{ id: string; role: Role }>(
    `SELECT id::text AS id, role FROM app_user WHERE street_id = $1`,
    [a.streetId],
  );
  const userIds = Object.fromEntries(users.map((u) => [u.role, u.id])) as Record<Role, string>;
  await p.db.query(`UPDATE case_file SET owner_user_id = $2, reporter_user_id = $2 WHERE id = $1`, [
    decodeGid(theCase.id).id,
    userIds.DEPARTMENT_STAFF,
  ]);
  // A sign-in of the account the probes aim at, and an entry of street A's audit log.
  const [session] = await p.db.query<{ id: string }>(
    `INSERT INTO user_session (family_id, user_id, user_agent, client_address)
     VALUES (gen_random_uuid(), $1, 'matrix', '127.0.0.1') RETURNING id::text AS id`,
    [userIds.DEPARTMENT_STAFF],
  );
  const [auditEntry] = await p.db.query<{ id: string }>(
    `INSERT INTO audit_log (street_id, action, subject_type, subject_id, fields, actor_kind,
       actor_id, actor_role, client_address)
     VALUES ($1, 'personal_data.read', 'Person', $2, '{PHONE}', 'user', $3, 'DEPARTMENT_STAFF',
       '127.0.0.1') RETURNING id::text AS id`,
    [a.streetId, a.ids.gridWorker, userIds.DEPARTMENT_STAFF],
  );

  // A webhook endpoint of street A, and a delivery of one of its events with an attempt.
  const endpoint = (
    await arrange(
      'createWebhookEndpoint',
      { streetId: S, url: 'http://127.0.0.1:9/matrix', eventTypes: ['case.*'] },
      'endpoint { id }',
    )
  ).endpoint.id as string;
  const [delivery] = await p.db.query<{ id: string }>(
    `INSERT INTO webhook_delivery (street_id, endpoint_id, event_id, event_tx_id, event_type, status,
       attempt_count, last_status_code, delivered_at)
     SELECT street_id, $2, id, tx_id::text::bigint, type, 'DELIVERED', 1, 200, now()
     FROM domain_event WHERE street_id = $1 AND type = 'case.reported' ORDER BY id LIMIT 1
     RETURNING id::text AS id`,
    [a.streetId, decodeGid(endpoint).id],
  );
  await p.db.query(
    `INSERT INTO webhook_delivery_attempt (delivery_id, number, street_id, started_at, duration_ms, status_code)
     VALUES ($1, 1, $2, now(), 12, 200)`,
    [delivery!.id, a.streetId],
  );

  const plugins = await arrangePluginRows(a, { partyMember, committee, theCase: theCase.id });

  // Every tenant row of street A, and its names and codes, are markers.
  const all: Record<string, string[]> = {};
  const markers: Marker[] = [];
  for (const [type, table] of Object.entries(NODE_TABLES)) {
    const rows = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM ${table} WHERE street_id = $1 ORDER BY id`,
      [a.streetId],
    );
    all[type] = rows.map((r) => gid(type, r.id));
    for (const r of rows)
      markers.push({
        text: gid(type, r.id),
        kind: 'gid',
        label: `${type}:${r.id}`,
        type,
        rowId: r.id,
      });
  }
  const texts = await p.db.query<{ label: string; text: string }>(
    `SELECT 'person name' AS label, name AS text FROM person WHERE street_id = $1
     UNION ALL SELECT 'grid code', code FROM grid WHERE street_id = $1 AND level <> 'STREET'
     UNION ALL SELECT 'grid name', name FROM grid WHERE street_id = $1
     UNION ALL SELECT 'organization name', name FROM organization WHERE street_id = $1
     UNION ALL SELECT 'brand name', name FROM brand WHERE street_id = $1
     UNION ALL SELECT 'activity title', title FROM activity WHERE street_id = $1
     UNION ALL SELECT 'team name', name FROM volunteer_team WHERE street_id = $1
     UNION ALL SELECT 'post name', name FROM service_post WHERE street_id = $1
     UNION ALL SELECT 'case title', title FROM case_file WHERE street_id = $1
     UNION ALL SELECT 'case number', number FROM case_file WHERE street_id = $1
     UNION ALL SELECT 'case category name', name FROM case_category WHERE street_id = $1
     UNION ALL SELECT 'wish title', title FROM plugin_micro_wish.wish WHERE street_id = $1
     UNION ALL SELECT 'reward name', name FROM plugin_moral_bank.reward WHERE street_id = $1
     UNION ALL SELECT 'ledger note', note FROM plugin_moral_bank.entry
       WHERE street_id = $1 AND note IS NOT NULL
     UNION ALL SELECT 'deliberation title', title FROM plugin_four_commons_five_joints.deliberation
       WHERE street_id = $1
     UNION ALL SELECT 'task title', title FROM plugin_four_commons_five_joints.deliberation_task
       WHERE street_id = $1
     UNION ALL SELECT 'joint activity title', title
       FROM plugin_four_commons_five_joints.joint_activity WHERE street_id = $1`,
    [a.streetId],
  );
  for (const t of texts)
    markers.push({ text: t.text, kind: 'text', label: `${t.label} "${t.text}"` });

  const subtree = await p.db.query<{ id: string }>(
    `SELECT p.id::text AS id FROM person p WHERE p.street_id = $1 AND (
       EXISTS (SELECT 1 FROM grid g WHERE g.id = p.home_grid_id AND g.code LIKE $2)
       OR EXISTS (SELECT 1 FROM grid_assignment x JOIN grid g ON g.id = x.grid_id
                  WHERE x.person_id = p.id AND x.ended_on IS NULL AND g.code LIKE $2))`,
    [a.streetId, `${VICTIM}001%`],
  );

  A = {
    actors: a,
    streetGid: S,
    districtCode: district!.code,
    districtGid: gid('District', district!.id),
    communityOrg: g('Organization', 'communityOrg'),
    department: g('Organization', 'department'),
    caseNumber: theCase.number,
    rows: {
      Case: { target: theCase.id },
      CaseCategory: { target: category, parent: gid('CaseCategory', major!.id) },
      Activity: { target: activity },
      ApiKey: { target: gid('ApiKey', key!.id) },
      Brand: { target: subBrand, parent: topBrand },
      Grid: { target: g('Grid', 'unit'), parent: g('Grid', 'root') },
      GridStaffAssignment: { target: assignment },
      Organization: { target: g('Organization', 'department'), parent: committee },
      OrganizationMember: { target: membership },
      Person: { target: g('Person', 'gridWorker') },
      ServicePost: { target: post },
      ServicePostClaim: { target: claim },
      ServiceRecord: { target: record },
      Street: { target: S },
      User: { target: gid('User', userIds.DEPARTMENT_STAFF) },
      UserSession: { target: gid('UserSession', session!.id) },
      AuditEntry: { target: gid('AuditEntry', auditEntry!.id) },
      Volunteer: { target: g('Volunteer', 'volunteerRow') },
      VolunteerRegistration: { target: registration },
      VolunteerTeam: { target: team },
      WebhookEndpoint: { target: endpoint },
      WebhookDelivery: { target: gid('WebhookDelivery', delivery!.id) },
      ...plugins.rows,
    },
    aims: plugins.aims,
    all,
    users: userIds,
    subtreePeople: subtree.map((r) => r.id),
    residentOwn: [
      g('Person', 'resident'),
      gid('User', userIds.RESIDENT),
      ...(
        await p.db.query<{ id: string; type: string }>(
          `SELECT id::text AS id, 'MoralPassbook' AS type FROM plugin_moral_bank.passbook
           WHERE person_id = $1
           UNION ALL SELECT id::text, 'MoralEntry' FROM plugin_moral_bank.entry WHERE person_id = $1`,
          [a.ids.resident],
        )
      ).map((r) => gid(r.type, r.id)),
    ],
    markers,
  };
  QUERY_PROBES = queryProbes(UNAIMED);
  MUTATION_PROBES = mutationProbes(UNAIMED);

  const scopedKey = async (scopes: string[]) =>
    (
      await arrange(
        'createApiKey',
        { streetId: S, name: `matrix key ${scopes.length}`, scopes: ['*:read', ...scopes] },
        'secret',
      )
    ).secret as string;
  const writable = AREAS.filter((area) => area !== 'audit');
  for (const area of writable) {
    KEYS.only[area] = await scopedKey([`${area}:write`]);
    KEYS.allBut[area] = await scopedKey(
      writable.filter((a) => a !== area).map((a) => `${a}:write`),
    );
  }
  KEYS.all = await scopedKey(['*:write']);
}, 60_000);

afterAll(() => p?.stop());

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('the matrix covers the schema', () => {
  it('runs every bundled plugin, enabled in street A and street B', async () => {
    expect(p.app.plugins.refused).toEqual([]);
    const names = p.app.plugins.plugins.map((x) => x.manifest.name).sort();
    expect(names).toHaveLength(BUNDLED_PLUGINS.length);
    const enabled = await p.db.query<{ plugin: string }>(
      `SELECT plugin FROM plugin_street WHERE enabled AND street_id = ANY($1::bigint[])
       GROUP BY plugin HAVING count(*) = 2 ORDER BY plugin`,
      [[A.actors.streetId, B.streetId]],
    );
    expect(enabled.map((r) => r.plugin)).toEqual(names);
  });

  it('street A and street B are in different districts, and A has rows of every node type', async () => {
    const districts = await p.db.query<{ d: string }>(
      `SELECT DISTINCT district_id::text AS d FROM street WHERE id = ANY($1::bigint[])`,
      [[A.actors.streetId, B.streetId]],
    );
    expect(districts).toHaveLength(2);
    const empty = Object.entries(A.all)
      .filter(([, ids]) => ids.length === 0)
      .map(([t]) => t);
    expect(empty).toEqual([]);
  });

  it('knows every node type of the schema and aims every root field at street A', () => {
    const unknown = nodeTypeNames().filter(
      (t) => !PUBLIC_NODES.includes(t) && !(NODE_TABLES[t] && t in NODE_AREAS),
    );
    expect(unknown).toEqual([]);
    expect(UNAIMED).toEqual([]);
    const queryFields = Object.keys(schema.getQueryType()!.getFields());
    expect(new Set(QUERY_PROBES.map((q) => q.field))).toEqual(new Set(queryFields));
    const mutationFields = Object.keys(schema.getMutationType()!.getFields()).filter(
      (f) => !SESSION_MUTATIONS.includes(f),
    );
    expect(MUTATION_PROBES.map((m) => m.field).sort()).toEqual(mutationFields.sort());
  });

  it('knows the write area of every mutation', () => {
    expect(MUTATION_PROBES.filter((m) => writeAreaOf(m) === undefined).map((m) => m.field)).toEqual(
      [],
    );
  });

  it('probes every subscription field over graphql-ws', () => {
    const probed = new Set(subscriptionProbes().map((probe) => probe.field));
    expect([...probed].sort()).toEqual(
      Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).sort(),
    );
  });
});

/**
 * Query fields about the caller's own person, which a street administrator (no person) does not
 * have: the reach test asks them as the grid worker, whose person holds street A's passbook.
 */
const OWN_FIELDS: Record<string, Caller> = { myMoralPassbook: 'GRID_WORKER' };

describe('same street: the probes do reach street A', () => {
  it("street A's admin sees street A's rows through every probe of a tenant field, and counts them through statistics aimed at A", async () => {
    const blind: string[] = [];
    for (const probe of QUERY_PROBES) {
      const type = schema.getType(probe.entity);
      const counting = probe.aimed && isObjectType(type) && statCounts(type).length > 0;
      if (!NODE_TABLES[probe.entity] && probe.entity !== 'Node' && !counting) continue;
      const caller = OWN_FIELDS[probe.field] ?? 'STREET_ADMIN';
      const res = await p.gql(probe.query, probe.variables, asOf(A.actors, caller));
      if (res.body.errors) blind.push(`${probe.label}: ${explainErrors(res)}`);
      else if (counting ? !totalCounts(res.body.data).some((n) => n > 0) : !gidsIn(res).length)
        blind.push(`${probe.label}: no row of street A`);
    }
    expect(blind).toEqual([]);
  });

  it("street B's platform admin reaches street A (platform-wide by design)", async () => {
    const res = await p.gql<any>(
      `{ people(filter: { streetId: "${A.streetGid}" }, first: 100) { nodes { id } } }`,
      {},
      asOf(B, 'PLATFORM_ADMIN'),
    );
    expect(res.body.data.people.nodes.map((n: any) => n.id).sort()).toEqual(
      [...A.all.Person!].sort(),
    );
  });
});

describe('another street: reads', () => {
  it('no caller of street B reads anything of street A through any query field', async () => {
    const violations: string[] = [];
    for (const probe of QUERY_PROBES) {
      for (const caller of CROSS_STREET_CALLERS) {
        const res = await p.gql(probe.query, probe.variables, asOf(B, caller));
        for (const v of readViolations(probe, res))
          violations.push(`${probe.label} as ${caller}: ${v}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Subscriptions: every field, over graphql-ws, unaimed and aimed at street A
// ---------------------------------------------------------------------------------------------

interface SubscriptionProbe {
  field: string;
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Every subscription field: as is (all the caller may read) and narrowed to street A. */
function subscriptionProbes(): SubscriptionProbe[] {
  const probes: SubscriptionProbe[] = [];
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const named = getNamedType(field.type);
    const leaves = isObjectType(named)
      ? Object.values(named.getFields())
          .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.length)
          .map((f) => f.name)
      : [];
    const selection = `{ ${leaves.join(' ')} ${deepSelection(field.type, DEEP).slice(1, -1)} }`;
    probes.push({
      field: field.name,
      label: `${field.name}`,
      query: `subscription { ${field.name} ${selection} }`,
      variables: {},
    });
    const filter = field.args.find((a) => a.name === 'filter');
    if (filter) {
      probes.push({
        field: field.name,
        label: `${field.name}(filter: { streetIds: [A] })`,
        query: `subscription($f: ${filter.type.toString()}) { ${field.name}(filter: $f) ${selection} }`,
        variables: { f: { streetIds: [A.streetGid] } },
      });
    }
  }
  return probes;
}

/**
 * Changes in street A that every subscription field would report to a reader of A: a case event
 * (about A's case), a grid event (about A's grid) and a plugin's event (about A's wish), written
 * into the stream as the services do.
 */
async function changeStreetA(): Promise<void> {
  const caseRow = decodeGid(A.rows.Case!.target).id;
  const gridRow = decodeGid(A.rows.Grid!.target).id;
  const [c] = await p.db.query<{ number: string; status: string; version: number }>(
    `SELECT number, status, version FROM case_file WHERE id = $1`,
    [caseRow],
  );
  await p.db.query(
    `INSERT INTO domain_event (street_id, type, subject_type, subject_id, actor, payload) VALUES
       ($1, 'case.escalated', 'Case', $2, '{"kind":"system","id":null}',
        jsonb_build_object('number', $3::text, 'from', $4::text, 'to', $4::text, 'version', $5::int,
                           'fromLevel', 'GRID', 'toLevel', 'COMMUNITY')),
       ($1, 'grid.updated', 'Grid', $6, '{"kind":"system","id":null}', '{"fields":["name"]}'),
       ($1, 'micro_wish.cancelled', 'Wish', $7, '{"kind":"system","id":null}',
        jsonb_build_object('gridId', $6::text))`,
    [
      A.actors.streetId,
      caseRow,
      c!.number,
      c!.status,
      c!.version,
      gridRow,
      decodeGid(A.rows.Wish!.target).id,
    ],
  );
}

describe('another street: subscriptions', () => {
  it("no caller of street B receives anything of street A through any subscription, while street A's admin does", async () => {
    const probes = subscriptionProbes();
    const clients: Client[] = [];
    const open = (token: string | undefined, probe: SubscriptionProbe) => {
      const c = client(p.url, token ?? '', undefined);
      clients.push(c);
      return subscribe(c, probe.query, probe.variables);
    };
    try {
      const watched = probes.flatMap((probe) =>
        CROSS_STREET_CALLERS.map((caller) => ({
          probe,
          caller,
          sub: open(caller === 'ANONYMOUS' ? undefined : B.tokens[caller], probe),
        })),
      );
      const control = probes.map((probe) => ({
        probe,
        sub: open(A.actors.tokens.STREET_ADMIN, probe),
      }));
      // Subscriptions follow from the moment they are set up, which a loaded machine may take a
      // while to do: street A changes again until every control has seen a change.
      await sleep(1000);
      for (let round = 1; control.some(({ sub }) => !sub.received.length); round++) {
        await changeStreetA();
        const deadline = Date.now() + 5000;
        while (control.some(({ sub }) => !sub.received.length) && Date.now() < deadline)
          await sleep(100);
        if (round === 6) for (const { sub } of control) await sub.until(1, 1);
      }
      await sleep(1000);
      const violations: string[] = [];
      for (const { probe, caller, sub } of watched) {
        if (sub.received.length)
          violations.push(
            `${probe.label} as ${caller}: received ${JSON.stringify(sub.received[0]).slice(0, 300)}`,
          );
        for (const e of sub.errors) {
          if (!QUERY_CODES.includes(e.extensions?.code))
            violations.push(`${probe.label} as ${caller}: ${e.extensions?.code} ${e.message}`);
        }
      }
      expect(violations).toEqual([]);
      const blind = control.filter(({ sub }) => !markersIn(JSON.stringify(sub.received)).length);
      expect(blind.map(({ probe }) => probe.label)).toEqual([]);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  }, 60_000);
});

describe('another street: writes', () => {
  it('no caller of street B changes street A through any mutation', async () => {
    const violations: string[] = [];
    for (const probe of MUTATION_PROBES) {
      for (const caller of CROSS_STREET_CALLERS) {
        const before = await fingerprint();
        const res = await p.gql(probe.query, probe.variables, asOf(B, caller));
        const changed = changedTables(before, await fingerprint());
        const found = writeViolations(probe, res);
        if (changed.length) found.push(`CHANGED street A's ${changed.join(', ')}`);
        for (const v of found) violations.push(`${probe.label} as ${caller}: ${v}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

describe('a grid worker of street A', () => {
  const worker = () => asOf(A.actors, 'GRID_WORKER');
  const subtreeCode = `${VICTIM}001`;

  it('lists only the grids and people of their subtree', async () => {
    const grids = `{ grids(first: 100) { nodes { id code } } }`;
    const people = `{ people(first: 100) { nodes { id } } }`;
    const admin = asOf(A.actors, 'STREET_ADMIN');
    const allGrids = (await p.gql<any>(grids, {}, admin)).body.data.grids.nodes as any[];
    const seenGrids = (await p.gql<any>(grids, {}, worker())).body.data.grids.nodes as any[];
    const expectedGrids = allGrids.filter((g) => g.code.startsWith(subtreeCode));
    expect(expectedGrids.length).toBeGreaterThan(0);
    expect(expectedGrids.length).toBeLessThan(allGrids.length);
    expect(seenGrids.map((g) => g.code).sort()).toEqual(expectedGrids.map((g) => g.code).sort());

    const allPeople = (await p.gql<any>(people, {}, admin)).body.data.people.nodes as any[];
    const seenPeople = (await p.gql<any>(people, {}, worker())).body.data.people.nodes as any[];
    const expectedPeople = allPeople
      .map((n) => n.id as string)
      .filter((id) => A.subtreePeople.includes(decodeGid(id).id));
    expect(expectedPeople.length).toBeGreaterThan(0);
    expect(expectedPeople.length).toBeLessThan(allPeople.length);
    expect(seenPeople.map((n) => n.id).sort()).toEqual(expectedPeople.sort());
  });

  it('fetches no grid or person outside the subtree by id or code', async () => {
    const outsideGrid = gid('Grid', A.actors.ids.otherCommunity);
    const outsidePerson = gid('Person', A.actors.ids.volunteer);
    const res = await p.gql<any>(
      `query($g: ID!, $p: ID!) { g: node(id: $g) { id } p: node(id: $p) { id } byCode: grid(code: "${VICTIM}002") { id } }`,
      { g: outsideGrid, p: outsidePerson },
      worker(),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ g: null, p: null, byCode: null });
  });

  it('sees no grid or person outside the subtree through any query field', async () => {
    const violations: string[] = [];
    for (const probe of QUERY_PROBES) {
      const res = await p.gql(probe.query, probe.variables, worker());
      if (errorCodes(res).some((c) => !QUERY_CODES.includes(c)))
        violations.push(`${probe.label}: ${explainErrors(res)}`);
      for (const m of gidsIn(res)) {
        const outside =
          (m.type === 'Grid' &&
            !(
              await p.db.query(`SELECT 1 FROM grid WHERE id = $1 AND code LIKE $2`, [
                m.rowId,
                `${subtreeCode}%`,
              ])
            ).length) ||
          (m.type === 'Person' && !A.subtreePeople.includes(m.rowId!));
        if (outside) violations.push(`${probe.label}: sees ${m.label} outside the subtree`);
      }
    }
    expect(violations).toEqual([]);
  });
});

describe('a resident of street A', () => {
  const resident = () => asOf(A.actors, 'RESIDENT');
  const self = () => gid('Person', A.actors.ids.resident);

  it('lists only their own person record, and fetches no other person', async () => {
    const res = await p.gql<any>(
      `query($other: ID!, $self: ID!) { people(first: 100) { totalCount nodes { id } }
         other: node(id: $other) { id } self: node(id: $self) { id } }`,
      { other: gid('Person', A.actors.ids.volunteer), self: self() },
      resident(),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      people: { totalCount: 1, nodes: [{ id: self() }] },
      other: null,
      self: { id: self() },
    });
  });

  it('reads the public information of their street: grids, organizations, brands, activities', async () => {
    const lists = `{ grids { totalCount } organizations { totalCount } brands { totalCount } activities { totalCount } }`;
    const admin = (await p.gql<any>(lists, {}, asOf(A.actors, 'STREET_ADMIN'))).body.data;
    const seen = await p.gql<any>(lists, {}, resident());
    expect(seen.body.errors).toBeUndefined();
    for (const list of Object.keys(admin)) expect(admin[list].totalCount).toBeGreaterThan(0);
    expect(seen.body.data).toEqual(admin);
  });

  it('sees nothing but themselves and public information through any query field', async () => {
    const violations: string[] = [];
    for (const probe of QUERY_PROBES) {
      const res = await p.gql(probe.query, probe.variables, resident());
      if (errorCodes(res).some((c) => !QUERY_CODES.includes(c)))
        violations.push(`${probe.label}: ${explainErrors(res)}`);
      for (const m of gidsIn(res)) {
        const area = NODE_AREAS[m.type!];
        const access = STREET_PUBLIC_NODES.includes(m.type!)
          ? 'street'
          : area
            ? policies.get(area).read.RESIDENT
            : 'none';
        if (access === 'street' || A.residentOwn.includes(m.text)) continue;
        violations.push(`${probe.label}: sees ${m.label} (${area ?? 'staff'} access: ${access})`);
      }
    }
    expect(violations).toEqual([]);
  });
});

describe("administrators' business: API keys, webhook endpoints and their deliveries, plugins' enablement", () => {
  it('no other role of street A sees one through any query field that can reach it', async () => {
    const others: Caller[] = [
      'COMMUNITY_STAFF',
      'GRID_WORKER',
      'DEPARTMENT_STAFF',
      'VOLUNTEER',
      'RESIDENT',
      'INTEGRATION',
    ];
    const reaching = QUERY_PROBES.filter(
      (q) => ADMINISTRATORS_ONLY.includes(q.entity) || ['node', 'nodes'].includes(q.field),
    );
    expect(reaching.length).toBeGreaterThan(ADMINISTRATORS_ONLY.length);
    const violations: string[] = [];
    for (const probe of reaching) {
      for (const caller of others) {
        const res = await p.gql(probe.query, probe.variables, asOf(A.actors, caller));
        if (errorCodes(res).some((c) => !QUERY_CODES.includes(c)))
          violations.push(`${probe.label} as ${caller}: ${explainErrors(res)}`);
        for (const m of gidsIn(res)) {
          if (ADMINISTRATORS_ONLY.includes(m.type!))
            violations.push(`${probe.label} as ${caller}: sees ${m.label}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  // A street's enablement rows name only the street (public) and a configuration: no marker
  // shows them to the generated probes, so this asks for them by street.
  it("shows where plugins run (pluginStatus) to street A's administrators, and to no other role of A or caller of B", async () => {
    const status = `{ pluginStatus { name streets { street { id } enabled } } }`;
    const streetsSeen = async (actors: StreetActors, caller: Caller) => {
      const res = await p.gql<any>(status, {}, asOf(actors, caller));
      if (res.body.errors) return [`${caller}: ${explainErrors(res)}`];
      return (res.body.data.pluginStatus as any[]).flatMap((x) =>
        (x.streets as any[]).map((s) => `${x.name}@${s.street.id}`),
      );
    };
    const inA = p.app.plugins.plugins.map((x) => `${x.manifest.name}@${A.streetGid}`).sort();
    expect((await streetsSeen(A.actors, 'STREET_ADMIN')).sort()).toEqual(inA);
    const others: Caller[] = ['COMMUNITY_STAFF', 'GRID_WORKER', 'DEPARTMENT_STAFF', 'VOLUNTEER'];
    for (const caller of [...others, 'RESIDENT', 'INTEGRATION'] as Caller[])
      expect(await streetsSeen(A.actors, caller)).toEqual([]);
    for (const caller of CROSS_STREET_CALLERS.filter((c) => c !== 'ANONYMOUS')) {
      const seen = await streetsSeen(B, caller);
      expect(seen.filter((s) => s.endsWith(`@${A.streetGid}`))).toEqual([]);
    }
  });
});

/** Whether a write was refused as FORBIDDEN (an error, or a user error), and nothing else went wrong. */
function refusedAsForbidden(probe: Probe, res: GraphQLResponse): string[] {
  const codes = errorCodes(res);
  const payload = res.body.data?.[probe.field] as { userErrors?: { code: string }[] } | null;
  const userCodes = (payload?.userErrors ?? []).map((e) => e.code);
  if (codes.includes('FORBIDDEN') || (!codes.length && userCodes.includes('FORBIDDEN'))) return [];
  return [`not refused as FORBIDDEN: ${explainErrors(res)}; userErrors ${userCodes.join(', ')}`];
}

describe("API keys of street A: each mutation needs its own area's write scope", () => {
  it("refuses every mutation to a key with every write scope but its area's, and changes nothing", async () => {
    const violations: string[] = [];
    for (const probe of MUTATION_PROBES) {
      const area = writeAreaOf(probe);
      if (!area) continue;
      const before = await fingerprint();
      const res = await p.gql(probe.query, probe.variables, { as: { token: KEYS.allBut[area] } });
      const changed = changedTables(before, await fingerprint());
      const found = refusedAsForbidden(probe, res);
      if (changed.length) found.push(`CHANGED street A's ${changed.join(', ')}`);
      for (const v of found) violations.push(`${probe.label} without ${area}:write: ${v}`);
    }
    expect(violations).toEqual([]);
  });

  it("refuses administrators' mutations (streets, users, API keys) to a key with every scope", async () => {
    const violations: string[] = [];
    for (const probe of MUTATION_PROBES) {
      if (writeAreaOf(probe) !== null) continue;
      const before = await fingerprint();
      const res = await p.gql(probe.query, probe.variables, { as: { token: KEYS.all } });
      const changed = changedTables(before, await fingerprint());
      const found = writeViolations(probe, res);
      if (changed.length) found.push(`CHANGED street A's ${changed.join(', ')}`);
      for (const v of found) violations.push(`${probe.label}: ${v}`);
    }
    expect(violations).toEqual([]);
  });
});

describe('control: the generated writes are real', () => {
  /**
   * Runs last: writes first, then endings, then archiving (a volunteer before their post), then
   * enabling what was disabled, deleting, and archiving the street.
   */
  const phase = (name: string) =>
    name === 'archiveStreet'
      ? 6
      : /^enable/.test(name)
        ? 5.5
        : /^delete/.test(name)
          ? 5.7
          : /^(revoke|disable)/.test(name)
            ? 5
            : name === 'archiveVolunteer'
              ? 3
              : /^archive/.test(name)
                ? 4
                : /^(remove|end|release)/.test(name)
                  ? 2
                  : 1;

  it("every generated mutation succeeds for an API key with just its area's write scope (administrators' for the admin token) and changes street A's rows", async () => {
    const failures: string[] = [];
    const ordered = [...MUTATION_PROBES].sort((x, y) => phase(x.field) - phase(y.field));
    for (const probe of ordered) {
      if (LIFECYCLE.includes(probe.field)) continue;
      const area = writeAreaOf(probe);
      const before = await fingerprint();
      const res = await p.gql<any>(
        probe.query,
        probe.variables,
        area ? { as: { token: KEYS.only[area] } } : {},
      );
      const changed = changedTables(before, await fingerprint());
      const payload = res.body.data?.[probe.field];
      if (res.body.errors) failures.push(`${probe.field}: ${explainErrors(res)}`);
      else if (payload?.userErrors?.length)
        failures.push(`${probe.field}: ${JSON.stringify(payload.userErrors)}`);
      else if (
        !changed.length &&
        probe.field !== 'createStreet' &&
        !DISTRICT_WRITES.includes(probe.field)
      )
        failures.push(`${probe.field}: succeeded without changing street A`);
    }
    expect(failures).toEqual([]);
  });
});
