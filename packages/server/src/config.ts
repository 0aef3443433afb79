import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/**
 * Reads each setting from `NAME`, or from the file named by `NAME_FILE` (secrets mounted as
 * files). Only this server's own settings are read.
 */
function withFileSecrets(
  names: string[],
  env: NodeJS.ProcessEnv,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const file = env[`${name}_FILE`];
    if (env[name] !== undefined && env[name] !== '') out[name] = env[name];
    else if (file) {
      try {
        out[name] = readFileSync(file, 'utf8').trim();
      } catch (error) {
        throw new Error(
          `Invalid configuration:\n  ${name}_FILE: cannot read ${file} (${(error as Error).message})`,
        );
      }
    }
  }
  return out;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The plugins shipped in packages/plugins, run unless LIANXIN_PLUGINS says otherwise. */
export const BUNDLED_PLUGINS = [
  '@lianxin/plugin-four-commons-five-joints',
  '@lianxin/plugin-micro-wish',
  '@lianxin/plugin-moral-bank',
];

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: lines for people when stdout is a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LIANXIN_DATA_DIR: z.string().default(path.resolve(process.cwd(), '.data')),
  LIANXIN_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  LIANXIN_SEED_DEMO: bool.default(true),
  LIANXIN_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  LIANXIN_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(31536000).default(2592000),
  PASSWORD_RESET_TTL_SECONDS: z.coerce.number().int().min(300).max(604800).default(3600),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(36500).default(1095),
  AUDIT_RETENTION_CHECK_SECONDS: z.coerce.number().int().min(0).max(604800).default(21600),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(20),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(604800).default(3600),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86400).default(1),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).max(604800).default(900),
  LOGIN_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(2),
  LOGIN_MAX_WAITING: z.coerce.number().int().min(0).max(10000).default(4),
  OIDC_ISSUER: z.string().optional(),
  OIDC_JWKS_URL: z.url().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('lianxin_app'),
  GRAPHQL_INTROSPECTION: bool.default(true),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(30),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(1).max(1000).default(50),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(5000),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).max(10_000_000).default(5000),
  RATE_LIMIT_CAPACITY: z.coerce.number().int().min(1).max(100_000_000).default(10000),
  RATE_LIMIT_RESTORE_PER_SECOND: z.coerce.number().min(0.001).max(10_000_000).default(500),
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
    })
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .max(100)
    .regex(/^\S*$/, 'must not contain spaces')
    .default('lianxin:'),
  GRAPHQL_TRUSTED_DOCUMENTS: z.string().optional(),
  GRAPHQL_TRUSTED_DOCUMENTS_ONLY: bool.default(false),
  GRAPHQL_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  GRAPHQL_LOOKAHEAD: bool.default(true),
  GRAPHQL_MAX_BODY: z.string().default('1mb'),
  GRAPHQL_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(10),
  GRAPHQL_MAX_QUEUE: z.coerce.number().int().min(0).max(100000).default(1000),
  GRAPHQL_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(1).max(600000).default(10000),
  GRAPHQL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10000),
  DB_PREPARED_SHAPES: z.coerce.number().int().min(0).max(10000).default(32),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30000),
  WS_MAX_OPERATIONS_PER_SOCKET: z.coerce.number().int().min(1).max(1000).default(10),
  WS_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(20000),
  WS_MAX_CONNECTIONS_PER_CALLER: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  WS_MAX_QUEUED_EVENTS: z.coerce.number().int().min(10).max(1_000_000).default(1000),
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(65536).max(1_073_741_824).default(4_194_304),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
  JOBS_ENABLED: bool.default(true),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
  JOBS_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  EVENTS_RELAY_ENABLED: bool.default(true),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: bool.default(false),
  WEBHOOK_ALLOW_HTTP: bool.default(false),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(12),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(100_000).default(10),
  WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce.number().int().min(0).max(2_592_000).default(86400),
  CASE_OVERDUE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * Plugins to run: module names or paths, comma-separated (empty: none). By default the
   * bundled ones (packages/plugins); one that cannot be loaded is reported and left out.
   */
  LIANXIN_PLUGINS: z
    .string()
    .default(BUNDLED_PLUGINS.join(','))
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  /** How often an instance reads plugin enablement again (changes through others). */
  PLUGIN_REFRESH_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /** Longest a plugin's resolver may run before its field answers UNAVAILABLE. */
  PLUGIN_RESOLVER_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(5000),
});

export type Config = z.infer<typeof schema>;

/**
 * The environment with the settings of `.env` in `dir` (the working directory) under it, as
 * `.env.example` suggests: a variable set in the real environment, even to nothing, wins over
 * the file. No file: the environment as it is.
 */
export function withDotEnv(
  env: NodeJS.ProcessEnv = process.env,
  dir: string = process.cwd(),
): NodeJS.ProcessEnv {
  const file = path.join(dir, '.env');
  if (!existsSync(file)) return env;
  let fromFile: NodeJS.Dict<string>;
  try {
    fromFile = parseEnv(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `Invalid configuration:\n  .env: cannot read ${file} (${(error as Error).message})`,
    );
  }
  return { ...fromFile, ...env };
}

/** Parses the environment once. Nothing else in the server reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(withFileSecrets(Object.keys(schema.shape), env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
