import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import type { Ordering } from '../shared/table';
import { brandService } from '../brand/brand.service';
import { Brand } from '../brand/brand.type';
import { gridService } from '../grid/grid.service';
import { Grid } from '../grid/grid.type';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { personService } from '../person/person.service';
import { Person } from '../person/person.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import { activityParticipantService } from './activity-participant.service';
import {
  ActivitiesArgs,
  AddActivityParticipantsInput,
  ArchiveActivityInput,
  BrandActivitiesArgs,
  CreateActivityInput,
  NestedActivitiesArgs,
  ParticipantsArgs,
  RemoveActivityParticipantInput,
  UpdateActivityInput,
  activityFilterOf,
  nestedActivityFilterOf,
  participantFilterOf,
} from './activity.input';
import {
  activityById,
  activityService,
  type ActivityFilter,
  type ActivityGroup,
  type ActivityOwners,
  type ActivityRecord,
} from './activity.service';
import {
  Activity,
  ActivityConnection,
  ActivityParticipant,
  ActivityParticipantConnection,
  ActivityPayload,
  AddActivityParticipantsPayload,
} from './activity.type';

const toPayload = (r: ActivityRecord | null): Omit<ActivityPayload, 'userErrors'> => ({
  activity: r && Activity.from(r),
});

/** Activities are listed latest first unless the caller orders them. */
const activityOrdering = (orderBy: ActivitiesArgs['orderBy']): Ordering =>
  orderBy ? orderingOf(orderBy, 'STARTS_AT') : { field: 'STARTS_AT', descending: true };

const nestedFilterOf = (args: NestedActivitiesArgs) => nestedActivityFilterOf(args.filter);
const filterOf = (args: ActivitiesArgs) => activityFilterOf(args.filter);

/** The activities of one street, brand, organization, grid or person, batched across them. */
async function nestedActivities(
  ctx: Context,
  group: ActivityGroup,
  id: string,
  filter: ActivityFilter,
  args: NestedActivitiesArgs | ActivitiesArgs,
): Promise<ConnectionShape<Activity>> {
  const page = await activityService.pageOf(
    ctx,
    group,
    id,
    filter,
    activityOrdering(args.orderBy),
    args,
  );
  return toConnection(page, Activity.from, () => activityService.countOf(ctx, group, id, filter));
}

/** The service form of the brand, organization and grid IDs; a wrong one is a user error. */
function ownersOf(input: CreateActivityInput | UpdateActivityInput): ActivityOwners {
  const decode = (value: string | null | undefined, type: string, key: string) =>
    value == null ? value : inputId(value, type, ['input', key]);
  return {
    brandId: decode(input.brandId, 'Brand', 'brandId'),
    organizationId: decode(input.organizationId, 'Organization', 'organizationId'),
    gridId: decode(input.gridId, 'Grid', 'gridId'),
  };
}

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => ActivityConnection, {
    description: 'Activities (活动) of the streets you may see, latest first by default.',
  })
  async activities(
    @Ctx() ctx: Context,
    @Args() args: ActivitiesArgs,
  ): Promise<ConnectionShape<Activity>> {
    const filter = filterOf(args);
    const page = await activityService.list(ctx, filter, activityOrdering(args.orderBy), args);
    return toConnection(page, Activity.from, () => activityService.count(ctx, filter));
  }

  @FieldResolver(() => Brand, { nullable: true, description: 'The brand it is run under.' })
  async brand(@Ctx() ctx: Context, @Root() activity: Activity): Promise<Brand | null> {
    if (!activity.record.brandId) return null;
    const brand = await brandService.get(ctx, activity.record.brandId);
    return brand && Brand.from(brand);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization that runs it.',
  })
  async organization(
    @Ctx() ctx: Context,
    @Root() activity: Activity,
  ): Promise<Organization | null> {
    if (!activity.record.organizationId) return null;
    const organization = await organizationService.get(ctx, activity.record.organizationId);
    return organization && Organization.from(organization);
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid it is held in.' })
  async grid(@Ctx() ctx: Context, @Root() activity: Activity): Promise<Grid | null> {
    if (!activity.record.gridId) return null;
    const grid = await gridService.get(ctx, activity.record.gridId);
    return grid && Grid.from(grid);
  }

  @FieldResolver(() => Street, { description: 'The street the activity belongs to.' })
  async street(@Ctx() ctx: Context, @Root() activity: Activity): Promise<Street> {
    return Street.from((await streetService.get(ctx, activity.record.streetId))!);
  }

  @FieldResolver(() => ActivityParticipantConnection, {
    description: 'The people taking part, organizers first by default.',
  })
  async participants(
    @Ctx() ctx: Context,
    @Root() activity: Activity,
    @Args() args: ParticipantsArgs,
  ): Promise<ConnectionShape<ActivityParticipant>> {
    const filter = participantFilterOf(args.filter);
    const page = await activityParticipantService.page(
      ctx,
      activity.record.id,
      filter,
      orderingOf(args.orderBy, 'ROLE'),
      args,
    );
    return toConnection(page, ActivityParticipant.from, () =>
      activityParticipantService.count(ctx, activity.record.id, filter),
    );
  }

  @FieldResolver(() => Int, { description: 'How many people take part.' })
  participantCount(@Ctx() ctx: Context, @Root() activity: Activity): Promise<number> {
    return activityParticipantService.count(ctx, activity.record.id);
  }

  @Mutation(() => ActivityPayload, {
    description: 'Records an activity under a brand, an organization and/or a grid of a street.',
  })
  createActivity(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The activity to record.' }) input: CreateActivityInput,
  ): Promise<ActivityPayload> {
    return mutate(
      ctx,
      (tx) =>
        activityService.create(tx, {
          ...ownersOf(input),
          streetId: inputId(input.streetId, 'Street', ['input', 'streetId']),
          kind: input.kind,
          title: input.title,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          place: input.place,
          description: input.description,
          outcome: input.outcome,
        }),
      toPayload,
    );
  }

  @Mutation(() => ActivityPayload, {
    description: 'Changes an activity, e.g. its time, place or outcome, or what it is run under.',
  })
  updateActivity(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The activity and the changes.' }) input: UpdateActivityInput,
  ): Promise<ActivityPayload> {
    return mutate(
      ctx,
      (tx) =>
        activityService.update(tx, inputId(input.id, 'Activity', ['input', 'id']), {
          ...ownersOf(input),
          kind: input.kind ?? undefined,
          title: input.title ?? undefined,
          startsAt: input.startsAt ?? undefined,
          endsAt: input.endsAt,
          place: input.place,
          description: input.description,
          outcome: input.outcome,
        }),
      toPayload,
    );
  }

  @Mutation(() => ActivityPayload, {
    description: 'Archives an activity (cancelled, entered by mistake); it stays readable.',
  })
  archiveActivity(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The activity to archive.' }) input: ArchiveActivityInput,
  ): Promise<ActivityPayload> {
    return mutate(
      ctx,
      (tx) => activityService.archive(tx, inputId(input.id, 'Activity', ['input', 'id'])),
      toPayload,
    );
  }

  @Mutation(() => AddActivityParticipantsPayload, {
    description:
      'Adds people of the same street to an activity, up to 500 in one call; all or none.',
  })
  addActivityParticipants(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The activity and the people to add.' })
    input: AddActivityParticipantsInput,
  ): Promise<AddActivityParticipantsPayload> {
    return mutate(
      ctx,
      (tx) =>
        activityParticipantService.add(
          tx,
          inputId(input.activityId, 'Activity', ['input', 'activityId']),
          input.participants.map((p, i) => ({
            personId: inputId(p.personId, 'Person', [
              'input',
              'participants',
              String(i),
              'personId',
            ]),
            role: p.role,
          })),
        ),
      (r): Omit<AddActivityParticipantsPayload, 'userErrors'> => ({
        activity: r && Activity.from(r.activity),
        participants: r && r.added.map(ActivityParticipant.from),
      }),
    );
  }

  @Mutation(() => ActivityPayload, { description: 'Removes a person from an activity.' })
  removeActivityParticipant(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The activity and the person.' })
    input: RemoveActivityParticipantInput,
  ): Promise<ActivityPayload> {
    return mutate(
      ctx,
      (tx) =>
        activityParticipantService.remove(
          tx,
          inputId(input.activityId, 'Activity', ['input', 'activityId']),
          inputId(input.personId, 'Person', ['input', 'personId']),
        ),
      toPayload,
    );
  }
}

@Resolver(() => ActivityParticipant)
export class ActivityParticipantResolver {
  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The person taking part; null when you may not see it.',
  })
  async person(@Ctx() ctx: Context, @Root() p: ActivityParticipant): Promise<Person | null> {
    const found = await personService.get(ctx, p.record.personId);
    return found && Person.from(found);
  }

  @FieldResolver(() => Activity, { description: 'The activity.' })
  async activity(@Ctx() ctx: Context, @Root() p: ActivityParticipant): Promise<Activity> {
    return Activity.from((await activityService.get(ctx, p.record.activityId))!);
  }
}

@Resolver(() => Brand)
export class BrandActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities run under this brand, latest first by default.',
  })
  activities(
    @Ctx() ctx: Context,
    @Root() brand: Brand,
    @Args() args: BrandActivitiesArgs,
  ): Promise<ConnectionShape<Activity>> {
    const group = args.includeSubBrands ? 'brandTree' : 'brand';
    return nestedActivities(ctx, group, brand.record.id, nestedFilterOf(args), args);
  }
}

@Resolver(() => Organization)
export class OrganizationActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities this organization runs, latest first by default.',
  })
  activities(
    @Ctx() ctx: Context,
    @Root() organization: Organization,
    @Args() args: NestedActivitiesArgs,
  ): Promise<ConnectionShape<Activity>> {
    return nestedActivities(
      ctx,
      'organization',
      organization.record.id,
      nestedFilterOf(args),
      args,
    );
  }
}

@Resolver(() => Grid)
export class GridActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities held in this grid, latest first by default.',
  })
  activities(
    @Ctx() ctx: Context,
    @Root() grid: Grid,
    @Args() args: NestedActivitiesArgs,
  ): Promise<ConnectionShape<Activity>> {
    return nestedActivities(ctx, 'grid', grid.record.id, nestedFilterOf(args), args);
  }
}

@Resolver(() => Person)
export class PersonActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities the person takes part in, in any role, latest first by default.',
  })
  activities(
    @Ctx() ctx: Context,
    @Root() person: Person,
    @Args() args: NestedActivitiesArgs,
  ): Promise<ConnectionShape<Activity>> {
    return nestedActivities(ctx, 'person', person.record.id, nestedFilterOf(args), args);
  }
}

@Resolver(() => Street)
export class StreetActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities of this street, latest first by default.',
  })
  activities(
    @Ctx() ctx: Context,
    @Root() street: Street,
    @Args() args: ActivitiesArgs,
  ): Promise<ConnectionShape<Activity>> {
    return nestedActivities(
      ctx,
      'street',
      street.rowId,
      { ...filterOf(args), streetId: null },
      args,
    );
  }
}

export const activityNode: NodeFetcher = {
  typeName: 'Activity',
  fetch: async (ctx, ids) =>
    (await loader(ctx, activityById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? Activity.from(r) : null,
    ),
};
