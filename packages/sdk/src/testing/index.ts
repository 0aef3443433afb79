import type { PluginSpec } from '../plugin';

/**
 * The testkit: a real platform (server, PostgreSQL, the plugins under test) started in the test's
 * process in a few lines, with helpers to act as a role in a street, run operations, and wait for
 * hooks.
 *
 *   const platform = await createTestPlatform({ plugins: [myPlugin] });
 *   await platform.enable('my-plugin', '621002001');
 *   const resident = await platform.as('RESIDENT', '621002001');
 *   await resident.data(`mutation { … }`);
 *   await platform.waitForHooks();
 *   await platform.stop();
 *
 * The SDK knows no server: the platform is found at run time as the package named by
 * LIANXIN_PLATFORM (default `@lianxin/server`), which implements `PlatformLauncher`. Its database
 * is a fresh one on DATABASE_URL's server, or on an embedded PostgreSQL when there is none.
 */

/** A GraphQL response as the server sends it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read responses freely; a wrong guess fails their assertion
export interface TestResponse<T = Record<string, any>> {
  data?: T | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read responses freely; a wrong guess fails their assertion
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Someone calling the API: the platform's administrator, or a user made by `as`. */
export interface TestCaller {
  /** The bearer token it sends. */
  readonly token: string;
  /** The row id of the person it is (residents, volunteers), if any. */
  readonly personId?: string;
  /** The global ID of that person. */
  readonly personGlobalId?: string;
  /** Runs an operation; answers the response whatever it holds. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read responses freely; a wrong guess fails their assertion
  request<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<TestResponse<T>>;
  /** Runs an operation; answers its data, or throws with the errors' messages and codes. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read responses freely; a wrong guess fails their assertion
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Extra facts of a user made by `as`. */
export interface CallerOptions {
  /** Global IDs, for the roles that need them (grid workers' grid …). */
  gridId?: string;
  communityId?: string;
  departmentId?: string;
  /** The person a resident or volunteer is (a Person global ID); one is made when left out. */
  personId?: string;
  /** For the person made: a party member, and the grid they live in. */
  partyMember?: boolean;
  homeGridId?: string;
}

export interface TestPlatform {
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The platform's database, as its owner's login: for tools run beside it (`lianxin plugin check`). */
  readonly databaseUrl: string;
  /** The platform's administrator (the bootstrap admin token). */
  readonly admin: TestCaller;
  /** The global ID of the street with this code (the six demo streets exist). */
  streetId(code: string): string;
  /** A user with `role` in the street `streetCode`, signed in. */
  as(role: string, streetCode: string, options?: CallerOptions): Promise<TestCaller>;
  /** A grid in the street (a community grid made on first use, or one more with `fresh`). */
  grid(streetCode: string, fresh?: boolean): Promise<string>;
  /** Enables a plugin in a street, with its configuration; throws with the user errors. */
  enable(plugin: string, streetCode: string, config?: Record<string, unknown>): Promise<void>;
  disable(plugin: string, streetCode: string): Promise<void>;
  /** Hands every plugin hook the events committed so far; throws if one fails. */
  waitForHooks(): Promise<void>;
  /** SQL as the database's owner, outside row-level security: to arrange or inspect data. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read responses freely; a wrong guess fails their assertion
  sql<R = Record<string, any>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Log records written so far (parsed JSON), at level `warn` and above unless TEST_LOG_LEVEL
   * says otherwise (which also echoes them to stdout): a hook's failure is logged, for instance.
   */
  readonly logs: readonly Record<string, unknown>[];
  /** The plugins the platform refused (name and reason): empty when all loaded. */
  readonly refused: readonly { name: string | null; state: string; reason: string }[];
  stop(): Promise<void>;
}

export interface TestPlatformOptions {
  /** Plugin definitions, or module names or paths. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin's own types
  plugins: readonly (PluginSpec<any> | string)[];
  /** Whether a refused plugin fails the start (default) or is only reported in `refused`. */
  allowRefused?: boolean;
  /** More server settings (environment variables). */
  env?: Record<string, string>;
}

/** What the platform package implements for the testkit. */
export interface PlatformLauncher {
  launchTestPlatform(options: TestPlatformOptions): Promise<TestPlatform>;
}

/** Starts a platform with `plugins` on a database of its own. Stop it when done. */
export async function createTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  const name = process.env.LIANXIN_PLATFORM ?? '@lianxin/server';
  let launcher: PlatformLauncher;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time by name
    launcher = require(
      require.resolve(name, { paths: [process.cwd(), __dirname] }),
    ) as PlatformLauncher;
  } catch (error) {
    throw new Error(
      `The testkit needs the platform package "${name}" installed beside @lianxin/sdk (npm i -D @lianxin/server): ${(error as Error).message}`,
    );
  }
  if (typeof launcher.launchTestPlatform !== 'function') {
    throw new Error(
      `"${name}" does not export launchTestPlatform: is it a Lianxin platform package?`,
    );
  }
  return launcher.launchTestPlatform(options);
}
