import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { rowIdOf } from '../../graphql/relay/global-id';
import type { Context } from '../shared/context';
import { PublicError } from '../shared/errors';
import type { LiveDelivery } from '../shared/live';
import { gridService } from '../grid/grid.service';
import { caseLiveRequest, type CaseLiveFilter, type LiveCase } from './case-live';
import { CaseEvent, CaseSubscriptionFilter } from './case-live.type';
import type { CaseStatus } from './case.entity';
import { Case } from './case.type';

/** The live stream of a context: subscriptions come over WebSocket (graphql-ws) only. */
function liveOf(ctx: Context) {
  if (!ctx.live) {
    throw new PublicError(
      'BAD_USER_INPUT',
      'Subscriptions run over WebSocket: connect to /graphql with the graphql-ws protocol.',
    );
  }
  return ctx.live;
}

async function filterOf(ctx: Context, f: CaseSubscriptionFilter | null | undefined) {
  const filter: CaseLiveFilter = {
    caseIds: f?.caseIds?.map((id, i) => rowIdOf(id, 'Case', `filter.caseIds.${i}`)),
    departmentIds: f?.departmentIds?.map((id, i) =>
      rowIdOf(id, 'Organization', `filter.departmentIds.${i}`),
    ),
    streetIds: f?.streetIds?.map((id, i) => rowIdOf(id, 'Street', `filter.streetIds.${i}`)),
    statuses: f?.statuses ?? undefined,
  };
  if (f?.gridId) {
    const grid = await gridService.get(ctx, rowIdOf(f.gridId, 'Grid', 'filter.gridId'));
    if (!grid) {
      throw new PublicError('BAD_USER_INPUT', '"filter.gridId" is not a grid you can read.', {
        argument: 'filter.gridId',
      });
    }
    filter.gridCodes = [grid.code];
  }
  return filter;
}

@Resolver(() => CaseEvent)
export class CaseLiveResolver {
  @Subscription(() => CaseEvent, {
    description:
      'Case changes as they commit, from now on: the cases you may read, narrowed by the filter. To resume without missing any after a disconnect, use `caseEvents(after:)`.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const live = liveOf(ctx);
      return live.subscribe(ctx, caseLiveRequest(ctx, await filterOf(ctx, args.filter)));
    },
  })
  caseUpdated(
    @Root() delivery: LiveDelivery<LiveCase>,
    @Arg('filter', () => CaseSubscriptionFilter, {
      nullable: true,
      description: 'Which cases; all you may read when unset.',
    })
    _filter?: CaseSubscriptionFilter,
  ): CaseEvent {
    return caseEventOf(delivery);
  }

  @Subscription(() => CaseEvent, {
    description:
      'Case events after a cursor, then live: every event you missed since `after`, in order, then the new ones as they commit, with no gap and no duplicate. Without `after`, from now on.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const live = liveOf(ctx);
      const filter = await filterOf(ctx, args.filter);
      return live.subscribe(ctx, caseLiveRequest(ctx, filter, args.after ?? undefined));
    },
  })
  caseEvents(
    @Root() delivery: LiveDelivery<LiveCase>,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The `cursor` of the last event you received.',
    })
    _after?: string,
    @Arg('filter', () => CaseSubscriptionFilter, {
      nullable: true,
      description: 'Which cases; all you may read when unset.',
    })
    _filter?: CaseSubscriptionFilter,
  ): CaseEvent {
    return caseEventOf(delivery);
  }
}

function caseEventOf(d: LiveDelivery<LiveCase>): CaseEvent {
  const { from, to, version, ...own } = d.event.payload as {
    from: CaseStatus | null;
    to: CaseStatus;
    version: number;
  } & Record<string, unknown>;
  return Object.assign(new CaseEvent(), {
    cursor: d.cursor,
    eventId: d.event.id,
    type: d.event.type,
    occurredAt: new Date(d.event.occurredAt),
    from,
    to,
    version,
    payload: own,
    case: Case.from(d.subject!.record),
  });
}
