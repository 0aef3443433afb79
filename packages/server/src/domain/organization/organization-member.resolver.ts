import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { relationConnection } from '../../graphql/relay/relation-loader';
import { organizationMembers } from './organization.model';
import type { ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import { mutate } from '../../graphql/relay/payload';
import type { Context } from '../shared/context';
import { personService } from '../person/person.service';
import { Person } from '../person/person.type';
import {
  AddOrganizationMemberInput,
  EndOrganizationMembershipInput,
  OrganizationMembersArgs,
} from './organization.input';
import {
  organizationMemberService,
  type OrganizationMemberRecord,
} from './organization-member.service';
import { organizationService } from './organization.service';
import {
  Organization,
  OrganizationMember,
  OrganizationMemberConnection,
  OrganizationMemberPayload,
} from './organization.type';

const toMemberPayload = (
  r: OrganizationMemberRecord | null,
): Omit<OrganizationMemberPayload, 'userErrors'> => ({
  member: r && OrganizationMember.from(r),
});

@Resolver(() => Organization)
export class OrganizationMembersResolver {
  @FieldResolver(() => OrganizationMemberConnection, {
    description: 'People holding roles in this organization, leaders first.',
  })
  async members(
    @Ctx() ctx: Context,
    @Root() org: Organization,
    @Args() args: OrganizationMembersArgs,
  ): Promise<ConnectionShape<OrganizationMember>> {
    return relationConnection(
      ctx,
      organizationMembers,
      org.record.id,
      args,
      OrganizationMember.from,
    );
  }
}

@Resolver(() => OrganizationMember)
export class OrganizationMemberResolver {
  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The person holding the role; null when you may not see it.',
  })
  async person(@Ctx() ctx: Context, @Root() m: OrganizationMember): Promise<Person | null> {
    const found = await personService.get(ctx, m.record.personId);
    return found && Person.from(found);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization; null when you may not see it.',
  })
  async organization(
    @Ctx() ctx: Context,
    @Root() m: OrganizationMember,
  ): Promise<Organization | null> {
    const found = await organizationService.get(ctx, m.record.organizationId);
    return found && Organization.from(found);
  }

  @Mutation(() => OrganizationMemberPayload, {
    description: 'Gives a person a role in an organization (e.g. the secretary of a branch).',
  })
  addOrganizationMember(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The organization, person and role.' })
    input: AddOrganizationMemberInput,
  ): Promise<OrganizationMemberPayload> {
    return mutate(
      ctx,
      (tx) =>
        organizationMemberService.add(tx, {
          organizationId: inputId(input.organizationId, 'Organization', [
            'input',
            'organizationId',
          ]),
          personId: inputId(input.personId, 'Person', ['input', 'personId']),
          role: input.role,
          startedOn: input.startedOn,
        }),
      toMemberPayload,
    );
  }

  @Mutation(() => OrganizationMemberPayload, {
    description: 'Ends a membership; it stays in the organization’s history.',
  })
  endOrganizationMembership(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The membership and its last day.' })
    input: EndOrganizationMembershipInput,
  ): Promise<OrganizationMemberPayload> {
    return mutate(
      ctx,
      (tx) =>
        organizationMemberService.end(
          tx,
          inputId(input.memberId, 'OrganizationMember', ['input', 'memberId']),
          input.endedOn,
        ),
      toMemberPayload,
    );
  }
}

@Resolver(() => Person)
export class PersonMembershipsResolver {
  @FieldResolver(() => [OrganizationMember], {
    description: 'Roles the person holds now in organizations in use, leaders first.',
  })
  async memberships(@Ctx() ctx: Context, @Root() person: Person): Promise<OrganizationMember[]> {
    return (await organizationMemberService.membershipsOf(ctx, person.record.id)).map(
      OrganizationMember.from,
    );
  }
}
