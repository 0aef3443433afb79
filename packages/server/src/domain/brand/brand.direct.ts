import type { ConnectionRelation, DirectArgs, DirectType } from '../../graphql/direct/types';
import { brandFilterSql, brandTable, type BrandFilter } from './brand.service';

/** What the direct read (graphql/direct) may build of brands in SQL. */

type NestedFilterArgs = {
  primaryOnly?: boolean | null;
  search?: string | null;
  includeArchived?: boolean | null;
};

/** The filter brand.resolver.ts builds from a nested `brands`/`children` field's arguments. */
const nestedFilter = (args: DirectArgs): BrandFilter => {
  const f = (args.filter ?? {}) as NestedFilterArgs;
  return { primaryOnly: f.primaryOnly, search: f.search, includeArchived: f.includeArchived };
};

/** Brands under one parent row, by `column` (`b.parent_id`, `b.owner_organization_id`). */
export const brandsBy = (column: string): ConnectionRelation => ({
  kind: 'connection',
  type: brandType,
  connectionType: 'BrandConnection',
  defaultOrder: 'NAME',
  where: (parent, args, params) => [
    `${column} = ${parent!}.id`,
    ...brandFilterSql(nestedFilter(args), params),
  ],
});

export const brandType: DirectType = {
  name: 'Brand',
  table: brandTable,
  scalars: {
    name: (r) => `${r}.name`,
    slogan: (r) => `${r}.slogan`,
    description: (r) => `${r}.description`,
    isPrimary: (r) => `${r}.is_primary`,
    archived: (r) => `(${r}.archived_at IS NOT NULL)`,
  },
  relations: {
    children: () => brandsBy('b.parent_id'),
  },
};
