import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId, rowIdOf } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { revealPersonalData } from '../shared/personal-data';
import { gridService } from '../grid/grid.service';
import { Grid } from '../grid/grid.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  ArchivePersonInput,
  CreatePersonInput,
  PeopleArgs,
  UpdatePersonInput,
  personFilterOf,
} from './person.input';
import {
  personById,
  personService,
  type PersonFilter,
  type PersonInput,
  type PersonRecord,
  type PersonRole,
} from './person.service';
import {
  Person,
  PersonConnection,
  PersonPayload,
  PersonRoleEnum,
  personalData,
} from './person.type';

const toPayload = (r: PersonRecord | null): Omit<PersonPayload, 'userErrors'> => ({
  person: r && Person.from(r),
});

/** The service form of the shared person fields; a wrong grid ID is a user error. */
function fieldsOf(input: CreatePersonInput | UpdatePersonInput): Partial<PersonInput> {
  const { gender, birthYear, phone, idNumber, isStaff, partyMembership, employer, homeGridId } =
    input;
  return {
    gender,
    birthYear,
    phone,
    idNumber,
    isStaff: isStaff ?? undefined,
    partyMembership:
      partyMembership === undefined ? undefined : partyMembership && { ...partyMembership },
    employer,
    homeGridId:
      homeGridId == null ? homeGridId : inputId(homeGridId, 'Grid', ['input', 'homeGridId']),
  };
}

async function filterOf(ctx: Context, args: PeopleArgs, inStreet: boolean): Promise<PersonFilter> {
  const f = args.filter;
  const filter = personFilterOf(f, inStreet);
  if (f?.gridId) {
    const grid = await gridService.get(ctx, rowIdOf(f.gridId, 'Grid', 'filter.gridId'));
    // A grid the caller cannot see matches nobody.
    filter.gridCode = grid?.code ?? '-';
  }
  return filter;
}

async function peopleConnection(
  ctx: Context,
  args: PeopleArgs,
  streetId?: string,
): Promise<ConnectionShape<Person>> {
  const ordering = orderingOf(args.orderBy, 'NAME');
  if (streetId) {
    // One statement for the field on every street of a page.
    const filter = await filterOf(ctx, args, true);
    const page = await personService.pageOf(ctx, 'street', streetId, filter, ordering, args);
    return toConnection(page, Person.from, () =>
      personService.countOf(ctx, 'street', streetId, filter),
    );
  }
  const filter = await filterOf(ctx, args, false);
  const page = await personService.list(ctx, filter, ordering, args);
  return toConnection(page, Person.from, () => personService.count(ctx, filter));
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => PersonConnection, { description: 'People of the streets you may see.' })
  people(@Ctx() ctx: Context, @Args() args: PeopleArgs): Promise<ConnectionShape<Person>> {
    return peopleConnection(ctx, args);
  }

  @FieldResolver(() => [PersonRoleEnum], { description: 'What the person is to the street.' })
  roles(@Ctx() ctx: Context, @Root() person: Person): Promise<PersonRole[]> {
    return personService.roles(ctx, person.record);
  }

  @personalData('PHONE')
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Phone number; masked unless your role needs it.',
  })
  phone(@Ctx() ctx: Context, @Root() person: Person): Promise<string | null> {
    return revealPersonalData(ctx, person.record, 'PHONE', person.record.phone);
  }

  @personalData('ID_NUMBER')
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Resident identity number (身份证号); masked unless your role needs it.',
  })
  idNumber(@Ctx() ctx: Context, @Root() person: Person): Promise<string | null> {
    return revealPersonalData(ctx, person.record, 'ID_NUMBER', person.record.idNumber);
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid the person lives in.' })
  async homeGrid(@Ctx() ctx: Context, @Root() person: Person): Promise<Grid | null> {
    if (!person.record.homeGridId) return null;
    const grid = await gridService.get(ctx, person.record.homeGridId);
    return grid && Grid.from(grid);
  }

  @FieldResolver(() => Street, { description: 'The street the person belongs to.' })
  async street(@Ctx() ctx: Context, @Root() person: Person): Promise<Street> {
    return Street.from((await streetService.get(ctx, person.record.streetId))!);
  }

  @Mutation(() => PersonPayload, { description: 'Adds a person to a street.' })
  createPerson(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The person to add.' }) input: CreatePersonInput,
  ): Promise<PersonPayload> {
    return mutate(
      ctx,
      (tx) =>
        personService.create(tx, inputId(input.streetId, 'Street', ['input', 'streetId']), {
          ...fieldsOf(input),
          name: input.name,
        } as PersonInput),
      toPayload,
    );
  }

  @Mutation(() => PersonPayload, { description: 'Changes a person.' })
  updatePerson(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The person and the changes.' }) input: UpdatePersonInput,
  ): Promise<PersonPayload> {
    return mutate(
      ctx,
      (tx) =>
        personService.update(tx, inputId(input.id, 'Person', ['input', 'id']), {
          ...fieldsOf(input),
          name: input.name ?? undefined,
        }),
      toPayload,
    );
  }

  @Mutation(() => PersonPayload, {
    description: 'Archives a person (moved away, left service); the record stays readable.',
  })
  archivePerson(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The person to archive.' }) input: ArchivePersonInput,
  ): Promise<PersonPayload> {
    return mutate(
      ctx,
      (tx) => personService.archive(tx, inputId(input.id, 'Person', ['input', 'id'])),
      toPayload,
    );
  }
}

@Resolver(() => Street)
export class StreetPeopleResolver {
  @FieldResolver(() => PersonConnection, { description: 'People of this street.' })
  people(
    @Ctx() ctx: Context,
    @Root() street: Street,
    @Args() args: PeopleArgs,
  ): Promise<ConnectionShape<Person>> {
    return peopleConnection(ctx, args, street.rowId);
  }
}

export const personNode: NodeFetcher = {
  typeName: 'Person',
  fetch: async (ctx, ids) =>
    (await loader(ctx, personById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? Person.from(r) : null,
    ),
};
