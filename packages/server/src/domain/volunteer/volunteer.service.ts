import { z } from 'zod';
import { loader, query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, filteredReads, type TableSpec } from '../shared/table';
import { validate } from '../shared/validate';
import { archiveRow, loadForUpdate, saveChanges } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { PersonEntity } from '../person/person.entity';
import { personTable } from '../person/person.service';
import { adder, escapeLike, pastDate, requireActive, rowsByKey, today } from './common';
import { VolunteerEntity } from './volunteer.entity';
import { servicePostClaimReleased } from './post.events';
import {
  volunteerArchived,
  volunteerCommunityRegistrationEnded,
  volunteerRegistered,
  volunteerUpdated,
} from './volunteer.events';

export interface VolunteerRecord extends VolunteerEntity {
  /** The person's name, for ordering and display. */
  name: string;
}

export interface VolunteerFilter {
  streetId?: string | null;
  teamId?: string | null;
  /** Volunteers holding an active claim on this service post. */
  postId?: string | null;
  /** Volunteers actively registered with this community. */
  registeredWith?: string | null;
  /** With (true) or without (false) an active community registration. */
  registered?: boolean | null;
  skill?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const volunteerTable: TableSpec<VolunteerRecord> = {
  from: 'volunteer v JOIN person p ON p.id = v.person_id',
  // The person is the volunteer's own (same street, by foreign key): joined only for its name.
  bare: { from: 'volunteer v', joined: ['p'] },
  alias: 'v',
  area: 'volunteer',
  columns: entityColumns(VolunteerEntity, 'v', { extra: ['p.name AS "name"'] }),
  orders: {
    NAME: {
      key: 'p.name',
      type: 'text',
      id: 'v.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    JOINED_ON: {
      key: 'v.joined_on',
      type: 'date',
      id: 'v.id',
      valueOf: (r) => r.joinedOn as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: {
      key: 'v.created_at',
      type: 'timestamptz',
      id: 'v.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

/** Whether volunteer `v` is a member of team `team` (an SQL expression of its id). */
export const memberOfTeamSql = (team: string) =>
  `EXISTS (SELECT 1 FROM volunteer_team_member m WHERE m.volunteer_id = v.id AND m.team_id = ${team})`;

const activeRegistration = (p?: string) =>
  `EXISTS (SELECT 1 FROM volunteer_registration vr WHERE vr.volunteer_id = v.id AND vr.ended_on IS NULL${
    p ? ` AND vr.community_id = ${p}::bigint` : ''
  })`;

/** SQL conditions for a volunteer filter; appends its parameters. */
export function volunteerFilterSql(filter: VolunteerFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = adder(where, params);
  if (!filter.includeArchived) where.push('v.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `v.street_id = ${p}::bigint`);
  if (filter.teamId) add(filter.teamId, (p) => memberOfTeamSql(`${p}::bigint`));
  if (filter.postId)
    add(
      filter.postId,
      (p) => `EXISTS (SELECT 1 FROM service_post_claim c
        WHERE c.volunteer_id = v.id AND c.post_id = ${p}::bigint AND c.released_on IS NULL)`,
    );
  if (filter.registeredWith) add(filter.registeredWith, activeRegistration);
  if (filter.registered != null)
    where.push(filter.registered ? activeRegistration() : `NOT ${activeRegistration()}`);
  if (filter.skill) add(filter.skill, (p) => `${p} = ANY(v.skills)`);
  if (filter.search) add(`%${escapeLike(filter.search)}%`, (p) => `p.name ILIKE ${p}`);
  return where;
}

export const volunteerById = byIdLoader(volunteerTable);

const skills = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'A skill must not be empty.')
      .max(30, 'A skill is at most 30 characters.'),
  )
  .max(20, 'At most 20 skills.')
  .transform((list) => [...new Set(list)]);
const updateInput = z.object({ skills: skills.optional(), joinedOn: pastDate.optional() });

export interface VolunteerInput {
  skills?: string[] | null;
  joinedOn?: string | null;
}

/** Re-reads a volunteer after a write, with the person's name. */
async function reread(ctx: Context, id: string): Promise<VolunteerRecord> {
  return (await volunteerService.get({ ...ctx, loaders: new Map() }, id))!;
}

/**
 * Volunteers (志愿者): people of a street registered for volunteer service, one record per
 * person. Teams, community registrations, posts and service records hang off the volunteer.
 */
export const volunteerService = {
  get(ctx: Context, id: string): Promise<VolunteerRecord | null> {
    return loader(ctx, volunteerById).load(id);
  },

  /** The volunteer record of a person (archived ones too), or null. */
  async ofPerson(ctx: Context, personId: string): Promise<VolunteerRecord | null> {
    const found = await rowsByKey(ctx, 'volunteer:of-person', volunteerTable, 'v.person_id', {
      orderBy: 'v.id',
    }).load(personId);
    return found[0] ?? null;
  },

  ...filteredReads(volunteerTable, volunteerFilterSql),

  async register(
    ctx: Context,
    input: VolunteerInput & { personId: string },
  ): Promise<VolunteerRecord> {
    const person = await loadForUpdate(
      ctx,
      PersonEntity,
      input.personId,
      ['input', 'personId'],
      'person',
      'register volunteers',
      'volunteer',
      personTable,
    );
    requireActive(person, ['input', 'personId'], 'person');
    const v = validate(updateInput, {
      skills: input.skills ?? undefined,
      joinedOn: input.joinedOn ?? undefined,
    });
    const existing = await repository(ctx, VolunteerEntity).findOne({
      where: { personId: person.id },
    });
    if (existing) {
      throw InputError.single(
        ['input', 'personId'],
        existing.archivedAt
          ? 'This person was a volunteer before; that record is archived.'
          : 'This person is already a volunteer.',
        'TAKEN',
      );
    }
    const saved = await repository(ctx, VolunteerEntity).save(
      Object.assign(new VolunteerEntity(), {
        streetId: person.streetId,
        personId: person.id,
        skills: v.skills ?? [],
        joinedOn: v.joinedOn ?? today(),
        archivedAt: null,
      }),
    );
    await recordEvent(ctx, volunteerRegistered, {
      streetId: saved.streetId,
      subjectId: saved.id,
      payload: { personId: person.id, joinedOn: saved.joinedOn },
    });
    return reread(ctx, saved.id);
  },

  async update(ctx: Context, id: string, input: VolunteerInput): Promise<VolunteerRecord> {
    const volunteer = await loadForUpdate(
      ctx,
      VolunteerEntity,
      id,
      ['input', 'id'],
      'volunteer',
      'change volunteers',
      'volunteer',
      volunteerTable,
    );
    const v = validate(updateInput, {
      skills: input.skills ?? undefined,
      joinedOn: input.joinedOn ?? undefined,
    });
    await saveChanges(ctx, VolunteerEntity, volunteer, v, volunteerUpdated);
    return reread(ctx, volunteer.id);
  },

  /**
   * Archives a volunteer who has left service: their active post claims are released and their
   * community registration ends today, so posts free up; teams and records stay as history.
   */
  async archive(ctx: Context, id: string): Promise<VolunteerRecord> {
    const volunteer = await loadForUpdate(
      ctx,
      VolunteerEntity,
      id,
      ['input', 'id'],
      'volunteer',
      'archive volunteers',
      'volunteer',
      volunteerTable,
    );
    await archiveRow(ctx, VolunteerEntity, volunteer, volunteerArchived);
    const end = today();
    const released = await query<{ id: string; postId: string }>(
      ctx,
      // A CTE, so the statement answers rows (typeorm answers a bare UPDATE with a count).
      `WITH released AS (
         UPDATE service_post_claim SET released_on = greatest($2::date, claimed_on)
         WHERE volunteer_id = $1 AND released_on IS NULL RETURNING id, post_id)
       SELECT id::text, post_id::text AS "postId" FROM released ORDER BY id`,
      [volunteer.id, end],
    );
    for (const claim of released) {
      await recordEvent(ctx, servicePostClaimReleased, {
        streetId: volunteer.streetId,
        subjectId: claim.postId,
        payload: { claimId: claim.id, volunteerId: volunteer.id, reason: 'VOLUNTEER_ARCHIVED' },
      });
    }
    const ended = await query<{ id: string; communityId: string }>(
      ctx,
      `WITH ended AS (
         UPDATE volunteer_registration SET ended_on = greatest($2::date, registered_on)
         WHERE volunteer_id = $1 AND ended_on IS NULL RETURNING id, community_id)
       SELECT id::text, community_id::text AS "communityId" FROM ended`,
      [volunteer.id, end],
    );
    for (const registration of ended) {
      await recordEvent(ctx, volunteerCommunityRegistrationEnded, {
        streetId: volunteer.streetId,
        subjectId: volunteer.id,
        payload: {
          registrationId: registration.id,
          communityId: registration.communityId,
          reason: 'VOLUNTEER_ARCHIVED',
        },
      });
    }
    return reread(ctx, volunteer.id);
  },
};
