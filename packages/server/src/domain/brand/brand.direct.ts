import type { ConnectionRelation, DirectType } from '../../graphql/direct/types';
import { nestedBrandFilterOf, type NestedBrandFilterInput } from './brand.input';
import { brandFilterSql, brandTable } from './brand.service';

/** What the direct read (graphql/direct) may build of brands in SQL. */

/** Brands under one parent row, by `column` (`b.parent_id`, `b.owner_organization_id`). */
export const brandsBy = (column: string): ConnectionRelation => ({
  kind: 'connection',
  type: brandType,
  connectionType: 'BrandConnection',
  defaultOrder: 'NAME',
  where: (parent, args, params) => [
    `${column} = ${parent!}.id`,
    ...brandFilterSql(nestedBrandFilterOf(args.filter as NestedBrandFilterInput | null), params),
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
