import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { query, repository, type Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { policies } from '../shared/policy';
import { validate } from '../shared/validate';
import { ApiKeyEntity } from './identity.entity';
import { recordEvent } from '../shared/events';
import { apiKeyCreated, apiKeyRevoked } from './identity.events';
import { hashSecret, randomSecret } from './tokens';

export interface ApiKeyRecord {
  id: string;
  streetId: string | null;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/**
 * Every scope a key may carry: `<area>:read|write` for the registered policy areas that allow
 * scopes, `*:read|write`, `personal-data:read`. Asked when a key is made: modules register areas.
 */
export const apiScopes = (): string[] => [
  ...policies.scopedNames().flatMap((a) => [`${a}:read`, `${a}:write`]),
  '*:read',
  '*:write',
  'personal-data:read',
];

const columns = `k.id::text AS id, k.street_id::text AS "streetId", k.name, k.prefix, k.scopes, k.expires_at AS "expiresAt",
  k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt", k.created_at AS "createdAt"`;

const createInput = z.object({
  name: z.string().trim().min(1, 'Name is required.').max(100, 'At most 100 characters.'),
  scopes: z
    .array(
      z.string().superRefine((scope, check) => {
        const scopes = apiScopes();
        if (!scopes.includes(scope)) {
          check.addIssue({ code: 'custom', message: `Scopes are among: ${scopes.join(', ')}.` });
        }
      }),
    )
    .min(1, 'Give at least one scope.')
    .max(50),
  expiresAt: z
    .date()
    .refine((d) => d.getTime() > Date.now(), 'The expiry must be in the future.')
    .nullable()
    .optional(),
});

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const prefix = () =>
  Array.from(randomBytes(12), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');

/** Whether the viewer administers the API keys of `streetId` (null: keys for every street). */
function managesKeys(ctx: Context, streetId: string | null): boolean {
  const { viewer } = ctx;
  if (viewer.role === 'PLATFORM_ADMIN') return true;
  const admin = viewer.role === 'STREET_ADMIN' || viewer.role === 'DISTRICT_ADMIN';
  return (
    admin && streetId !== null && viewer.streetIds !== 'all' && viewer.streetIds.includes(streetId)
  );
}

function requireKeyAdmin(ctx: Context, streetId: string | null): void {
  if (ctx.viewer.kind === 'anonymous')
    throw new PublicError('UNAUTHENTICATED', 'Sign in to manage API keys.');
  if (!managesKeys(ctx, streetId)) {
    throw new PublicError(
      'FORBIDDEN',
      'Only administrators of the street may manage its API keys.',
    );
  }
}

/**
 * API keys for third-party apps and integrations: `lxk_<prefix>_<secret>`. The secret is shown
 * once; only its hash is kept. Keys are scoped to one street (or, made by a platform admin, to
 * every street), carry scopes, and can expire and be revoked.
 */
export const apiKeyService = {
  async list(ctx: Context): Promise<ApiKeyRecord[]> {
    const { viewer } = ctx;
    if (viewer.role === 'PLATFORM_ADMIN')
      return query<ApiKeyRecord>(ctx, `SELECT ${columns} FROM api_key k ORDER BY k.id`);
    if (
      (viewer.role === 'STREET_ADMIN' || viewer.role === 'DISTRICT_ADMIN') &&
      viewer.streetIds !== 'all'
    ) {
      return query<ApiKeyRecord>(
        ctx,
        `SELECT ${columns} FROM api_key k WHERE k.street_id = ANY($1::bigint[]) ORDER BY k.id`,
        [viewer.streetIds],
      );
    }
    return [];
  },

  /** The keys with these ids that the viewer administers, in the order of `ids` (null where not). */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(ApiKeyRecord | null)[]> {
    const visible = new Map((await this.list(ctx)).map((k) => [k.id, k]));
    return ids.map((id) => visible.get(id) ?? null);
  },

  async create(
    ctx: Context,
    input: { streetId: string | null; name: string; scopes: string[]; expiresAt?: Date | null },
  ): Promise<{ key: ApiKeyRecord; secret: string }> {
    requireKeyAdmin(ctx, input.streetId);
    const v = validate(createInput, input);
    if (input.streetId) {
      const [street] = await query(ctx, `SELECT 1 FROM street WHERE id = $1`, [input.streetId]);
      if (!street)
        throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    }
    const keyPrefix = prefix();
    const secret = randomSecret(24);
    const saved = await repository(ctx, ApiKeyEntity).save(
      Object.assign(new ApiKeyEntity(), {
        streetId: input.streetId,
        name: v.name,
        prefix: keyPrefix,
        secretHash: hashSecret(secret),
        scopes: [...new Set(v.scopes)],
        createdBy: ctx.viewer.kind === 'user' ? ctx.viewer.id : null,
        expiresAt: v.expiresAt ?? null,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    await recordEvent(ctx, apiKeyCreated, {
      streetId: saved.streetId,
      subjectId: saved.id,
      payload: { name: saved.name, scopes: saved.scopes },
    });
    const [key] = await query<ApiKeyRecord>(
      ctx,
      `SELECT ${columns} FROM api_key k WHERE k.id = $1`,
      [saved.id],
    );
    return { key: key!, secret: `lxk_${keyPrefix}_${secret}` };
  },

  async revoke(ctx: Context, id: string): Promise<ApiKeyRecord> {
    const key = await repository(ctx, ApiKeyEntity).findOne({
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (ctx.viewer.kind === 'anonymous')
      throw new PublicError('UNAUTHENTICATED', 'Sign in to manage API keys.');
    // A key the viewer does not administer (and so cannot list) answers like an unknown one.
    if (!key || !managesKeys(ctx, key.streetId))
      throw InputError.single(['input', 'id'], 'No API key has this ID.', 'NOT_FOUND');
    if (key.revokedAt)
      throw InputError.single(
        ['input', 'id'],
        'This API key is already revoked.',
        'ILLEGAL_TRANSITION',
      );
    key.revokedAt = new Date();
    await repository(ctx, ApiKeyEntity).save(key);
    await recordEvent(ctx, apiKeyRevoked, {
      streetId: key.streetId,
      subjectId: key.id,
      payload: {},
    });
    const [row] = await query<ApiKeyRecord>(
      ctx,
      `SELECT ${columns} FROM api_key k WHERE k.id = $1`,
      [id],
    );
    return row!;
  },
};
