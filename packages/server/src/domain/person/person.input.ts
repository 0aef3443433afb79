import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { LocalDate } from '../../graphql/relay/scalars';
import type { Gender, PartyKind, PartyStatus, PersonFilter, PersonRole } from './person.service';
import { GenderEnum, PartyKindEnum, PartyStatusEnum, PersonRoleEnum } from './person.type';

export const PersonOrderField = { NAME: 'NAME', CREATED_AT: 'CREATED_AT' } as const;
registerOrderFields(PersonOrderField, 'PersonOrderField', 'people', {
  NAME: 'By name.',
  CREATED_AT: 'By when the record was created.',
});
export const PersonOrder = orderInputOf(PersonOrderField, 'Person', 'people');

@InputType({ description: 'Which people to list.' })
export class PersonFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only people of this street.' })
  streetId?: string | null;

  @Field(() => [PersonRoleEnum], {
    nullable: true,
    description: 'Only people holding any of these roles.',
  })
  roles?: PersonRole[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only people living or serving in this grid or below it.',
  })
  gridId?: string | null;

  @Field(() => PartyKindEnum, { nullable: true, description: 'Only party members of this kind.' })
  partyKind?: PartyKind | null;

  @Field(() => String, { nullable: true, description: 'People whose name contains this text.' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived people (default false).' })
  includeArchived?: boolean | null;
}

/**
 * The service filter for a `people` filter, but for `gridId`: that needs the grid's code, which
 * the resolver reads (see `gridCode`). Under a street (`inStreet`) its own street is the scope.
 */
export const personFilterOf = (
  f: PersonFilterInput | null | undefined,
  inStreet = false,
): PersonFilter => ({
  streetId: !inStreet && f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  roles: f?.roles,
  partyKind: f?.partyKind,
  search: f?.search,
  includeArchived: f?.includeArchived,
});

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilterInput, { nullable: true, description: 'Which people to list.' })
  filter?: PersonFilterInput | null;

  @Field(() => PersonOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof PersonOrder> | null;
}

@InputType({ description: 'Party membership.' })
export class PartyMembershipInput {
  @Field(() => PartyStatusEnum, { description: 'Full or probationary.' })
  status!: PartyStatus;

  @Field(() => PartyKindEnum, { nullable: true, description: 'Retired, in service or other.' })
  kind?: PartyKind | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the person joined the party.' })
  joinedOn?: string | null;
}

@InputType('PersonFieldsInput', { description: 'Details of a person.' })
class PersonFieldsInput {
  @Field(() => GenderEnum, { nullable: true, description: 'Gender.' })
  gender?: Gender | null;

  @Field(() => Int, { nullable: true, description: 'Year of birth.' })
  birthYear?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Mobile (11 digits) or landline phone number. Personal data.',
  })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Resident identity number (18 characters, checked). Personal data.',
  })
  idNumber?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the person is street or community staff.',
  })
  isStaff?: boolean | null;

  @Field(() => PartyMembershipInput, {
    nullable: true,
    description: 'Party membership; null for non-members.',
  })
  partyMembership?: PartyMembershipInput | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The grid the person lives in (a grid of the same street).',
  })
  homeGridId?: string | null;

  @Field(() => String, { nullable: true, description: 'Employer (at most 100 characters).' })
  employer?: string | null;
}

@InputType({ description: 'A new person.' })
export class CreatePersonInput extends PersonFieldsInput {
  @Field(() => ID, { description: 'The street the person belongs to.' })
  streetId!: string;

  @Field({ description: 'Name (1–50 characters).' })
  name!: string;
}

@InputType({
  description: 'Changes to a person; fields left out stay as they are, null clears optional ones.',
})
export class UpdatePersonInput extends PersonFieldsInput {
  @Field(() => ID, { description: 'The person to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType({ description: 'The person to archive.' })
export class ArchivePersonInput {
  @Field(() => ID, { description: 'The person to archive.' })
  id!: string;
}
