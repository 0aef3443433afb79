import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  ArchiveVolunteerTeamInput,
  CreateVolunteerTeamInput,
  TeamMembersArgs,
  UpdateVolunteerTeamInput,
  VolunteerTeamMemberInput,
  VolunteerTeamsArgs,
  teamFilterOf,
} from './team.input';
import { teamMemberService, type Membership } from './team-member.service';
import { teamById, volunteerTeamService, type VolunteerTeamRecord } from './team.service';
import {
  VolunteerTeam,
  VolunteerTeamConnection,
  VolunteerTeamMembershipPayload,
  VolunteerTeamPayload,
} from './team.type';
import { Volunteer, VolunteerConnection } from './volunteer.type';

const toPayload = (r: VolunteerTeamRecord | null): Omit<VolunteerTeamPayload, 'userErrors'> => ({
  team: r && VolunteerTeam.from(r),
});
const toMembershipPayload = (
  r: Membership | null,
): Omit<VolunteerTeamMembershipPayload, 'userErrors'> => ({
  team: r && VolunteerTeam.from(r.team),
  volunteer: r && Volunteer.from(r.volunteer),
});

const memberIds = (input: VolunteerTeamMemberInput) => ({
  teamId: inputId(input.teamId, 'VolunteerTeam', ['input', 'teamId']),
  volunteerId: inputId(input.volunteerId, 'Volunteer', ['input', 'volunteerId']),
});

@Resolver(() => VolunteerTeam)
export class VolunteerTeamResolver {
  @Query(() => VolunteerTeamConnection, {
    description: 'Volunteer teams (志愿服务队) of the streets you may see.',
  })
  async volunteerTeams(
    @Ctx() ctx: Context,
    @Args() args: VolunteerTeamsArgs,
  ): Promise<ConnectionShape<VolunteerTeam>> {
    const filter = teamFilterOf(args.filter);
    const page = await volunteerTeamService.list(
      ctx,
      filter,
      orderingOf(args.orderBy, 'NAME'),
      args,
    );
    return toConnection(page, VolunteerTeam.from, () => volunteerTeamService.count(ctx, filter));
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization that runs the team; null if none.',
  })
  async organization(
    @Ctx() ctx: Context,
    @Root() team: VolunteerTeam,
  ): Promise<Organization | null> {
    if (!team.record.organizationId) return null;
    const r = await organizationService.get(ctx, team.record.organizationId);
    return r && Organization.from(r);
  }

  @FieldResolver(() => Street, { description: 'The street the team belongs to.' })
  async street(@Ctx() ctx: Context, @Root() team: VolunteerTeam): Promise<Street> {
    return Street.from((await streetService.get(ctx, team.record.streetId))!);
  }

  @FieldResolver(() => VolunteerConnection, {
    description: 'The members of the team you may see (archived volunteers left out).',
  })
  async members(
    @Ctx() ctx: Context,
    @Root() team: VolunteerTeam,
    @Args() args: TeamMembersArgs,
  ): Promise<ConnectionShape<Volunteer>> {
    const page = await teamMemberService.page(
      ctx,
      team.record.id,
      args.search,
      orderingOf(args.orderBy, 'NAME'),
      args,
    );
    return toConnection(page, Volunteer.from, () =>
      teamMemberService.count(ctx, team.record.id, args.search),
    );
  }

  @FieldResolver(() => Int, {
    description: 'How many volunteers (not archived) are members of the team, seen or not.',
  })
  memberCount(@Ctx() ctx: Context, @Root() team: VolunteerTeam): Promise<number> {
    return teamMemberService.headcount(ctx, team.record.id);
  }

  @Mutation(() => VolunteerTeamPayload, { description: 'Creates a volunteer team.' })
  createVolunteerTeam(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The team to create.' }) input: CreateVolunteerTeamInput,
  ): Promise<VolunteerTeamPayload> {
    const { streetId, organizationId, ...rest } = input;
    return mutate(
      ctx,
      (tx) =>
        volunteerTeamService.create(tx, inputId(streetId, 'Street', ['input', 'streetId']), {
          ...rest,
          organizationId: organizationId
            ? inputId(organizationId, 'Organization', ['input', 'organizationId'])
            : null,
        }),
      toPayload,
    );
  }

  @Mutation(() => VolunteerTeamPayload, {
    description: "Changes a team's name, description, founding date or organization.",
  })
  updateVolunteerTeam(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The team and the changes.' }) input: UpdateVolunteerTeamInput,
  ): Promise<VolunteerTeamPayload> {
    const { id, organizationId, ...changes } = input;
    return mutate(
      ctx,
      (tx) =>
        volunteerTeamService.update(tx, inputId(id, 'VolunteerTeam', ['input', 'id']), {
          ...changes,
          name: changes.name ?? undefined,
          organizationId:
            organizationId == null
              ? organizationId
              : inputId(organizationId, 'Organization', ['input', 'organizationId']),
        }),
      toPayload,
    );
  }

  @Mutation(() => VolunteerTeamPayload, {
    description: 'Archives a team; it and its membership stay readable.',
  })
  archiveVolunteerTeam(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The team to archive.' }) input: ArchiveVolunteerTeamInput,
  ): Promise<VolunteerTeamPayload> {
    return mutate(
      ctx,
      (tx) => volunteerTeamService.archive(tx, inputId(input.id, 'VolunteerTeam', ['input', 'id'])),
      toPayload,
    );
  }

  @Mutation(() => VolunteerTeamMembershipPayload, {
    description: 'Adds a volunteer of the same street to a team.',
  })
  addVolunteerToTeam(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The team and the volunteer.' }) input: VolunteerTeamMemberInput,
  ): Promise<VolunteerTeamMembershipPayload> {
    return mutate(
      ctx,
      (tx) => {
        const { teamId, volunteerId } = memberIds(input);
        return teamMemberService.add(tx, teamId, volunteerId);
      },
      toMembershipPayload,
    );
  }

  @Mutation(() => VolunteerTeamMembershipPayload, {
    description: 'Removes a volunteer from a team.',
  })
  removeVolunteerFromTeam(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The team and the volunteer.' }) input: VolunteerTeamMemberInput,
  ): Promise<VolunteerTeamMembershipPayload> {
    return mutate(
      ctx,
      (tx) => {
        const { teamId, volunteerId } = memberIds(input);
        return teamMemberService.remove(tx, teamId, volunteerId);
      },
      toMembershipPayload,
    );
  }
}

@Resolver(() => Volunteer)
export class VolunteerTeamsResolver {
  @FieldResolver(() => [VolunteerTeam], {
    description: 'The teams (not archived) the volunteer belongs to, by name.',
  })
  async teams(@Ctx() ctx: Context, @Root() volunteer: Volunteer): Promise<VolunteerTeam[]> {
    return (await volunteerTeamService.ofVolunteer(ctx, volunteer.record.id)).map(
      VolunteerTeam.from,
    );
  }
}

@Resolver(() => Organization)
export class OrganizationVolunteerTeamsResolver {
  @FieldResolver(() => [VolunteerTeam], {
    description: 'The volunteer teams (not archived) this organization runs, by name.',
  })
  async volunteerTeams(
    @Ctx() ctx: Context,
    @Root() organization: Organization,
  ): Promise<VolunteerTeam[]> {
    return (await volunteerTeamService.ofOrganization(ctx, organization.record.id)).map(
      VolunteerTeam.from,
    );
  }
}

export const volunteerTeamNode: NodeFetcher = {
  typeName: 'VolunteerTeam',
  fetch: async (ctx, ids) =>
    (await loader(ctx, teamById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? VolunteerTeam.from(r) : null,
    ),
};
