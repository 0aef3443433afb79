import { z } from 'zod';
import { query, repository, type Context } from '../shared/context';
import { InputError, type InputProblem } from '../shared/errors';
import { recordEvent } from '../shared/events';
import type { Page, PageRequest } from '../shared/keyset';
import {
  childCounts,
  childPages,
  type ChildFilter,
  readableIds,
  type Ordering,
  type TableSpec,
} from '../shared/table';
import { validate } from '../shared/validate';
import { loadForUpdate } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { personTable } from '../person/person.service';
import { ActivityEntity, ActivityParticipantEntity } from './activity.entity';
import { activityTable, toActivityRecord, type ActivityRecord } from './activity.service';
import { activityParticipantRemoved, activityParticipantsAdded } from './activity.events';
import { PARTICIPANT_ROLES, type ParticipantRole } from './activity.entity';

export { PARTICIPANT_ROLES, type ParticipantRole };

/** At most this many participants are added in one call. */
export const MAX_PARTICIPANTS_PER_CALL = 500;

export interface ActivityParticipantRecord extends Omit<ActivityParticipantEntity, 'role'> {
  role: ParticipantRole;
  /** The person's name, for ordering. */
  personName: string;
}

export interface ParticipantFilter {
  roles?: ParticipantRole[] | null;
}

export const participantTable: TableSpec<ActivityParticipantRecord> = {
  from: 'activity_participant ap JOIN person pp ON pp.id = ap.person_id',
  // The person is the participant's own (same street, by foreign key): joined only for its name.
  bare: { from: 'activity_participant ap', joined: ['pp'] },
  alias: 'ap',
  area: 'activity',
  columns: entityColumns(ActivityParticipantEntity, 'ap', { extra: ['pp.name AS "personName"'] }),
  orders: {
    // Organizers first, then speakers, volunteers and the other participants.
    ROLE: {
      key: `array_position(ARRAY['ORGANIZER','SPEAKER','VOLUNTEER','PARTICIPANT']::text[], ap.role)`,
      type: 'int',
      id: 'ap.person_id',
      valueOf: (r) => PARTICIPANT_ROLES.indexOf(r.role as ParticipantRole) + 1,
      idOf: (r) => r.personId as string,
    },
    NAME: {
      key: 'pp.name',
      type: 'text',
      id: 'ap.person_id',
      valueOf: (r) => r.personName as string,
      idOf: (r) => r.personId as string,
    },
    ADDED_AT: {
      // Cut to milliseconds: cursors carry a JavaScript date, which has no microseconds.
      key: `date_trunc('milliseconds', ap.created_at)`,
      type: 'timestamptz',
      id: 'ap.person_id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.personId as string,
    },
  },
};

/** SQL conditions for a participant filter; appends its parameters. */
export function participantFilterSql(filter: ParticipantFilter, params: unknown[]): string[] {
  if (!filter.roles?.length) return [];
  params.push(filter.roles);
  return [`ap.role = ANY($${params.length}::text[])`];
}

function participantFilter(filter: ParticipantFilter): ChildFilter {
  return { key: JSON.stringify(filter), sql: (params) => participantFilterSql(filter, params) };
}

const participantsInput = z
  .array(
    z.object({
      personId: z.string(),
      role: z
        .enum(PARTICIPANT_ROLES)
        .nullish()
        .transform((r) => r ?? 'PARTICIPANT'),
    }),
  )
  .min(1, 'Give at least one participant.')
  .max(
    MAX_PARTICIPANTS_PER_CALL,
    `At most ${MAX_PARTICIPANTS_PER_CALL} participants can be added in one call.`,
  );

export type ParticipantInput = z.input<typeof participantsInput>[number];

async function loadActivity(ctx: Context, activityId: string): Promise<ActivityEntity> {
  const activity = await loadForUpdate(
    ctx,
    ActivityEntity,
    activityId,
    ['input', 'activityId'],
    'activity',
    'change activity participants',
    'activity',
    activityTable,
  );
  if (activity.archivedAt)
    throw InputError.single(['input', 'activityId'], 'The activity is archived.', 'CONFLICT');
  return activity;
}

/** Who took part in an activity (参与人员), and in which role. */
export const activityParticipantService = {
  /** A page of one activity's participants; batched across activities (see `childPages`). */
  page(
    ctx: Context,
    activityId: string,
    filter: ParticipantFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<ActivityParticipantRecord>> {
    return childPages(
      ctx,
      participantTable,
      'ap.activity_id',
      participantFilter(filter),
      ordering,
      page,
    ).load(activityId);
  },

  count(ctx: Context, activityId: string, filter: ParticipantFilter = {}): Promise<number> {
    return childCounts(ctx, participantTable, 'ap.activity_id', participantFilter(filter)).load(
      activityId,
    );
  },

  /**
   * Adds people of the activity's street as participants, all or none: a person listed twice,
   * one who already takes part, or one not found is a user error on that list entry.
   */
  async add(
    ctx: Context,
    activityId: string,
    participants: ParticipantInput[],
  ): Promise<{ activity: ActivityRecord; added: ActivityParticipantRecord[] }> {
    const activity = await loadActivity(ctx, activityId);
    const list = validate(participantsInput, participants, ['input', 'participants']);
    const ids = list.map((p) => p.personId);
    const people = await query<{ id: string; streetId: string; archived: boolean }>(
      ctx,
      `SELECT id::text AS id, street_id::text AS "streetId", archived_at IS NOT NULL AS archived
       FROM person WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    const existing = await query<{ personId: string }>(
      ctx,
      `SELECT person_id::text AS "personId" FROM activity_participant
       WHERE activity_id = $1 AND person_id = ANY($2::bigint[])`,
      [activity.id, ids],
    );
    // People the viewer may not read are not found, like unknown ones.
    const visible = await readableIds(
      ctx,
      personTable,
      people.map((p) => p.id),
    );
    const found = new Map(people.filter((p) => visible.has(p.id)).map((p) => [p.id, p]));
    const taking = new Set(existing.map((e) => e.personId));
    const seen = new Set<string>();
    const problems: InputProblem[] = [];
    list.forEach(({ personId }, i) => {
      const field = ['input', 'participants', String(i), 'personId'];
      const person = found.get(personId);
      if (seen.has(personId))
        problems.push({ field, message: 'This person is listed twice.', code: 'CONFLICT' });
      else if (!person || person.streetId !== activity.streetId)
        problems.push({
          field,
          message: 'No person with this ID exists in this street.',
          code: 'NOT_FOUND',
        });
      else if (person.archived)
        problems.push({ field, message: 'The person is archived.', code: 'CONFLICT' });
      else if (taking.has(personId))
        problems.push({
          field,
          message: 'This person already takes part in this activity.',
          code: 'CONFLICT',
        });
      seen.add(personId);
    });
    if (problems.length) throw new InputError(problems);

    await repository(ctx, ActivityParticipantEntity).insert(
      list.map((p) => ({
        streetId: activity.streetId,
        activityId: activity.id,
        personId: p.personId,
        role: p.role,
      })),
    );
    await recordEvent(ctx, activityParticipantsAdded, {
      streetId: activity.streetId,
      subjectId: activity.id,
      payload: { participants: list.map((p) => ({ personId: p.personId, role: p.role })) },
    });
    const rows = await query<ActivityParticipantRecord>(
      ctx,
      `SELECT ${participantTable.columns} FROM ${participantTable.from}
       WHERE ap.activity_id = $1 AND ap.person_id = ANY($2::bigint[])`,
      [activity.id, ids],
    );
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    return { activity: toActivityRecord(activity), added: ids.map((id) => byPerson.get(id)!) };
  },

  async remove(ctx: Context, activityId: string, personId: string): Promise<ActivityRecord> {
    const activity = await loadActivity(ctx, activityId);
    const repo = repository(ctx, ActivityParticipantEntity);
    const row = await repo.findOne({ where: { activityId: activity.id, personId } });
    if (!row) {
      throw InputError.single(
        ['input', 'personId'],
        'This person does not take part in this activity.',
        'NOT_FOUND',
      );
    }
    await repo.delete({ activityId: activity.id, personId });
    await recordEvent(ctx, activityParticipantRemoved, {
      streetId: activity.streetId,
      subjectId: activity.id,
      payload: { personId, role: row.role as ParticipantRole },
    });
    return toActivityRecord(activity);
  },
};
