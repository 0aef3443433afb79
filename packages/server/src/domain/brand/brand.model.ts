import {
  isoTimestampSql,
  relationField,
  type ConnectionRelation,
  type ReadModel,
} from '../../graphql/relay/read-model';
import { organizationModel } from '../organization/organization.model';
import { nestedBrandFilterOf, type NestedBrandFilterInput } from './brand.input';
import { brandFilterSql, brandTable } from './brand.service';

/** Brands as SQL reads them. */
export const brandModel: ReadModel = {
  type: 'Brand',
  table: brandTable,
  scalars: {
    name: (r) => `${r}.name`,
    slogan: (r) => `${r}.slogan`,
    description: (r) => `${r}.description`,
    isPrimary: (r) => `${r}.is_primary`,
    archived: (r) => `(${r}.archived_at IS NOT NULL)`,
    archivedAt: (r) => isoTimestampSql(`${r}.archived_at`),
    createdAt: (r) => isoTimestampSql(`${r}.created_at`),
    updatedAt: (r) => isoTimestampSql(`${r}.updated_at`),
  },
};

/** Brands under one parent row, by `column` (`b.parent_id`, `b.owner_organization_id`). */
const brandsBy = (column: string): ConnectionRelation => ({
  kind: 'connection',
  model: brandModel,
  connectionType: 'BrandConnection',
  defaultOrder: 'NAME',
  where: (parent, args, params) => [
    `${column} = ${parent!}.id`,
    ...brandFilterSql(nestedBrandFilterOf(args.filter as NestedBrandFilterInput | null), params),
  ],
});

export const brandChildren = relationField(brandModel, 'children', () => brandsBy('b.parent_id'));
export const organizationBrands = relationField(organizationModel, 'brands', () =>
  brandsBy('b.owner_organization_id'),
);

export const brandRelations = [brandChildren, organizationBrands];
