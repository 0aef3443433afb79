import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { Gender, PartyKind, PartyStatus, PersonRecord } from './person.service';

export const PersonRoleEnum = {
  STAFF: 'STAFF',
  GRID_WORKER: 'GRID_WORKER',
  PARTY_MEMBER: 'PARTY_MEMBER',
  RESIDENT: 'RESIDENT',
  VOLUNTEER: 'VOLUNTEER',
} as const;
registerEnumType(PersonRoleEnum, {
  name: 'PersonRole',
  description: 'What a person is to the street; one person may be several.',
  valuesConfig: {
    STAFF: { description: 'Street or community staff (工作人员).' },
    GRID_WORKER: { description: 'Holds a grid staff role (网格员 etc.).' },
    PARTY_MEMBER: { description: 'Party member (党员), full or probationary.' },
    RESIDENT: { description: 'Lives in a grid of the street (居民).' },
    VOLUNTEER: { description: 'Registered volunteer (志愿者).' },
  },
});

export const GenderEnum = { MALE: 'MALE', FEMALE: 'FEMALE' } as const;
registerEnumType(GenderEnum, {
  name: 'Gender',
  description: 'Gender as recorded.',
  valuesConfig: { MALE: { description: 'Male (男).' }, FEMALE: { description: 'Female (女).' } },
});

export const PartyStatusEnum = { MEMBER: 'MEMBER', PROBATIONARY: 'PROBATIONARY' } as const;
registerEnumType(PartyStatusEnum, {
  name: 'PartyStatus',
  description: 'Party membership status.',
  valuesConfig: {
    MEMBER: { description: 'Full member (正式党员).' },
    PROBATIONARY: { description: 'Probationary member (预备党员).' },
  },
});

export const PartyKindEnum = {
  RETIRED: 'RETIRED',
  IN_SERVICE: 'IN_SERVICE',
  OTHER: 'OTHER',
} as const;
registerEnumType(PartyKindEnum, {
  name: 'PartyMemberKind',
  description: 'Where a party member belongs.',
  valuesConfig: {
    RETIRED: { description: 'Retired member (离退休党员), usually in a community branch.' },
    IN_SERVICE: {
      description:
        'In-service member (在职党员), who registers with the community where they live.',
    },
    OTHER: { description: 'Other members, e.g. flowing members (流动党员).' },
  },
});

@ObjectType({ description: 'Party membership (党员身份).' })
export class PartyMembership {
  @Field(() => PartyStatusEnum, { description: 'Full or probationary.' })
  status!: PartyStatus;

  @Field(() => PartyKindEnum, { nullable: true, description: 'Retired, in service or other.' })
  kind!: PartyKind | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the person joined the party.' })
  joinedOn!: string | null;
}

@ObjectType({
  implements: Node,
  description: 'A person of a street: staff, grid worker, party member, resident or volunteer.',
})
export class Person extends Node {
  @Field({ description: 'Name (姓名).' })
  name!: string;

  @Field(() => GenderEnum, { nullable: true, description: 'Gender.' })
  gender!: Gender | null;

  @Field(() => Int, { nullable: true, description: 'Year of birth.' })
  birthYear!: number | null;

  @Field(() => PartyMembership, {
    nullable: true,
    description: 'Party membership; null for non-members.',
  })
  partyMembership!: PartyMembership | null;

  @Field(() => String, {
    nullable: true,
    description: 'Employer, e.g. of an in-service party member.',
  })
  employer!: string | null;

  @Field({ description: 'Whether the person is archived (moved away, left service).' })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the person was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  record!: PersonRecord;

  static from(r: PersonRecord): Person {
    // Personal data stays on `record`: only the resolvers that mask and audit it read it there.
    const { phone: _phone, idNumber: _idNumber, ...plain } = r;
    return Object.assign(new Person(), plain, {
      id: toGlobalId('Person', r.id),
      record: r,
      partyMembership: r.partyStatus
        ? { status: r.partyStatus, kind: r.partyKind, joinedOn: r.partyJoinedOn }
        : null,
      archived: r.archivedAt !== null,
    });
  }
}

/** Marks personal-data fields in the printed contract; see `personalData` directive. */
export const personalData = (kind: 'PHONE' | 'ID_NUMBER') =>
  Directive(`@personalData(kind: ${kind})`);

export const { Connection: PersonConnection } = connectionOf(Person, 'Person', 'people');

@ObjectType({ description: 'The result of a person mutation.' })
export class PersonPayload {
  @Field(() => Person, {
    nullable: true,
    description: 'The person after the mutation; null when it failed.',
  })
  person!: Person | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
