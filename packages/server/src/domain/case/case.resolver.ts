import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId, rowIdOf } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { PublicError } from '../shared/errors';
import { childCounts, childPages } from '../shared/table';
import { gridService } from '../grid/grid.service';
import { Grid } from '../grid/grid.type';
import { userService } from '../identity/user.service';
import { User } from '../identity/identity.type';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { personService } from '../person/person.service';
import { Person } from '../person/person.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import type { Attachment as AttachmentRecord } from './case.entity';
import { allowedActions, type CaseAction } from './case.rules';
import { clockOf } from './case-clock';
import { caseTransitions, type ActionInput } from './case-transition.service';
import {
  AcceptCaseInput,
  ArchiveCaseCategoryInput,
  type AttachmentInput,
  CaseCategoriesArgs,
  CaseQueueArgs,
  CaseReasonInput,
  CasesArgs,
  CreateCaseCategoryInput,
  DecideCasePostponementInput,
  DispatchCaseInput,
  DuplicateCandidatesArgs,
  MergeCaseInput,
  CaseActionInput,
  RateCaseInput,
  ReassignCaseInput,
  RecategorizeCaseInput,
  ReportCaseInput,
  RequestCasePostponementInput,
  ResolveCaseInput,
  ReviseCaseCategoryInput,
  TimelineArgs,
  type UrgencyLimitsInput,
  VerifyCaseInput,
  caseFilterOf,
  categoryFilterOf,
} from './case.input';
import { caseById, caseService, timelineTable, type CaseRecord } from './case.service';
import {
  Case,
  CaseActionEnum,
  CaseCategory,
  CaseCategoryConnection,
  CaseCategoryPayload,
  CaseCategoryRules,
  CaseConnection,
  CaseDepartment,
  CasePayload,
  CaseTimelineConnection,
  CaseTimelineEntry,
  PendingPostponement,
  ReportCasePayload,
} from './case.type';
import { categoryService } from './category.service';

const attachmentsOf = (list: AttachmentInput[] | null | undefined): AttachmentRecord[] | null =>
  list ? list.map((a) => ({ ...a, name: a.name ?? null })) : null;

/** The service form of a case action's common input. */
function actionOf(input: CaseActionInput): ActionInput {
  return {
    id: inputId(input.id, 'Case', ['input', 'id']),
    version: input.version,
    note: input.note,
    attachments: attachmentsOf(input.attachments),
  };
}

const toPayload = (r: CaseRecord | null): Omit<CasePayload, 'userErrors'> => ({
  case: r && Case.from(r),
});

const limitsOf = (l: UrgencyLimitsInput | null | undefined) =>
  l ? { A: l.a, B: l.b, C: l.c } : undefined;

const noFilter = { key: '', sql: () => [] };

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => CaseConnection, {
    description: 'Cases of the streets you may see, soonest due first by default.',
  })
  async cases(@Ctx() ctx: Context, @Args() args: CasesArgs): Promise<ConnectionShape<Case>> {
    const filter = caseFilterOf(args.filter);
    const page = await caseService.list(ctx, filter, orderingOf(args.orderBy, 'DUE_AT'), args);
    return toConnection(page, Case.from, () => caseService.count(ctx, filter));
  }

  @Query(() => Case, { nullable: true, description: 'A case by its number.' })
  async caseByNumber(
    @Ctx() ctx: Context,
    @Arg('number', { description: 'The case number, e.g. 621002001202612070001.' }) number: string,
  ): Promise<Case | null> {
    const found = await caseService.byNumber(ctx, number);
    return found && Case.from(found);
  }

  @Query(() => CaseConnection, {
    description:
      'Your work queue (待我处理): cases waiting for an action of yours, by your role and duties, soonest due first.',
  })
  async caseQueue(
    @Ctx() ctx: Context,
    @Args() args: CaseQueueArgs,
  ): Promise<ConnectionShape<Case>> {
    const { viewer } = ctx;
    if (viewer.kind === 'anonymous') {
      throw new PublicError('UNAUTHENTICATED', 'Sign in to see your work queue.');
    }
    const filter = {
      streetId: args.streetId ? rowIdOf(args.streetId, 'Street', 'streetId') : null,
      waitingFor: {
        userId: viewer.kind === 'user' ? viewer.id : null,
        role: viewer.role,
        duties: viewer.duties ?? [],
        gridCode: viewer.gridCode,
        departmentId: viewer.departmentId,
        isStreetAdmin: ['STREET_ADMIN', 'DISTRICT_ADMIN', 'PLATFORM_ADMIN'].includes(
          viewer.role ?? '',
        ),
      },
    };
    const page = await caseService.list(ctx, filter, { field: 'DUE_AT', descending: false }, args);
    return toConnection(page, Case.from, () => caseService.count(ctx, filter));
  }

  @Query(() => [Case], {
    description:
      'Open cases that may be the same problem: same category, within `meters` (or the same grid), reported within 7 days of `at`.',
  })
  async caseDuplicateCandidates(
    @Ctx() ctx: Context,
    @Args() args: DuplicateCandidatesArgs,
  ): Promise<Case[]> {
    const gridId = rowIdOf(args.gridId, 'Grid', 'gridId');
    const grid = await gridService.get(ctx, gridId);
    if (!grid) throw new PublicError('NOT_FOUND', 'No grid has this ID.', { argument: 'gridId' });
    const at = args.location;
    if (at && !(Math.abs(at.lat) <= 90 && Math.abs(at.lng) <= 180)) {
      throw new PublicError(
        'BAD_USER_INPUT',
        '"location" is a point: lat between -90 and 90, lng between -180 and 180.',
        { argument: 'location' },
      );
    }
    if (args.meters != null && (args.meters < 1 || args.meters > 5000)) {
      throw new PublicError('BAD_USER_INPUT', '"meters" is between 1 and 5000.', {
        argument: 'meters',
      });
    }
    const rows = await caseService.duplicateCandidates(
      ctx,
      {
        streetId: grid.streetId,
        categoryId: rowIdOf(args.categoryId, 'CaseCategory', 'categoryId'),
        gridId,
        latitude: args.location?.lat,
        longitude: args.location?.lng,
        at: args.at ?? new Date(),
      },
      { meters: args.meters ?? undefined },
    );
    return rows.map(Case.from);
  }

  @FieldResolver(() => CaseCategory, { description: 'Its category.' })
  async category(@Ctx() ctx: Context, @Root() c: Case): Promise<CaseCategory> {
    return CaseCategory.from((await categoryService.get(ctx, c.record.categoryId))!);
  }

  @FieldResolver(() => CaseCategoryRules, {
    description:
      'The rules it is handled under: its category at the version it was filed (or moved) under.',
  })
  async rules(@Ctx() ctx: Context, @Root() c: Case): Promise<CaseCategoryRules> {
    return CaseCategoryRules.from(
      (await categoryService.rules(ctx, c.record.categoryId, c.record.categoryVersion))!,
    );
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid it is in; null when you may not see it.',
  })
  async grid(@Ctx() ctx: Context, @Root() c: Case): Promise<Grid | null> {
    const grid = await gridService.get(ctx, c.record.gridId);
    return grid && Grid.from(grid);
  }

  @FieldResolver(() => Street, { description: 'The street it belongs to.' })
  async street(@Ctx() ctx: Context, @Root() c: Case): Promise<Street> {
    return Street.from((await streetService.get(ctx, c.record.streetId))!);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who owns it now; null when nobody or hidden from you.',
  })
  async owner(@Ctx() ctx: Context, @Root() c: Case): Promise<User | null> {
    if (!c.record.ownerUserId) return null;
    const [user] = await userService.visible(ctx, [c.record.ownerUserId]);
    return user ? User.from(user) : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The account that reported it; null when hidden from you.',
  })
  async reporter(@Ctx() ctx: Context, @Root() c: Case): Promise<User | null> {
    if (!c.record.reporterUserId) return null;
    const [user] = await userService.visible(ctx, [c.record.reporterUserId]);
    return user ? User.from(user) : null;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The resident who reported it, if known and visible to you.',
  })
  async reporterPerson(@Ctx() ctx: Context, @Root() c: Case): Promise<Person | null> {
    if (!c.record.reporterPersonId) return null;
    const person = await personService.get(ctx, c.record.reporterPersonId);
    return person && Person.from(person);
  }

  @FieldResolver(() => Case, {
    nullable: true,
    description: 'The case this duplicate was merged into.',
  })
  async mergedInto(@Ctx() ctx: Context, @Root() c: Case): Promise<Case | null> {
    if (!c.record.mergedIntoId) return null;
    const target = await caseService.get(ctx, c.record.mergedIntoId);
    return target && Case.from(target);
  }

  @FieldResolver(() => [CaseDepartment], {
    description: "The departments it was dispatched to, in dispatch order, with each one's part.",
  })
  async departments(@Ctx() ctx: Context, @Root() c: Case): Promise<CaseDepartment[]> {
    const now = new Date();
    return (await caseService.departments(ctx, c.record.id)).map((d) =>
      CaseDepartment.from(d, now),
    );
  }

  @FieldResolver(() => CaseTimelineConnection, {
    description: 'Its timeline, oldest first (`last: 20` gives the latest 20).',
  })
  async timeline(
    @Ctx() ctx: Context,
    @Root() c: Case,
    @Args() args: TimelineArgs,
  ): Promise<ConnectionShape<CaseTimelineEntry>> {
    // The case was read under the viewer's rules: its entries are visible with it.
    const spec = { ...timelineTable, from: 'case_timeline t', area: undefined, public: true };
    const page = await childPages(
      ctx,
      spec,
      't.case_id',
      noFilter,
      { field: 'OCCURRED_AT', descending: false },
      args,
    ).load(c.record.id);
    return toConnection(page, CaseTimelineEntry.from, () =>
      childCounts(ctx, spec, 't.case_id', noFilter).load(c.record.id),
    );
  }

  @FieldResolver(() => [CaseActionEnum], {
    description: 'The actions you may take on it now (each is a mutation).',
  })
  async allowedActions(@Ctx() ctx: Context, @Root() c: Case): Promise<CaseAction[]> {
    const [grid, departments] = await Promise.all([
      gridService.get(ctx, c.record.gridId),
      caseService.departments(ctx, c.record.id),
    ]);
    return allowedActions(ctx.viewer, {
      streetId: c.record.streetId,
      status: c.record.status,
      level: c.record.level,
      gridCode: grid?.code ?? '',
      reporterUserId: c.record.reporterUserId,
      ownerUserId: c.record.ownerUserId,
      departments: departments
        .filter((d) => !['RETURNED', 'WITHDRAWN'].includes(d.state))
        .map((d) => ({ departmentId: d.departmentId, state: d.state })),
      hasPendingPostponement: c.record.pendingPostponement !== null,
      rated: c.record.rating !== null,
    });
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '超时倍数: working time used by the current stage over the time allowed (above 1 is late); null for a suspended case.',
  })
  async overdueRatio(@Ctx() ctx: Context, @Root() c: Case): Promise<number | null> {
    const r = c.record;
    if (r.status === 'SUSPENDED') return null;
    const end =
      r.status === 'REPORTED' ||
      r.status === 'ACCEPTED' ||
      r.status === 'DISPATCHED' ||
      r.status === 'IN_PROGRESS'
        ? new Date()
        : (r.resolvedAt ?? r.closedAt ?? r.cancelledAt ?? r.rejectedAt ?? new Date());
    const clock = await clockOf(ctx, r.streetId);
    // Time suspended does not count.
    const used = clock.workingMinutesBetween(r.stageStartedAt, end) - r.pausedMinutes;
    return Math.round((used / r.allowedMinutes) * 1000) / 1000;
  }

  @FieldResolver(() => [Case], {
    description: 'Open cases that may be the same problem (same category, near, within 7 days).',
  })
  async duplicateCandidates(@Ctx() ctx: Context, @Root() c: Case): Promise<Case[]> {
    return (await caseService.candidatesOfCase(ctx, c.record.id)).map(Case.from);
  }

  @Mutation(() => ReportCasePayload, {
    description:
      'Reports a case (发现/上报). With an idempotency key a retry answers the first result; possible duplicates come back with it.',
  })
  async reportCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: ReportCaseInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReportCasePayload> {
    const payload = await mutate<{ record: CaseRecord; replayed: boolean }, ReportCasePayload>(
      ctx,
      (tx) =>
        caseService.report(tx, {
          streetId: inputId(input.streetId, 'Street', ['input', 'streetId']),
          categoryId: inputId(input.categoryId, 'CaseCategory', ['input', 'categoryId']),
          gridId: inputId(input.gridId, 'Grid', ['input', 'gridId']),
          reporterPersonId: input.reporterPersonId
            ? inputId(input.reporterPersonId, 'Person', ['input', 'reporterPersonId'])
            : null,
          title: input.title,
          description: input.description,
          urgency: input.urgency,
          source: input.source,
          address: input.address,
          latitude: input.location?.lat,
          longitude: input.location?.lng,
          attachments: attachmentsOf(input.attachments) ?? undefined,
          mediaUrl: input.mediaUrl,
          externalReference: input.externalReference,
          idempotencyKey: input.idempotencyKey,
        }),
      (r) => ({
        case: r && Case.from(r.record),
        replayed: r?.replayed ?? false,
        duplicateCandidates: [],
      }),
    );
    // Looked for only when asked for: a report that does not show them pays no statement.
    if (payload.case && selects(info, 'duplicateCandidates')) {
      const r = payload.case.record;
      payload.duplicateCandidates = (await caseService.candidatesOfCase(ctx, r.id)).map(Case.from);
    }
    return payload;
  }

  @Mutation(() => CasePayload, {
    description: 'Accepts a report as a case (立案); the handling clock starts.',
  })
  acceptCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: AcceptCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.accept(tx, { ...actionOf(input), urgency: input.urgency }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, { description: 'Rejects a report: not a case (不予立案).' })
  rejectCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseReasonInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.reject(tx, { ...actionOf(input), reason: input.reason }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description:
      'Dispatches to one or more departments (派遣; several at once is 吹哨); each must acknowledge in time.',
  })
  dispatchCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: DispatchCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.dispatch(tx, {
          ...actionOf(input),
          departmentIds: input.departmentIds.map((id, i) =>
            inputId(id, 'Organization', ['input', 'departmentIds', String(i)]),
          ),
        }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'The grid resolved it itself (小事不出网格); it goes to verification.',
  })
  resolveCaseOnTheSpot(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: ResolveCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.resolveOnTheSpot(tx, { ...actionOf(input), resolution: input.resolution }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, { description: 'Your department acknowledges the case (报到).' })
  acknowledgeCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseActionInput,
  ): Promise<CasePayload> {
    return mutate(ctx, (tx) => caseTransitions.acknowledge(tx, actionOf(input)), toPayload);
  }

  @Mutation(() => CasePayload, { description: 'Your department starts work on the case.' })
  startCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseActionInput,
  ): Promise<CasePayload> {
    return mutate(ctx, (tx) => caseTransitions.start(tx, actionOf(input)), toPayload);
  }

  @Mutation(() => CasePayload, {
    description:
      'Your department returns the case as not its own (退回); with no department left it goes back to the dispatcher.',
  })
  returnCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseReasonInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.return(tx, { ...actionOf(input), reason: input.reason }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Your department asks for more time (延期); the street decides.',
  })
  requestCasePostponement(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: RequestCasePostponementInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.requestPostponement(tx, {
          ...actionOf(input),
          minutes: input.workMinutes,
          reason: input.reason,
        }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Approves (the due time moves) or refuses a postponement.',
  })
  decideCasePostponement(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: DecideCasePostponementInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.decidePostponement(tx, { ...actionOf(input), approved: input.approved }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, { description: 'Suspends the case (挂账); its clock stops.' })
  suspendCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseReasonInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.suspend(tx, { ...actionOf(input), reason: input.reason }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Resumes a suspended case with the working time it had left.',
  })
  resumeCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseActionInput,
  ): Promise<CasePayload> {
    return mutate(ctx, (tx) => caseTransitions.resume(tx, actionOf(input)), toPayload);
  }

  @Mutation(() => CasePayload, {
    description:
      "Your department's part is done (处置, with photos as attachments); the last one sends it to verification.",
  })
  resolveCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: ResolveCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.resolve(tx, { ...actionOf(input), resolution: input.resolution }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Verifies on site (核查): passed closes it, failed sends it back (返工).',
  })
  verifyCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: VerifyCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.verify(tx, { ...actionOf(input), passed: input.passed }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Rates the handling (回访/评价) as its reporter, once.',
  })
  rateCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: RateCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.rate(tx, {
          ...actionOf(input),
          rating: input.rating,
          comment: input.comment,
        }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Moves the case up a level (grid → community → street).',
  })
  escalateCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseActionInput,
  ): Promise<CasePayload> {
    return mutate(ctx, (tx) => caseTransitions.escalate(tx, actionOf(input)), toPayload);
  }

  @Mutation(() => CasePayload, { description: 'Gives the case another owner, or none.' })
  reassignCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: ReassignCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.reassign(tx, {
          ...actionOf(input),
          ownerUserId: input.ownerId ? inputId(input.ownerId, 'User', ['input', 'ownerId']) : null,
        }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: "Moves the case to another category; the stage's due time follows its rules.",
  })
  recategorizeCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: RecategorizeCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.recategorize(tx, {
          ...actionOf(input),
          categoryId: inputId(input.categoryId, 'CaseCategory', ['input', 'categoryId']),
        }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Cancels the case (作废): withdrawn, or not a case.',
  })
  cancelCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseReasonInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.cancel(tx, { ...actionOf(input), reason: input.reason }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, { description: 'Reopens a closed case that was not really fixed.' })
  reopenCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CaseReasonInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) => caseTransitions.reopen(tx, { ...actionOf(input), reason: input.reason }),
      toPayload,
    );
  }

  @Mutation(() => CasePayload, {
    description: 'Merges this case, a duplicate, into another open case of the street.',
  })
  mergeCase(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: MergeCaseInput,
  ): Promise<CasePayload> {
    return mutate(
      ctx,
      (tx) =>
        caseTransitions.merge(tx, {
          ...actionOf(input),
          intoCaseId: inputId(input.intoCaseId, 'Case', ['input', 'intoCaseId']),
        }),
      toPayload,
    );
  }
}

@Resolver(() => CaseDepartment)
export class CaseDepartmentResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The department.' })
  async department(@Ctx() ctx: Context, @Root() d: CaseDepartment): Promise<Organization | null> {
    const org = await organizationService.get(ctx, d.record.departmentId);
    return org && Organization.from(org);
  }
}

@Resolver(() => CaseTimelineEntry)
export class CaseTimelineResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'The user who acted, when a user did and you may see them.',
  })
  async actor(@Ctx() ctx: Context, @Root() e: CaseTimelineEntry): Promise<User | null> {
    if (e.record.actorKind !== 'user' || !e.record.actorId) return null;
    const [user] = await userService.visible(ctx, [e.record.actorId]);
    return user ? User.from(user) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The department it concerns, if any.',
  })
  async department(
    @Ctx() ctx: Context,
    @Root() e: CaseTimelineEntry,
  ): Promise<Organization | null> {
    if (!e.record.departmentId) return null;
    const org = await organizationService.get(ctx, e.record.departmentId);
    return org && Organization.from(org);
  }
}

@Resolver(() => PendingPostponement)
export class PendingPostponementResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The department asking.' })
  async department(
    @Ctx() ctx: Context,
    @Root() p: PendingPostponement,
  ): Promise<Organization | null> {
    const org = await organizationService.get(ctx, p.departmentId);
    return org && Organization.from(org);
  }
}

@Resolver(() => CaseCategory)
export class CaseCategoryResolver {
  @Query(() => CaseCategoryConnection, {
    description: "Case categories: the platform's catalog and your streets' own, by code.",
  })
  async caseCategories(
    @Ctx() ctx: Context,
    @Args() args: CaseCategoriesArgs,
  ): Promise<ConnectionShape<CaseCategory>> {
    const filter = categoryFilterOf(args.filter);
    const page = await categoryService.list(
      ctx,
      filter,
      { field: 'CODE', descending: false },
      args,
    );
    return toConnection(page, CaseCategory.from, () => categoryService.count(ctx, filter));
  }

  @FieldResolver(() => CaseCategory, {
    nullable: true,
    description: 'Its major class; null for a major.',
  })
  async parent(@Ctx() ctx: Context, @Root() c: CaseCategory): Promise<CaseCategory | null> {
    if (!c.record.parentId) return null;
    const parent = await categoryService.get(ctx, c.record.parentId);
    return parent && CaseCategory.from(parent);
  }

  @FieldResolver(() => CaseCategoryRules, {
    nullable: true,
    description: 'Its current rules; null for a major.',
  })
  async rules(@Ctx() ctx: Context, @Root() c: CaseCategory): Promise<CaseCategoryRules | null> {
    if (!c.record.parentId) return null;
    const rules = await categoryService.rules(ctx, c.record.id, c.record.version);
    return rules && CaseCategoryRules.from(rules);
  }

  @FieldResolver(() => Street, {
    nullable: true,
    description: "The street that added it; null for the platform's catalog.",
  })
  async street(@Ctx() ctx: Context, @Root() c: CaseCategory): Promise<Street | null> {
    if (!c.record.streetId) return null;
    const street = await streetService.get(ctx, c.record.streetId);
    return street && Street.from(street);
  }

  @Mutation(() => CaseCategoryPayload, {
    description: "Adds a street's own case category under a major class.",
  })
  createCaseCategory(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: CreateCaseCategoryInput,
  ): Promise<CaseCategoryPayload> {
    return mutate(
      ctx,
      (tx) =>
        categoryService.create(tx, {
          streetId: inputId(input.streetId, 'Street', ['input', 'streetId']),
          code: input.code,
          name: input.name,
          nameEn: input.nameEn,
          serviceCode: input.serviceCode,
          acceptanceCriteria: input.acceptanceCriteria,
          closureCriteria: input.closureCriteria,
          timeLimits: limitsOf(input.timeLimits)!,
          intakeLimits: limitsOf(input.intakeLimits),
          acknowledgeLimits: limitsOf(input.acknowledgeLimits),
          departments: input.departments,
        }),
      (r) => ({ category: r && CaseCategory.from(r) }),
    );
  }

  @Mutation(() => CaseCategoryPayload, {
    description: 'Changes a category: names in place; rules as a new version, which new cases get.',
  })
  reviseCaseCategory(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: ReviseCaseCategoryInput,
  ): Promise<CaseCategoryPayload> {
    return mutate(
      ctx,
      (tx) =>
        categoryService.revise(tx, inputId(input.id, 'CaseCategory', ['input', 'id']), {
          name: input.name ?? undefined,
          nameEn: input.nameEn,
          acceptanceCriteria: input.acceptanceCriteria ?? undefined,
          closureCriteria: input.closureCriteria ?? undefined,
          timeLimits: limitsOf(input.timeLimits),
          intakeLimits: limitsOf(input.intakeLimits),
          acknowledgeLimits: limitsOf(input.acknowledgeLimits),
          departments: input.departments ?? undefined,
        }),
      (r) => ({ category: r && CaseCategory.from(r) }),
    );
  }

  @Mutation(() => CaseCategoryPayload, { description: 'Archives a category: no new cases in it.' })
  archiveCaseCategory(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'What to do, and to which case or category.' })
    input: ArchiveCaseCategoryInput,
  ): Promise<CaseCategoryPayload> {
    return mutate(
      ctx,
      (tx) => categoryService.archive(tx, inputId(input.id, 'CaseCategory', ['input', 'id'])),
      (r) => ({ category: r && CaseCategory.from(r) }),
    );
  }
}

export const caseNode: NodeFetcher = {
  typeName: 'Case',
  fetch: async (ctx, ids) =>
    (await loader(ctx, caseById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? Case.from(r) : null,
    ),
};

export const caseCategoryNode: NodeFetcher = {
  typeName: 'CaseCategory',
  fetch: async (ctx, ids) =>
    (await Promise.all(ids.map((id) => categoryService.get(ctx, id)))).map(
      (r) => r && CaseCategory.from(r),
    ),
};

/** Whether the field's selection asks for `name` (directly or in a fragment). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return within(s.selectionSet);
      return within(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
