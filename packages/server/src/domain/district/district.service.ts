import { sql } from '../../db/statement';
import { batchLoader, loader, query, type Context } from '../shared/context';
import { entityColumns } from '../shared/entity-columns';
import { DistrictEntity } from './district.entity';

export type DistrictRecord = DistrictEntity;

const columns = entityColumns(DistrictEntity, 'district');
const byIds = sql(
  'district_by_ids',
  `SELECT ${columns} FROM district WHERE id = ANY($1::bigint[])`,
);
const byCode = sql('district_by_code', `SELECT ${columns} FROM district WHERE code = $1`);
const all = sql('district_all', `SELECT ${columns} FROM district ORDER BY code`);

export const districtById = (ctx: Context) =>
  batchLoader<string, DistrictRecord | null>(ctx, async (ids) => {
    const rows = await query<DistrictRecord>(ctx, byIds, [ids]);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });

/** Districts are public reference data: the administrative areas above the streets. */
export const districtService = {
  get(ctx: Context, id: string): Promise<DistrictRecord | null> {
    return loader(ctx, districtById).load(id);
  },

  async byCode(ctx: Context, code: string): Promise<DistrictRecord | null> {
    const [row] = await query<DistrictRecord>(ctx, byCode, [code]);
    return row ?? null;
  },

  list(ctx: Context): Promise<DistrictRecord[]> {
    return query<DistrictRecord>(ctx, all);
  },
};
