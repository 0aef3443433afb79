import { IsNull } from 'typeorm';
import { loader, query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, type TableSpec } from '../shared/table';
import { validate } from '../shared/validate';
import { loadForUpdate, loadReference } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { OrganizationEntity } from '../organization/organization.entity';
import { organizationTable } from '../organization/organization.service';
import { PersonEntity } from '../person/person.entity';
import { dateArg, optionalText, requireActive, rowsByKey, today } from './common';
import { VolunteerEntity, VolunteerRegistrationEntity } from './volunteer.entity';
import { volunteerTable } from './volunteer.service';
import {
  volunteerCommunityRegistered,
  volunteerCommunityRegistrationEnded,
} from './volunteer.events';

export type VolunteerRegistrationRecord = VolunteerRegistrationEntity;

export const registrationTable: TableSpec<VolunteerRegistrationRecord> = {
  // With the volunteer's person, so the volunteer read rule (volunteers see themselves) applies.
  from: `(SELECT vr.*, v.person_id FROM volunteer_registration vr
    JOIN volunteer v ON v.id = vr.volunteer_id) vr`,
  alias: 'vr',
  area: 'volunteer',
  columns: entityColumns(VolunteerRegistrationEntity, 'vr'),
  orders: {},
};

export const registrationById = byIdLoader(registrationTable);

const employer = optionalText(100);

async function reread(ctx: Context, id: string): Promise<VolunteerRegistrationRecord> {
  const [row] = await query<VolunteerRegistrationRecord>(
    ctx,
    `SELECT ${registrationTable.columns} FROM ${registrationTable.from} WHERE vr.id = $1`,
    [id],
  );
  return row!;
}

/**
 * 在职党员进社区报到: an in-service party member registers, as a volunteer, with the community
 * where they live, and serves there besides their workplace. One active registration at a time.
 */
export const registrationService = {
  get(ctx: Context, id: string): Promise<VolunteerRegistrationRecord | null> {
    return loader(ctx, registrationById).load(id);
  },

  /** The volunteer's active registration, or null. */
  async activeOf(ctx: Context, volunteerId: string): Promise<VolunteerRegistrationRecord | null> {
    const found = await rowsByKey(
      ctx,
      'volunteer:active-registration',
      registrationTable,
      'vr.volunteer_id',
      { where: ['vr.ended_on IS NULL'], orderBy: 'vr.id' },
    ).load(volunteerId);
    return found[0] ?? null;
  },

  async register(
    ctx: Context,
    input: {
      volunteerId: string;
      communityId: string;
      employer?: string | null;
      registeredOn?: string | null;
    },
  ): Promise<VolunteerRegistrationRecord> {
    // The lock on the volunteer serializes registrations of one volunteer.
    const volunteer = await loadForUpdate(
      ctx,
      VolunteerEntity,
      input.volunteerId,
      ['input', 'volunteerId'],
      'volunteer',
      'register volunteers with communities',
      'volunteer',
      volunteerTable,
    );
    requireActive(volunteer, ['input', 'volunteerId'], 'volunteer');
    const person = await repository(ctx, PersonEntity).findOneOrFail({
      where: { id: volunteer.personId },
    });
    if (!person.partyStatus || person.partyKind !== 'IN_SERVICE') {
      throw InputError.single(
        ['input', 'volunteerId'],
        'Only in-service party members (在职党员) register with a community; ' +
          `${person.name} is ${person.partyStatus ? 'a party member of another kind' : 'not a party member'}.`,
        'INVALID',
      );
    }
    const community = await loadReference(
      ctx,
      OrganizationEntity,
      input.communityId,
      volunteer.streetId,
      ['input', 'communityId'],
      'organization',
      organizationTable,
    );
    if (community.kind !== 'COMMUNITY') {
      throw InputError.single(
        ['input', 'communityId'],
        `${community.name} is not a community (社区); members register with a community.`,
        'INVALID',
      );
    }
    requireActive(community, ['input', 'communityId'], 'community');
    const registeredOn = dateArg(input.registeredOn, ['input', 'registeredOn']) ?? today();
    const work =
      input.employer === undefined
        ? person.employer
        : validate(employer, input.employer, ['input', 'employer']);
    const repo = repository(ctx, VolunteerRegistrationEntity);
    const active = await repo.findOne({ where: { volunteerId: volunteer.id, endedOn: IsNull() } });
    if (active) {
      throw InputError.single(
        ['input', 'volunteerId'],
        `This volunteer has been registered with a community since ${active.registeredOn}; end that registration first.`,
        'CONFLICT',
      );
    }
    const saved = await repo.save(
      Object.assign(new VolunteerRegistrationEntity(), {
        streetId: volunteer.streetId,
        volunteerId: volunteer.id,
        communityId: community.id,
        employer: work,
        registeredOn,
        endedOn: null,
      }),
    );
    await recordEvent(ctx, volunteerCommunityRegistered, {
      streetId: volunteer.streetId,
      subjectId: volunteer.id,
      payload: { registrationId: saved.id, communityId: community.id, registeredOn },
    });
    return reread(ctx, saved.id);
  },

  async end(
    ctx: Context,
    id: string,
    endedOn?: string | null,
  ): Promise<VolunteerRegistrationRecord> {
    const registration = await loadForUpdate(
      ctx,
      VolunteerRegistrationEntity,
      id,
      ['input', 'registrationId'],
      'community registration',
      'end community registrations',
      'volunteer',
      registrationTable,
    );
    if (registration.endedOn) {
      throw InputError.single(
        ['input', 'registrationId'],
        `This registration already ended on ${registration.endedOn}.`,
        'ILLEGAL_TRANSITION',
      );
    }
    const end = dateArg(endedOn, ['input', 'endedOn']) ?? today();
    if (end < registration.registeredOn) {
      throw InputError.single(
        ['input', 'endedOn'],
        `The registration began on ${registration.registeredOn}.`,
        'INVALID',
      );
    }
    registration.endedOn = end;
    await repository(ctx, VolunteerRegistrationEntity).save(registration);
    await recordEvent(ctx, volunteerCommunityRegistrationEnded, {
      streetId: registration.streetId,
      subjectId: registration.volunteerId,
      payload: {
        registrationId: registration.id,
        communityId: registration.communityId,
        endedOn: end,
      },
    });
    return reread(ctx, registration.id);
  },
};
