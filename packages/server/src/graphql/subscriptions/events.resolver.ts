import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { eventCursor } from '../../events/cursor';
import { streamHead, type StoredEvent } from '../../events/stream';
import type { Context } from '../../domain/shared/context';
import { PublicError } from '../../domain/shared/errors';
import type { LiveDelivery, LiveRequest } from '../../domain/shared/live';
import { readAccess, type AreaName } from '../../domain/shared/policy';
import type { Viewer } from '../../domain/shared/viewer';
import { toGlobalId } from '../relay/global-id';
import { JSONObject } from '../relay/scalars';

/**
 * The read area that decides who receives an event about a subject of this type: the area's
 * `street` read access (the whole street). Subjects not listed (accounts, keys, streets,
 * calendars) are administrators' business, read like the audit log.
 */
const SUBJECT_AREAS: Readonly<Record<string, AreaName>> = {
  Grid: 'grid',
  Person: 'person',
  Organization: 'organization',
  Brand: 'brand',
  Activity: 'activity',
  Case: 'case',
  CaseCategory: 'case',
  Volunteer: 'volunteer',
  VolunteerTeam: 'volunteer',
  ServicePost: 'volunteer',
  ServiceRecord: 'serviceRecord',
};

@ObjectType({
  description:
    'A domain event: a fact about a change, delivered after its commit. Resume after it with its `cursor`.',
})
export class DomainEvent {
  @Field({
    description:
      'Its place in the event stream: pass it as `after` to receive what came after it, with no gap and no duplicate.',
  })
  cursor!: string;

  @Field(() => ID, { description: 'The event’s id in the stream (digits), as in webhooks.' })
  eventId!: string;

  @Field({ description: 'What happened, e.g. `grid.created` (docs/events.md lists every type).' })
  type!: string;

  @Field({ description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'The street it belongs to; null for platform-level facts.',
  })
  streetId!: string | null;

  @Field({ description: 'The type of the thing it is about, e.g. `Grid`.' })
  subjectType!: string;

  @Field(() => ID, { description: 'The ID of the thing it is about (fetch it with `node`).' })
  subjectId!: string;

  @Field(() => JSONObject, {
    description: 'The event’s fields, as documented for its type in docs/events.md.',
  })
  payload!: Record<string, unknown>;
}

/** Whether the viewer may receive the event: its street, and the whole of the subject's area. */
export function mayReceive(viewer: Viewer, e: StoredEvent): boolean {
  if (e.streetId === null) {
    if (viewer.streetIds !== 'all') return false;
  } else if (viewer.streetIds !== 'all' && !viewer.streetIds.includes(e.streetId)) return false;
  return readAccess(viewer, SUBJECT_AREAS[e.subjectType] ?? 'audit') === 'street';
}

function typesMatcher(types: readonly string[] | null | undefined, known: (t: string) => boolean) {
  if (types == null) return () => true;
  if (!types.length) {
    throw new PublicError(
      'BAD_USER_INPUT',
      '"types" is empty: leave it out to receive every type.',
      {
        argument: 'types',
      },
    );
  }
  const exact = new Set<string>();
  const prefixes: string[] = [];
  types.forEach((t, i) => {
    if (/^[a-z][a-z0-9_]*\.\*$/.test(t)) prefixes.push(t.slice(0, -1));
    else if (known(t)) exact.add(t);
    else {
      throw new PublicError(
        'BAD_USER_INPUT',
        `"types.${i}" (${JSON.stringify(t.slice(0, 80))}) is not an event type: name one of docs/events.md, or an area with ".*" (e.g. "case.*").`,
        { argument: `types.${i}` },
      );
    }
  });
  return (type: string) => exact.has(type) || prefixes.some((p) => type.startsWith(p));
}

@Resolver(() => DomainEvent)
export class EventsResolver {
  @Query(() => String, {
    description:
      'Where the event stream stands now, as a cursor. To show a list and keep it current without missing a change: take this cursor, subscribe to `caseEvents(after:)` or `events(after:)` with it, then load the list. Every event after the cursor comes, so a change committed between the two is not missed (one the list shows already comes too: keep the newer version).',
  })
  async eventStreamCursor(@Ctx() ctx: Context): Promise<string> {
    if (ctx.viewer.kind === 'anonymous') {
      throw new PublicError('UNAUTHENTICATED', 'Sign in to follow the event stream.');
    }
    // The whole stream's head, not the viewer's streets' last event: a subscription replays from
    // it, and from the viewer's last event that could be a long way back.
    const client = await ctx.db.scoped('*');
    try {
      return eventCursor(await streamHead(client));
    } finally {
      client.release();
    }
  }

  @Subscription(() => DomainEvent, {
    description:
      'The event stream of the streets you may read, for integrators: every event after `after` (replayed in order), then the new ones as they commit, with no gap and no duplicate. Without `after`, from now on. Events about areas you may read only in part (a grid worker’s cases, say) are not included: subscribe to `caseEvents` for those.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      if (!ctx.live) {
        throw new PublicError(
          'BAD_USER_INPUT',
          'Subscriptions run over WebSocket: connect to /graphql with the graphql-ws protocol.',
        );
      }
      const wants = typesMatcher(args.types as string[] | null, (t) => ctx.live!.knows(t));
      const viewer = ctx.viewer;
      const request: LiveRequest = {
        after: (args.after as string | null) ?? undefined,
        key: `events:${JSON.stringify(args.types ?? null)}`,
        accepts: (e, now) => wants(e.type) && mayReceive(now, e),
        streets: viewer.streetIds === 'all' ? undefined : viewer.streetIds,
      };
      return ctx.live.subscribe(ctx, request);
    },
  })
  events(
    @Root() delivery: LiveDelivery,
    @Ctx() _ctx: Context,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The `cursor` of the last event you received.',
    })
    _after?: string,
    @Arg('types', () => [String], {
      nullable: true,
      description:
        'Only these event types; `area.*` names all of an area’s (e.g. `case.*`). Every type when unset.',
    })
    _types?: string[],
  ): DomainEvent {
    const e = delivery.event;
    return Object.assign(new DomainEvent(), {
      cursor: delivery.cursor,
      eventId: e.id,
      type: e.type,
      occurredAt: new Date(e.occurredAt),
      streetId: e.streetId && toGlobalId('Street', e.streetId),
      subjectType: e.subjectType,
      subjectId: /^[0-9]+$/.test(e.subjectId)
        ? toGlobalId(e.subjectType, e.subjectId)
        : e.subjectId,
      payload: e.payload,
    });
  }
}
