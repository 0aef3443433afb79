import { loader, type Context } from '../shared/context';
import { byIdLoader, type TableSpec } from '../shared/table';

export const ORGANIZATION_KINDS = [
  'STREET_COMMITTEE',
  'JOINT_COMMITTEE',
  'COMMUNITY',
  'COMMUNITY_COMMITTEE',
  'PARTY_BRANCH',
  'PARTY_GROUP',
  'DEPARTMENT',
  'CO_BUILDING_UNIT',
  'SOCIAL_ORGANIZATION',
  'PROPERTY_MANAGER',
  'OWNERS_COMMITTEE',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface OrganizationRecord {
  id: string;
  streetId: string;
  parentId: string | null;
  path: string;
  kind: OrganizationKind;
  name: string;
  code: string | null;
  phone: string | null;
  address: string | null;
  description: string | null;
  foundedOn: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const organizationTable: TableSpec<OrganizationRecord> = {
  from: 'organization o',
  alias: 'o',
  columns: `o.id::text AS id, o.street_id::text AS "streetId", o.parent_id::text AS "parentId", o.path::text AS path,
    o.kind, o.name, o.code, o.phone, o.address, o.description, o.founded_on::text AS "foundedOn",
    o.archived_at AS "archivedAt", o.created_at AS "createdAt", o.updated_at AS "updatedAt"`,
  orders: {
    NAME: { key: 'o.name', type: 'text', id: 'o.id', valueOf: (r) => r.name as string, idOf: (r) => r.id as string },
    CREATED_AT: {
      key: 'o.created_at',
      type: 'timestamptz',
      id: 'o.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

export const organizationById = byIdLoader(organizationTable);

/**
 * Organizations of a street (组织): party committees and branches, communities, departments,
 * co-building units, social organizations, property managers and owners' committees, as a tree.
 */
export const organizationService = {
  get(ctx: Context, id: string): Promise<OrganizationRecord | null> {
    return loader(ctx, organizationById).load(id);
  },
};
