import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { LocalDate } from '../../graphql/scalars';
import type { OrganizationKind, OrganizationRecord } from './organization.service';

export const OrganizationKindEnum = {
  STREET_COMMITTEE: 'STREET_COMMITTEE',
  JOINT_COMMITTEE: 'JOINT_COMMITTEE',
  COMMUNITY: 'COMMUNITY',
  COMMUNITY_COMMITTEE: 'COMMUNITY_COMMITTEE',
  PARTY_BRANCH: 'PARTY_BRANCH',
  PARTY_GROUP: 'PARTY_GROUP',
  DEPARTMENT: 'DEPARTMENT',
  CO_BUILDING_UNIT: 'CO_BUILDING_UNIT',
  SOCIAL_ORGANIZATION: 'SOCIAL_ORGANIZATION',
  PROPERTY_MANAGER: 'PROPERTY_MANAGER',
  OWNERS_COMMITTEE: 'OWNERS_COMMITTEE',
} as const;
registerEnumType(OrganizationKindEnum, {
  name: 'OrganizationKind',
  description: 'What kind of organization.',
  valuesConfig: {
    STREET_COMMITTEE: { description: 'Street party working committee (街道党工委).' },
    JOINT_COMMITTEE: { description: 'Joint ("big") committee taking in units based in the street (大工委).' },
    COMMUNITY: { description: 'Community (社区 / 管理处), a neighbourhood under the street.' },
    COMMUNITY_COMMITTEE: { description: 'Community joint party committee (社区大党委).' },
    PARTY_BRANCH: { description: 'Party branch (党支部), e.g. a grid branch (网格党支部).' },
    PARTY_GROUP: { description: 'Party group (党小组).' },
    DEPARTMENT: { description: 'Functional department (职能部门: 城管, 市场监管, 环卫, 交警, 消防 …) that cases go to.' },
    CO_BUILDING_UNIT: { description: 'Co-building unit (共建单位 / 驻区单位 / "两新"组织).' },
    SOCIAL_ORGANIZATION: { description: 'Social organization or social-work provider (社会组织 / 社工服务中心).' },
    PROPERTY_MANAGER: { description: 'Property management company of a compound (物业公司).' },
    OWNERS_COMMITTEE: { description: "Owners' committee of a compound (业委会)." },
  },
});

@ObjectType({
  implements: Node,
  description: 'An organization of a street (组织): committees, communities, branches, departments and partners, as a tree.',
})
export class Organization extends Node {
  @Field(() => OrganizationKindEnum, { description: 'What kind of organization.' })
  kind!: OrganizationKind;

  @Field({ description: 'Name, e.g. "南苑路社区离退休干部党支部".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Code, unique within the street (letters, digits, dashes).' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone of the organization (an office line, not personal data).' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Address.' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the organization was founded.' })
  foundedOn!: string | null;

  @Field({ description: 'Whether the organization is archived (kept for history, hidden from lists by default).' })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the organization was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the organization was created.' })
  createdAt!: Date;

  @Field({ description: 'When the organization was last changed.' })
  updatedAt!: Date;

  record!: OrganizationRecord;

  static from(r: OrganizationRecord): Organization {
    return Object.assign(new Organization(), {
      id: toGlobalId('Organization', r.id),
      record: r,
      kind: r.kind,
      name: r.name,
      code: r.code,
      phone: r.phone,
      address: r.address,
      description: r.description,
      foundedOn: r.foundedOn,
      archived: r.archivedAt !== null,
      archivedAt: r.archivedAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    });
  }
}

export const { Connection: OrganizationConnection } = connectionOf(Organization, 'Organization', 'organizations');
