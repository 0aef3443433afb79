/**
 * What the board asks the API, over HTTP with the SDK's client. The documents are written here
 * rather than generated: the board is a page of the server, and asks for exactly what it shows.
 */
// The SDK's client from its source until `@lianxin/sdk/client` is its own entry.
import {
  createClient,
  LianxinApiError,
  type LianxinClient,
  type TypedDocument,
} from '../../sdk/src/client';

export { LianxinApiError };

export type CaseStatus =
  | 'REPORTED'
  | 'ACCEPTED'
  | 'DISPATCHED'
  | 'IN_PROGRESS'
  | 'VERIFYING'
  | 'SUSPENDED'
  | 'CLOSED'
  | 'REJECTED'
  | 'CANCELLED';
export type Urgency = 'A' | 'B' | 'C';

/** A case as a card on the board shows it. */
export interface BoardCase {
  id: string;
  number: string;
  title: string;
  status: CaseStatus;
  version: number;
  urgency: Urgency;
  isOverdue: boolean;
  dueAt: string;
  reportedAt: string;
  address: string | null;
  grid: { id: string; code: string; name: string } | null;
  category: { name: string };
}

/** The fields of a card, in every document that returns a case. */
export const CASE_CARD = `id number title status version urgency isOverdue dueAt reportedAt address
  grid { id code name } category { name }`;

interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export interface Tokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

const doc = <R, V>(text: string): TypedDocument<R, V> => ({ toString: () => text });

type AuthResult = Partial<Tokens> & { userErrors: UserError[] };

const TOKEN_FIELDS =
  'accessToken accessTokenExpiresAt refreshToken userErrors { field message code }';

const Login = doc<{ login: AuthResult }, { username: string; password: string }>(
  `mutation BoardLogin($username: String!, $password: String!) {
    login(input: { username: $username, password: $password }) { ${TOKEN_FIELDS} }
  }`,
);

const Refresh = doc<{ refreshAccessToken: AuthResult }, { refreshToken: string }>(
  `mutation BoardRefresh($refreshToken: String!) {
    refreshAccessToken(input: { refreshToken: $refreshToken }) { ${TOKEN_FIELDS} }
  }`,
);

export interface Street {
  id: string;
  name: string;
}

export interface Viewer {
  role: string | null;
  allStreets: boolean;
  user: { displayName: string } | null;
  streets: Street[];
}

const ViewerQuery = doc<{ viewer: Viewer; streets: { nodes: Street[] } }, Record<string, never>>(
  `query BoardViewer {
    viewer { role allStreets user { displayName } streets { id name } }
    streets(first: 100) { nodes { id name } }
  }`,
);

interface OpenCasesPage {
  cases: { nodes: BoardCase[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const OpenCases = doc<
  OpenCasesPage,
  { streetId: string; statuses: readonly CaseStatus[]; after: string | null }
>(
  `query BoardOpenCases($streetId: ID!, $statuses: [CaseStatus!]!, $after: String) {
    cases(first: 100, after: $after, filter: { streetId: $streetId, statuses: $statuses },
          orderBy: { field: DUE_AT }) {
      nodes { ${CASE_CARD} }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

/** The day's indicators (考核指标) the board shows, over the cases reported today. */
export interface DayIndicators {
  reported: number;
  accepted: number;
  dispatched: number;
  resolved: number;
  closed: number;
  overdueOpen: number;
  acceptanceRate: { rate: number | null };
  onTimeClosureRate: { rate: number | null };
}

const DayStats = doc<
  { caseStats: { totals: DayIndicators } },
  { streetId: string; from: string; to: string }
>(
  `query BoardDayStats($streetId: ID!, $from: DateTime!, $to: DateTime!) {
    caseStats(period: { from: $from, to: $to }, scope: { streetId: $streetId }) {
      totals {
        reported accepted dispatched resolved closed overdueOpen
        acceptanceRate { rate } onTimeClosureRate { rate }
      }
    }
  }`,
);

/** A failed sign-in or refresh: the server's user errors, to show as they are. */
export class SignInError extends Error {}

function tokensOf(result: AuthResult): Tokens {
  if (result.userErrors.length || !result.accessToken || !result.refreshToken) {
    throw new SignInError(result.userErrors.map((e) => e.message).join('；') || '登录失败');
  }
  return {
    accessToken: result.accessToken,
    accessTokenExpiresAt: result.accessTokenExpiresAt!,
    refreshToken: result.refreshToken,
  };
}

/** The board's calls, as the signed-in user (the token is read at each call). */
export class BoardApi {
  private readonly anonymous: LianxinClient;

  constructor(
    readonly url: string,
    private readonly token: () => string | undefined,
  ) {
    this.anonymous = createClient({ url });
  }

  private get client(): LianxinClient {
    return this.anonymous.withToken(this.token());
  }

  async login(username: string, password: string): Promise<Tokens> {
    return tokensOf((await this.anonymous.request(Login, { username, password })).login);
  }

  async refresh(refreshToken: string): Promise<Tokens> {
    return tokensOf((await this.anonymous.request(Refresh, { refreshToken })).refreshAccessToken);
  }

  /** Who signed in, and the streets they may open a board of. */
  async viewer(): Promise<{ viewer: Viewer; streets: Street[] }> {
    const { viewer, streets } = await this.client.request(ViewerQuery);
    return { viewer, streets: viewer.streets.length ? viewer.streets : streets.nodes };
  }

  /** Every open case of the street, page by page (100 a page, soonest due first). */
  async openCases(streetId: string, statuses: readonly CaseStatus[]): Promise<BoardCase[]> {
    const all: BoardCase[] = [];
    let after: string | null = null;
    for (;;) {
      const page: OpenCasesPage = await this.client.request(OpenCases, {
        streetId,
        statuses,
        after,
      });
      all.push(...page.cases.nodes);
      if (!page.cases.pageInfo.hasNextPage) return all;
      after = page.cases.pageInfo.endCursor;
    }
  }

  /** Today's indicators (from local midnight to the next). */
  async dayIndicators(streetId: string, now = new Date()): Promise<DayIndicators> {
    const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const { caseStats } = await this.client.request(DayStats, {
      streetId,
      from: from.toISOString(),
      to: to.toISOString(),
    });
    return caseStats.totals;
  }
}
