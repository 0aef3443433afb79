/**
 * What the board asks the API, with the SDK's client (`@lianxin/sdk/client`) and the typed
 * documents generated from `schema/operations/board.graphql` (`@lianxin/sdk/operations`): the
 * board asks for exactly what it shows.
 */
import { createClient, LianxinApiError, type LianxinClient } from '@lianxin/sdk/client';
import {
  BoardDayStatsDocument,
  BoardOpenCasesDocument,
  BoardStreamCursorDocument,
  BoardViewerDocument,
  LoginDocument,
  RefreshAccessTokenDocument,
  type BoardCaseCardFragment,
  type BoardDayStatsQuery,
  type BoardViewerQuery,
  type CaseStatus,
  type Urgency,
} from '@lianxin/sdk/operations';

export { LianxinApiError };
export type { CaseStatus, Urgency };

/** A case as a card on the board shows it. */
export type BoardCase = BoardCaseCardFragment;

interface UserError {
  message: string;
}

export interface Tokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

type AuthResult = {
  accessToken: string | null;
  accessTokenExpiresAt: string | null;
  refreshToken: string | null;
  userErrors: UserError[];
};

export type Street = BoardViewerQuery['streets']['nodes'][number];
export type Viewer = BoardViewerQuery['viewer'];

/** The day's indicators (考核指标) the board shows, over the cases reported today. */
export type DayIndicators = BoardDayStatsQuery['caseStats']['totals'];

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

  /** A client with the current access token (for `subscribe`: the one it connects with). */
  get client(): LianxinClient {
    return this.anonymous.withToken(this.token());
  }

  async login(username: string, password: string): Promise<Tokens> {
    return tokensOf((await this.anonymous.request(LoginDocument, { username, password })).login);
  }

  async refresh(refreshToken: string): Promise<Tokens> {
    const { refreshAccessToken } = await this.anonymous.request(RefreshAccessTokenDocument, {
      refreshToken,
    });
    return tokensOf(refreshAccessToken);
  }

  /** Who signed in, and the streets they may open a board of. */
  async viewer(): Promise<{ viewer: Viewer; streets: Street[] }> {
    const { viewer, streets } = await this.client.request(BoardViewerDocument);
    return { viewer, streets: viewer.streets.length ? viewer.streets : streets.nodes };
  }

  /** Where the event stream stands now: subscribed after, then the list loaded, nothing is missed. */
  async streamCursor(): Promise<string> {
    return (await this.client.request(BoardStreamCursorDocument)).eventStreamCursor;
  }

  /** Every open case of the street, page by page (100 a page, soonest due first). */
  async openCases(streetId: string, statuses: readonly CaseStatus[]): Promise<BoardCase[]> {
    const all: BoardCase[] = [];
    const pages = this.client.paginate(BoardOpenCasesDocument, {
      streetId,
      statuses: [...statuses],
    });
    for await (const c of pages) all.push(c);
    return all;
  }

  /** Today's indicators (from local midnight to the next). */
  async dayIndicators(streetId: string, now = new Date()): Promise<DayIndicators> {
    const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const { caseStats } = await this.client.request(BoardDayStatsDocument, {
      streetId,
      from: from.toISOString(),
      to: to.toISOString(),
    });
    return caseStats.totals;
  }
}
