import {
  lifecycleScalars,
  relationField,
  type ConnectionRelation,
  type ReadModel,
  type RelationArgs,
} from '../../graphql/relay/read-model';
import { organizationModel } from '../organization/organization.model';
import { rowStreet, streetModel } from '../street/street.model';
import {
  brandFilterOf,
  nestedBrandFilterOf,
  type BrandFilterInput,
  type NestedBrandFilterInput,
} from './brand.input';
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
    ...lifecycleScalars,
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

const brandsFilter = (args: RelationArgs) => brandFilterOf(args.filter as BrandFilterInput | null);

export const brandChildren = relationField(brandModel, 'children', () => brandsBy('b.parent_id'));
export const organizationBrands = relationField(organizationModel, 'brands', () =>
  brandsBy('b.owner_organization_id'),
);

export const brandRelations = [
  brandChildren,
  organizationBrands,
  relationField('Query', 'brands', () => ({
    kind: 'connection',
    model: brandModel,
    connectionType: 'BrandConnection',
    defaultOrder: 'NAME',
    where: (_parent, args, params) => brandFilterSql(brandsFilter(args), params),
  })),
  relationField(streetModel, 'brands', () => ({
    kind: 'connection',
    model: brandModel,
    connectionType: 'BrandConnection',
    defaultOrder: 'NAME',
    where: (parent, args, params) => [
      `b.street_id = ${parent!}.id`,
      // The street is the parent: its filter's own street is checked, then set aside.
      ...brandFilterSql({ ...brandsFilter(args), streetId: null }, params),
    ],
  })),
  relationField(brandModel, 'parent', () => ({
    kind: 'object',
    model: brandModel,
    where: (parent) => [`b.id = ${parent!}.parent_id`],
  })),
  relationField(brandModel, 'owner', () => ({
    kind: 'object',
    model: organizationModel,
    where: (parent) => [`o.id = ${parent!}.owner_organization_id`],
  })),
  rowStreet(brandModel),
];
