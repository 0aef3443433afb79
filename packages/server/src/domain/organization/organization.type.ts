import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { MemberRole, OrganizationMemberRecord } from './organization-member.service';
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
    JOINT_COMMITTEE: {
      description: 'Joint ("big") committee taking in units based in the street (大工委).',
    },
    COMMUNITY: { description: 'Community (社区 / 管理处), a neighbourhood under the street.' },
    COMMUNITY_COMMITTEE: { description: 'Community joint party committee (社区大党委).' },
    PARTY_BRANCH: { description: 'Party branch (党支部), e.g. a grid branch (网格党支部).' },
    PARTY_GROUP: { description: 'Party group (党小组).' },
    DEPARTMENT: {
      description:
        'Functional department (职能部门: 城管, 市场监管, 环卫, 交警, 消防 …) that cases go to.',
    },
    CO_BUILDING_UNIT: { description: 'Co-building unit (共建单位 / 驻区单位 / "两新"组织).' },
    SOCIAL_ORGANIZATION: {
      description: 'Social organization or social-work provider (社会组织 / 社工服务中心).',
    },
    PROPERTY_MANAGER: { description: 'Property management company of a compound (物业公司).' },
    OWNERS_COMMITTEE: { description: "Owners' committee of a compound (业委会)." },
  },
});

@ObjectType({
  implements: Node,
  description:
    'An organization of a street (组织): committees, communities, branches, departments and partners, as a tree.',
})
export class Organization extends Node {
  @Field(() => OrganizationKindEnum, { description: 'What kind of organization.' })
  kind!: OrganizationKind;

  @Field({ description: 'Name, e.g. "南苑路社区离退休干部党支部".' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Code, unique within the street (letters, digits, dashes).',
  })
  code!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Contact phone of the organization (an office line, not personal data).',
  })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Address.' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the organization was founded.' })
  foundedOn!: string | null;

  @Field({
    description:
      'Whether the organization is archived (kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the organization was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the organization was created.' })
  createdAt!: Date;

  @Field({ description: 'When the organization was last changed.' })
  updatedAt!: Date;

  record!: OrganizationRecord;

  static from(r: OrganizationRecord): Organization {
    return Object.assign(new Organization(), r, {
      id: toGlobalId('Organization', r.id),
      record: r,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: OrganizationConnection } = connectionOf(
  Organization,
  'Organization',
  'organizations',
);

export const OrganizationMemberRoleEnum = {
  SECRETARY: 'SECRETARY',
  DEPUTY_SECRETARY: 'DEPUTY_SECRETARY',
  COMMITTEE_MEMBER: 'COMMITTEE_MEMBER',
  DIRECTOR: 'DIRECTOR',
  DEPUTY_DIRECTOR: 'DEPUTY_DIRECTOR',
  STAFF: 'STAFF',
  MEMBER: 'MEMBER',
  LIAISON: 'LIAISON',
} as const;
registerEnumType(OrganizationMemberRoleEnum, {
  name: 'OrganizationMemberRole',
  description: 'The role a person holds in an organization; rosters list them in this order.',
  valuesConfig: {
    SECRETARY: {
      description:
        'Secretary (书记): head of a party organization, or of a community; one at a time. A party member in a party organization.',
    },
    DEPUTY_SECRETARY: { description: 'Deputy secretary (副书记).' },
    COMMITTEE_MEMBER: { description: 'Committee member (委员).' },
    DIRECTOR: {
      description:
        'Director (主任 / 负责人): head of a community, department or unit; one at a time; not in party organizations.',
    },
    DEPUTY_DIRECTOR: { description: 'Deputy director (副主任); not in party organizations.' },
    STAFF: { description: 'Staff (工作人员).' },
    MEMBER: {
      description: 'Member (成员); in a party organization, a party member of it (党员).',
    },
    LIAISON: {
      description: "Liaison (联络员), e.g. a co-building unit's contact person with the street.",
    },
  },
});

@ObjectType({
  implements: Node,
  description:
    'A person holding a role in an organization (组织成员), from a start date until an end date.',
})
export class OrganizationMember extends Node {
  @Field(() => OrganizationMemberRoleEnum, { description: 'The role held.' })
  role!: MemberRole;

  @Field(() => LocalDate, { description: 'First day in the role.' })
  startedOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Last day in the role; null while it lasts.',
  })
  endedOn!: string | null;

  record!: OrganizationMemberRecord;

  static from(r: OrganizationMemberRecord): OrganizationMember {
    return Object.assign(new OrganizationMember(), r, {
      id: toGlobalId('OrganizationMember', r.id),
      record: r,
    });
  }
}

export const { Connection: OrganizationMemberConnection } = connectionOf(
  OrganizationMember,
  'OrganizationMember',
  'organization members',
);

@ObjectType({ description: 'The result of an organization mutation.' })
export class OrganizationPayload {
  @Field(() => Organization, {
    nullable: true,
    description: 'The organization as it is after the mutation; null when it failed.',
  })
  organization!: Organization | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of an organization member mutation.' })
export class OrganizationMemberPayload {
  @Field(() => OrganizationMember, {
    nullable: true,
    description: 'The membership after the mutation; null when it failed.',
  })
  member!: OrganizationMember | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
