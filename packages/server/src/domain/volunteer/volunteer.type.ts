import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { VolunteerRegistrationRecord } from './registration.service';
import type { VolunteerRecord } from './volunteer.service';

@ObjectType({
  implements: Node,
  description:
    'A volunteer (志愿者): a person of a street registered for volunteer service. A person is ' +
    'a volunteer at most once; teams, service posts and service records hang off the volunteer.',
})
export class Volunteer extends Node {
  @Field({ description: "The volunteer's name (the person's name)." })
  name!: string;

  @Field(() => [String], { description: 'Skills offered, e.g. "法律咨询", "理发", "心理疏导".' })
  skills!: string[];

  @Field(() => LocalDate, { description: 'When the person became a volunteer.' })
  joinedOn!: string;

  @Field({
    description:
      'Whether the volunteer is archived (left service; kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the volunteer was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  record!: VolunteerRecord;

  static from(r: VolunteerRecord): Volunteer {
    return Object.assign(new Volunteer(), r, {
      id: toGlobalId('Volunteer', r.id),
      record: r,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: VolunteerConnection } = connectionOf(
  Volunteer,
  'Volunteer',
  'volunteers',
);

@ObjectType({
  implements: Node,
  description:
    'A registration of an in-service party member with the community where they live ' +
    '(在职党员进社区报到).',
})
export class VolunteerRegistration extends Node {
  @Field(() => String, {
    nullable: true,
    description: 'Where the member works (工作单位), as registered.',
  })
  employer!: string | null;

  @Field(() => LocalDate, { description: 'The day the member registered (报到).' })
  registeredOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The last day of the registration; null while it lasts.',
  })
  endedOn!: string | null;

  @Field({ description: 'Whether the registration is in force (not ended).' })
  active!: boolean;

  @Field({ description: 'When the registration was recorded.' })
  createdAt!: Date;

  record!: VolunteerRegistrationRecord;

  static from(r: VolunteerRegistrationRecord): VolunteerRegistration {
    return Object.assign(new VolunteerRegistration(), r, {
      id: toGlobalId('VolunteerRegistration', r.id),
      record: r,
      active: r.endedOn === null,
    });
  }
}

@ObjectType({ description: 'The result of a volunteer mutation.' })
export class VolunteerPayload {
  @Field(() => Volunteer, {
    nullable: true,
    description: 'The volunteer after the mutation; null when it failed.',
  })
  volunteer!: Volunteer | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of a community registration mutation.' })
export class VolunteerRegistrationPayload {
  @Field(() => VolunteerRegistration, {
    nullable: true,
    description: 'The registration after the mutation; null when it failed.',
  })
  registration!: VolunteerRegistration | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
