import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import type { Ordering } from '../shared/table';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { personService } from '../person/person.service';
import { Person } from '../person/person.type';
import { servicePostService } from './post.service';
import { ServicePost } from './post.type';
import {
  ConfirmServiceRecordInput,
  CorrectServiceRecordInput,
  RecordServiceInput,
  ServiceRecordsArgs,
  ServiceTotalsArgs,
  VolunteerServiceRecordsArgs,
  ledgerFilterOf,
  serviceRecordFilterOf,
} from './service-record.input';
import { serviceRecordService } from './service-record.service';
import { serviceRecordById, type ServiceRecordRecord } from './service-record.read';
import {
  ServiceRecord,
  ServiceRecordConnection,
  ServiceRecordPayload,
  ServiceTotals,
} from './service-record.type';
import { VolunteerTeam } from './team.type';
import { volunteerService } from './volunteer.service';
import { Volunteer } from './volunteer.type';

const toPayload = (r: ServiceRecordRecord | null): Omit<ServiceRecordPayload, 'userErrors'> => ({
  record: r && ServiceRecord.from(r),
});

/** The ledger reads newest first unless asked otherwise. */
const orderOf = (args: { orderBy?: Parameters<typeof orderingOf>[0] }): Ordering =>
  args.orderBy ? orderingOf(args.orderBy, 'SERVED_ON') : { field: 'SERVED_ON', descending: true };

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  @Query(() => ServiceRecordConnection, {
    description: 'Volunteer service records of the streets you may see, newest service first.',
  })
  async serviceRecords(
    @Ctx() ctx: Context,
    @Args() args: ServiceRecordsArgs,
  ): Promise<ConnectionShape<ServiceRecord>> {
    const filter = serviceRecordFilterOf(args.filter);
    const page = await serviceRecordService.list(ctx, filter, orderOf(args), args);
    return toConnection(page, ServiceRecord.from, () => serviceRecordService.count(ctx, filter));
  }

  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: 'The volunteer who served; null when you may not see it.',
  })
  async volunteer(@Ctx() ctx: Context, @Root() r: ServiceRecord): Promise<Volunteer | null> {
    const found = await volunteerService.get(ctx, r.record.volunteerId);
    return found && Volunteer.from(found);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization that keeps the record (记录单位); null when you may not see it.',
  })
  async organization(@Ctx() ctx: Context, @Root() r: ServiceRecord): Promise<Organization | null> {
    const found = await organizationService.get(ctx, r.record.organizationId);
    return found && Organization.from(found);
  }

  @FieldResolver(() => ServicePost, {
    nullable: true,
    description: 'The service post served on; null if none.',
  })
  async post(@Ctx() ctx: Context, @Root() r: ServiceRecord): Promise<ServicePost | null> {
    if (!r.record.postId) return null;
    const post = await servicePostService.get(ctx, r.record.postId);
    return post && ServicePost.from(post);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The person who confirmed the record; null while unconfirmed.',
  })
  async confirmedBy(@Ctx() ctx: Context, @Root() r: ServiceRecord): Promise<Person | null> {
    if (!r.record.confirmedById) return null;
    const person = await personService.get(ctx, r.record.confirmedById);
    return person && Person.from(person);
  }

  @FieldResolver(() => ServiceRecord, {
    nullable: true,
    description: 'The record this one corrects; null for an original record.',
  })
  async supersedes(@Ctx() ctx: Context, @Root() r: ServiceRecord): Promise<ServiceRecord | null> {
    if (!r.record.supersedesId) return null;
    const found = await serviceRecordService.get(ctx, r.record.supersedesId);
    return found && ServiceRecord.from(found);
  }

  @FieldResolver(() => ServiceRecord, {
    nullable: true,
    description: 'The newer record that corrects this one; null if it is the newest.',
  })
  async supersededBy(@Ctx() ctx: Context, @Root() r: ServiceRecord): Promise<ServiceRecord | null> {
    if (!r.record.supersededById) return null;
    const found = await serviceRecordService.get(ctx, r.record.supersededById);
    return found && ServiceRecord.from(found);
  }

  @Mutation(() => ServiceRecordPayload, {
    description:
      'Records volunteer service (志愿服务记录). The record starts unconfirmed and counts once confirmed.',
  })
  recordService(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The service.' }) input: RecordServiceInput,
  ): Promise<ServiceRecordPayload> {
    return mutate(
      ctx,
      (tx) =>
        serviceRecordService.record(tx, {
          ...input,
          peopleServed: input.peopleServed ?? undefined,
          volunteerId: inputId(input.volunteerId, 'Volunteer', ['input', 'volunteerId']),
          organizationId: inputId(input.organizationId, 'Organization', [
            'input',
            'organizationId',
          ]),
          postId: input.postId ? inputId(input.postId, 'ServicePost', ['input', 'postId']) : null,
          activityId: input.activityId
            ? inputId(input.activityId, 'Activity', ['input', 'activityId'])
            : null,
        }),
      toPayload,
    );
  }

  @Mutation(() => ServiceRecordPayload, {
    description:
      'Confirms a service record, by a person of the same street other than the volunteer.',
  })
  confirmServiceRecord(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The record and who confirms it.' })
    input: ConfirmServiceRecordInput,
  ): Promise<ServiceRecordPayload> {
    return mutate(
      ctx,
      (tx) =>
        serviceRecordService.confirm(
          tx,
          inputId(input.recordId, 'ServiceRecord', ['input', 'recordId']),
          inputId(input.confirmedById, 'Person', ['input', 'confirmedById']),
        ),
      toPayload,
    );
  }

  @Mutation(() => ServiceRecordPayload, {
    description:
      'Corrects a service record by a new, unconfirmed record that supersedes it; records are ' +
      'never edited. Only the newest record of a chain can be corrected.',
  })
  correctServiceRecord(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The record and the corrected values.' })
    input: CorrectServiceRecordInput,
  ): Promise<ServiceRecordPayload> {
    const { recordId, ...changes } = input;
    return mutate(
      ctx,
      (tx) =>
        serviceRecordService.correct(
          tx,
          inputId(recordId, 'ServiceRecord', ['input', 'recordId']),
          {
            servedOn: changes.servedOn ?? undefined,
            hours: changes.hours ?? undefined,
            peopleServed: changes.peopleServed ?? undefined,
            description: changes.description ?? undefined,
            place: changes.place,
          },
        ),
      toPayload,
    );
  }
}

@Resolver(() => Volunteer)
export class VolunteerServiceResolver {
  @FieldResolver(() => ServiceRecordConnection, {
    description: "The volunteer's service records, newest service first.",
  })
  async serviceRecords(
    @Ctx() ctx: Context,
    @Root() volunteer: Volunteer,
    @Args() args: VolunteerServiceRecordsArgs,
  ): Promise<ConnectionShape<ServiceRecord>> {
    const filter = ledgerFilterOf(args.filter);
    const id = volunteer.record.id;
    const page = await serviceRecordService.pageOfVolunteer(ctx, id, filter, orderOf(args), args);
    return toConnection(page, ServiceRecord.from, () =>
      serviceRecordService.countOfVolunteer(ctx, id, filter),
    );
  }

  @FieldResolver(() => ServiceTotals, {
    description:
      "The volunteer's confirmed service (服务时长, 服务人次), each correction chain once.",
  })
  async totals(
    @Ctx() ctx: Context,
    @Root() volunteer: Volunteer,
    @Args() range: ServiceTotalsArgs,
  ): Promise<ServiceTotals> {
    return ServiceTotals.from(
      await serviceRecordService.totalsOfVolunteer(ctx, volunteer.record.id, range),
    );
  }
}

@Resolver(() => VolunteerTeam)
export class VolunteerTeamServiceResolver {
  @FieldResolver(() => ServiceTotals, {
    description: "Confirmed service of the team's current members, each correction chain once.",
  })
  async totals(
    @Ctx() ctx: Context,
    @Root() team: VolunteerTeam,
    @Args() range: ServiceTotalsArgs,
  ): Promise<ServiceTotals> {
    return ServiceTotals.from(await serviceRecordService.totalsOfTeam(ctx, team.record.id, range));
  }
}

export const serviceRecordNode: NodeFetcher = {
  typeName: 'ServiceRecord',
  fetch: async (ctx, ids) =>
    (await loader(ctx, serviceRecordById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? ServiceRecord.from(r) : null,
    ),
};
