import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { VolunteerTeamRecord } from './team.service';
import { Volunteer } from './volunteer.type';

@ObjectType({
  implements: Node,
  description:
    'A volunteer team (志愿服务队), e.g. "小蜜蜂志愿服务队", optionally run by an organization.',
})
export class VolunteerTeam extends Node {
  @Field({ description: 'Name, unique among the active teams of the street.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the team does.' })
  description!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the team was founded.' })
  foundedOn!: string | null;

  @Field({
    description: 'Whether the team is archived (kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the team was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the team was created.' })
  createdAt!: Date;

  @Field({ description: 'When the team was last changed.' })
  updatedAt!: Date;

  record!: VolunteerTeamRecord;

  static from(r: VolunteerTeamRecord): VolunteerTeam {
    return Object.assign(new VolunteerTeam(), r, {
      id: toGlobalId('VolunteerTeam', r.id),
      record: r,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: VolunteerTeamConnection } = connectionOf(
  VolunteerTeam,
  'VolunteerTeam',
  'volunteer teams',
);

@ObjectType({ description: 'The result of a volunteer team mutation.' })
export class VolunteerTeamPayload {
  @Field(() => VolunteerTeam, {
    nullable: true,
    description: 'The team after the mutation; null when it failed.',
  })
  team!: VolunteerTeam | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of adding a volunteer to a team or removing one.' })
export class VolunteerTeamMembershipPayload {
  @Field(() => VolunteerTeam, {
    nullable: true,
    description: 'The team after the change; null when it failed.',
  })
  team!: VolunteerTeam | null;

  @Field(() => Volunteer, {
    nullable: true,
    description: 'The volunteer added or removed; null when it failed.',
  })
  volunteer!: Volunteer | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
