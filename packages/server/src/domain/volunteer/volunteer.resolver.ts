import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { personService } from '../person/person.service';
import { Person } from '../person/person.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  registrationById,
  registrationService,
  type VolunteerRegistrationRecord,
} from './registration.service';
import {
  ArchiveVolunteerInput,
  EndCommunityRegistrationInput,
  RegisterVolunteerInput,
  RegisterWithCommunityInput,
  UpdateVolunteerInput,
  VolunteersArgs,
  volunteerFilterOf,
} from './volunteer.input';
import { volunteerById, volunteerService, type VolunteerRecord } from './volunteer.service';
import {
  Volunteer,
  VolunteerConnection,
  VolunteerPayload,
  VolunteerRegistration,
  VolunteerRegistrationPayload,
} from './volunteer.type';

const toPayload = (r: VolunteerRecord | null): Omit<VolunteerPayload, 'userErrors'> => ({
  volunteer: r && Volunteer.from(r),
});
const toRegistrationPayload = (
  r: VolunteerRegistrationRecord | null,
): Omit<VolunteerRegistrationPayload, 'userErrors'> => ({
  registration: r && VolunteerRegistration.from(r),
});

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => VolunteerConnection, { description: 'Volunteers of the streets you may see.' })
  async volunteers(
    @Ctx() ctx: Context,
    @Args() args: VolunteersArgs,
  ): Promise<ConnectionShape<Volunteer>> {
    const filter = volunteerFilterOf(args.filter);
    const page = await volunteerService.list(ctx, filter, orderingOf(args.orderBy, 'NAME'), args);
    return toConnection(page, Volunteer.from, () => volunteerService.count(ctx, filter));
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description:
      'The person who volunteers; null where your role may not see the person (e.g. a grid ' +
      "worker, outside their grid). The volunteer's name is always shown.",
  })
  async person(@Ctx() ctx: Context, @Root() volunteer: Volunteer): Promise<Person | null> {
    const person = await personService.get(ctx, volunteer.record.personId);
    return person && Person.from(person);
  }

  @FieldResolver(() => Street, { description: 'The street the volunteer belongs to.' })
  async street(@Ctx() ctx: Context, @Root() volunteer: Volunteer): Promise<Street> {
    return Street.from((await streetService.get(ctx, volunteer.record.streetId))!);
  }

  @FieldResolver(() => VolunteerRegistration, {
    nullable: true,
    description:
      'The active registration with a community (在职党员进社区报到); null when there is none.',
  })
  async registration(
    @Ctx() ctx: Context,
    @Root() volunteer: Volunteer,
  ): Promise<VolunteerRegistration | null> {
    const r = await registrationService.activeOf(ctx, volunteer.record.id);
    return r && VolunteerRegistration.from(r);
  }

  @Mutation(() => VolunteerPayload, {
    description: 'Registers a person as a volunteer (志愿者注册); a person is registered once.',
  })
  registerVolunteer(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The person and their skills.' }) input: RegisterVolunteerInput,
  ): Promise<VolunteerPayload> {
    return mutate(
      ctx,
      (tx) =>
        volunteerService.register(tx, {
          ...input,
          personId: inputId(input.personId, 'Person', ['input', 'personId']),
        }),
      toPayload,
    );
  }

  @Mutation(() => VolunteerPayload, { description: "Changes a volunteer's skills or join date." })
  updateVolunteer(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The volunteer and the changes.' }) input: UpdateVolunteerInput,
  ): Promise<VolunteerPayload> {
    const { id, ...changes } = input;
    return mutate(
      ctx,
      (tx) => volunteerService.update(tx, inputId(id, 'Volunteer', ['input', 'id']), changes),
      toPayload,
    );
  }

  @Mutation(() => VolunteerPayload, {
    description:
      'Archives a volunteer who left service: releases their post claims and ends their ' +
      'community registration; teams and service records stay as history.',
  })
  archiveVolunteer(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The volunteer to archive.' }) input: ArchiveVolunteerInput,
  ): Promise<VolunteerPayload> {
    return mutate(
      ctx,
      (tx) => volunteerService.archive(tx, inputId(input.id, 'Volunteer', ['input', 'id'])),
      toPayload,
    );
  }

  @Mutation(() => VolunteerRegistrationPayload, {
    description:
      'Registers an in-service party member with the community where they live ' +
      '(在职党员进社区报到); one active registration per volunteer.',
  })
  registerWithCommunity(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The volunteer, the community and the employer.' })
    input: RegisterWithCommunityInput,
  ): Promise<VolunteerRegistrationPayload> {
    return mutate(
      ctx,
      (tx) =>
        registrationService.register(tx, {
          ...input,
          volunteerId: inputId(input.volunteerId, 'Volunteer', ['input', 'volunteerId']),
          communityId: inputId(input.communityId, 'Organization', ['input', 'communityId']),
        }),
      toRegistrationPayload,
    );
  }

  @Mutation(() => VolunteerRegistrationPayload, {
    description: "Ends a volunteer's registration with a community.",
  })
  endCommunityRegistration(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The registration and its last day.' })
    input: EndCommunityRegistrationInput,
  ): Promise<VolunteerRegistrationPayload> {
    return mutate(
      ctx,
      (tx) =>
        registrationService.end(
          tx,
          inputId(input.registrationId, 'VolunteerRegistration', ['input', 'registrationId']),
          input.endedOn,
        ),
      toRegistrationPayload,
    );
  }
}

@Resolver(() => VolunteerRegistration)
export class VolunteerRegistrationResolver {
  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: 'The registered volunteer; null when you may not see it.',
  })
  async volunteer(
    @Ctx() ctx: Context,
    @Root() r: VolunteerRegistration,
  ): Promise<Volunteer | null> {
    const found = await volunteerService.get(ctx, r.record.volunteerId);
    return found && Volunteer.from(found);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The community registered with (社区); null when you may not see it.',
  })
  async community(
    @Ctx() ctx: Context,
    @Root() r: VolunteerRegistration,
  ): Promise<Organization | null> {
    const found = await organizationService.get(ctx, r.record.communityId);
    return found && Organization.from(found);
  }
}

@Resolver(() => Person)
export class PersonVolunteerResolver {
  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: "The person's volunteer record (志愿者); null if they never registered.",
  })
  async volunteer(@Ctx() ctx: Context, @Root() person: Person): Promise<Volunteer | null> {
    const r = await volunteerService.ofPerson(ctx, person.record.id);
    return r && Volunteer.from(r);
  }
}

export const volunteerNodes: NodeFetcher[] = [
  {
    typeName: 'Volunteer',
    fetch: async (ctx, ids) =>
      (await loader(ctx, volunteerById).loadMany(ids)).map((r) =>
        r && !(r instanceof Error) ? Volunteer.from(r) : null,
      ),
  },
  {
    typeName: 'VolunteerRegistration',
    fetch: async (ctx, ids) =>
      (await loader(ctx, registrationById).loadMany(ids)).map((r) =>
        r && !(r instanceof Error) ? VolunteerRegistration.from(r) : null,
      ),
  },
];
