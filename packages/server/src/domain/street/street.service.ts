import { z } from 'zod';
import { sql } from '../../db/statement';
import { requirePlatformAdmin } from '../shared/authorize';
import { batchLoader, loader, query, repository, type Context } from '../shared/context';
import { entityColumns } from '../shared/entity-columns';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { createdAtOrder, type KeysetOrder } from '../shared/keyset';
import { filteredReads, type TableSpec } from '../shared/table';
import { validate } from '../shared/validate';
import { districtService } from '../district/district.service';
import { StreetEntity } from './street.entity';
import { streetArchived, streetCreated, streetUpdated } from './street.events';
import { escapeLike } from '../shared/codes';

export type StreetRecord = StreetEntity;

export interface StreetFilter {
  districtId?: string | null;
  /** Matches a code prefix or part of the name. */
  search?: string | null;
  includeArchived?: boolean | null;
}

export type StreetOrderField = 'CODE' | 'NAME' | 'CREATED_AT';

const columns = entityColumns(StreetEntity, 's');
const byIds = sql(
  'street_by_ids',
  `SELECT ${columns} FROM street s WHERE s.id = ANY($1::bigint[])`,
);
const byCode = sql('street_by_code', `SELECT ${columns} FROM street s WHERE s.code = $1`);

/** Streets are the tenants, read by everyone: no street scope, no read rule. */
export const streetTable: TableSpec<StreetRecord> = {
  from: 'street s',
  alias: 's',
  public: true,
  columns,
  orders: {
    CODE: {
      key: 's.code',
      type: 'text',
      id: 's.id',
      unique: true,
      valueOf: (r) => r.code as string,
      idOf: (r) => r.id as string,
    },
    NAME: {
      key: 's.name',
      type: 'text',
      id: 's.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: createdAtOrder('s'),
  } satisfies Record<StreetOrderField, Omit<KeysetOrder, 'descending'>>,
};

export function streetFilterSql(filter: StreetFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (!filter.includeArchived) where.push('s.archived_at IS NULL');
  if (filter.districtId) {
    params.push(filter.districtId);
    where.push(`s.district_id = $${params.length}::bigint`);
  }
  if (filter.search) {
    params.push(escapeLike(filter.search));
    where.push(
      `(s.code LIKE $${params.length} || '%' OR s.name ILIKE '%' || $${params.length} || '%')`,
    );
  }
  return where;
}

export const streetById = (ctx: Context) =>
  batchLoader<string, StreetRecord | null>(ctx, async (ids) => {
    const rows = await query<StreetRecord>(ctx, byIds, [ids]);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });

const name = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name is at most 100 characters.');
const createInput = z
  .object({
    code: z
      .string()
      .regex(/^[0-9]{9}$/, 'Street code is 9 digits: the 6-digit district code and 3 more.'),
    name,
    districtCode: z.string().regex(/^[0-9]{6}$/, 'District code is 6 digits.'),
  })
  .refine((v) => v.code.startsWith(v.districtCode), {
    path: ['code'],
    message: 'A street code starts with the code of its district.',
  });
const updateInput = z.object({ name: name.optional() });

export type CreateStreetInput = z.input<typeof createInput>;
export type UpdateStreetInput = z.input<typeof updateInput>;

/**
 * Streets are the tenants: every other record belongs to exactly one. Their names and codes are
 * public; creating and changing them is for platform administrators.
 */
export const streetService = {
  get(ctx: Context, id: string): Promise<StreetRecord | null> {
    return loader(ctx, streetById).load(id);
  },

  async byCode(ctx: Context, code: string): Promise<StreetRecord | null> {
    const [row] = await query<StreetRecord>(ctx, byCode, [code]);
    return row ?? null;
  },

  ...filteredReads(streetTable, streetFilterSql),

  async create(ctx: Context, input: CreateStreetInput): Promise<StreetRecord> {
    if (ctx.viewer.kind === 'anonymous') requirePlatformAdmin(ctx, 'create streets');
    const v = validate(createInput, input);
    const district = await districtService.byCode(ctx, v.districtCode);
    requirePlatformAdmin(ctx, 'create streets', district?.id);
    if (!district) {
      throw InputError.single(
        ['input', 'districtCode'],
        `No district has the code ${v.districtCode}.`,
        'NOT_FOUND',
      );
    }
    if (await this.byCode(ctx, v.code)) {
      throw InputError.single(
        ['input', 'code'],
        `A street with the code ${v.code} already exists.`,
        'TAKEN',
      );
    }
    const saved = await repository(ctx, StreetEntity).save(
      Object.assign(new StreetEntity(), {
        code: v.code,
        name: v.name,
        districtId: district.id,
        archivedAt: null,
      }),
    );
    await recordEvent(ctx, streetCreated, {
      streetId: saved.id,
      subjectId: saved.id,
      payload: { code: saved.code, name: saved.name, districtCode: district.code },
    });
    return toRecord(saved);
  },

  async update(ctx: Context, id: string, input: UpdateStreetInput): Promise<StreetRecord> {
    requirePlatformAdmin(ctx, 'change streets', (await this.get(ctx, id))?.districtId);
    const v = validate(updateInput, input);
    const street = await this.mustGetForUpdate(ctx, id);
    const changes: Partial<StreetEntity> = {};
    if (v.name !== undefined && v.name !== street.name) changes.name = v.name;
    if (Object.keys(changes).length === 0) return toRecord(street);
    Object.assign(street, changes);
    const saved = await repository(ctx, StreetEntity).save(street);
    await recordEvent(ctx, streetUpdated, {
      streetId: saved.id,
      subjectId: saved.id,
      payload: { changes },
    });
    return toRecord(saved);
  },

  /** Archived streets stay readable where referenced but drop out of lists by default. */
  async archive(ctx: Context, id: string): Promise<StreetRecord> {
    requirePlatformAdmin(ctx, 'archive streets', (await this.get(ctx, id))?.districtId);
    const street = await this.mustGetForUpdate(ctx, id);
    if (street.archivedAt) {
      throw InputError.single(
        ['input', 'id'],
        'This street is already archived.',
        'ILLEGAL_TRANSITION',
      );
    }
    street.archivedAt = new Date();
    const saved = await repository(ctx, StreetEntity).save(street);
    await recordEvent(ctx, streetArchived, {
      streetId: saved.id,
      subjectId: saved.id,
      payload: {},
    });
    return toRecord(saved);
  },

  async mustGetForUpdate(ctx: Context, id: string): Promise<StreetEntity> {
    const street = await repository(ctx, StreetEntity).findOne({
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!street) throw InputError.single(['input', 'id'], 'No street has this ID.', 'NOT_FOUND');
    return street;
  },
};

function toRecord(e: StreetEntity): StreetRecord {
  return { ...e };
}
