import { z } from 'zod';
import { query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { validate } from '../shared/validate';
import { loadForUpdate, loadReference } from '../shared/write';
import { OrganizationEntity } from '../organization/organization.entity';
import { organizationTable } from '../organization/organization.service';
import { PersonEntity } from '../person/person.entity';
import { personTable } from '../person/person.service';
import { optionalText, pastDate, requireActive } from './common';
import { ServicePostEntity } from './post.entity';
import { postTable } from './post.service';
import { ServiceRecordEntity } from './service-record.entity';
import {
  serviceRecordReads,
  serviceRecordTable,
  type ServiceRecordRecord,
} from './service-record.read';
import { VolunteerEntity } from './volunteer.entity';
import { volunteerTable } from './volunteer.service';
import {
  serviceRecordConfirmed,
  serviceRecordCorrected,
  serviceRecordRecorded,
} from './service-record.events';

const hours = z
  .number()
  .gt(0, 'Hours must be more than 0.')
  .max(24, 'Hours are at most 24 for one day.')
  .refine(
    (h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-6,
    'Hours have at most two decimals, e.g. 1.5 or 2.25.',
  );
const fields = {
  servedOn: pastDate,
  hours,
  peopleServed: z
    .number()
    .int('People served is a whole number.')
    .min(0, 'People served must not be negative.')
    .max(100_000, 'People served is at most 100000.'),
  description: z
    .string()
    .trim()
    .min(1, 'Say what was done.')
    .max(500, 'Description is at most 500 characters.'),
  place: optionalText(200),
};
const recordInput = z.object({
  ...fields,
  peopleServed: fields.peopleServed.optional(),
  place: fields.place.optional(),
});
const correctionInput = z.object({
  servedOn: fields.servedOn.optional(),
  hours: fields.hours.optional(),
  peopleServed: fields.peopleServed.optional(),
  description: fields.description.optional(),
  place: fields.place.optional(),
});

export type ServiceRecordInput = z.input<typeof recordInput> & {
  volunteerId: string;
  organizationId: string;
  postId?: string | null;
  activityId?: string | null;
};
export type ServiceCorrectionInput = z.input<typeof correctionInput>;

/** 党员责任岗 service is by the post's holder: the volunteer must have held it on that day. */
async function checkPostHeld(
  ctx: Context,
  postId: string,
  volunteerId: string,
  servedOn: string,
  field: string[],
) {
  const [held] = await query<{ id: string }>(
    ctx,
    `SELECT id::text FROM service_post_claim WHERE post_id = $1 AND volunteer_id = $2
       AND claimed_on <= $3::date AND (released_on IS NULL OR released_on >= $3::date)`,
    [postId, volunteerId, servedOn],
  );
  if (!held) {
    throw InputError.single(
      field,
      `The volunteer did not hold this service post on ${servedOn}.`,
      'CONFLICT',
    );
  }
}

async function reread(ctx: Context, id: string): Promise<ServiceRecordRecord> {
  return (await serviceRecordReads.get({ ...ctx, loaders: new Map() }, id))!;
}

/** The newer record that corrects `id`, if any. */
async function correctionOf(ctx: Context, id: string): Promise<string | null> {
  const [row] = await query<{ id: string }>(
    ctx,
    `SELECT id::text FROM service_record WHERE supersedes_id = $1`,
    [id],
  );
  return row?.id ?? null;
}

/**
 * Volunteer service records (民政部 志愿服务记录办法): who served, for which organization, what,
 * where, when, how long and for how many people, and who confirmed it. Records count once
 * confirmed and are never edited: a correction is a new record superseding the newest one.
 */
export const serviceRecordService = {
  ...serviceRecordReads,

  async record(ctx: Context, input: ServiceRecordInput): Promise<ServiceRecordRecord> {
    const volunteer = await loadForUpdate(
      ctx,
      VolunteerEntity,
      input.volunteerId,
      ['input', 'volunteerId'],
      'volunteer',
      'record volunteer service',
      'serviceRecord',
      volunteerTable,
    );
    requireActive(volunteer, ['input', 'volunteerId'], 'volunteer');
    const v = validate(recordInput, input);
    const organization = await loadReference(
      ctx,
      OrganizationEntity,
      input.organizationId,
      volunteer.streetId,
      ['input', 'organizationId'],
      'organization',
      organizationTable,
    );
    requireActive(organization, ['input', 'organizationId'], 'organization');
    if (input.postId) {
      await loadReference(
        ctx,
        ServicePostEntity,
        input.postId,
        volunteer.streetId,
        ['input', 'postId'],
        'service post',
        postTable,
      );
      await checkPostHeld(ctx, input.postId, volunteer.id, v.servedOn, ['input', 'postId']);
    }
    if (input.activityId) {
      const [activity] = await query<{ id: string }>(
        ctx,
        `SELECT id::text FROM activity WHERE id = $1 AND street_id = $2`,
        [input.activityId, volunteer.streetId],
      );
      if (!activity) {
        throw InputError.single(
          ['input', 'activityId'],
          'No activity with this ID exists in this street.',
          'NOT_FOUND',
        );
      }
    }
    const saved = await repository(ctx, ServiceRecordEntity).save(
      Object.assign(new ServiceRecordEntity(), {
        streetId: volunteer.streetId,
        volunteerId: volunteer.id,
        organizationId: organization.id,
        servedOn: v.servedOn,
        hours: v.hours.toFixed(2),
        peopleServed: v.peopleServed ?? 0,
        postId: input.postId ?? null,
        activityId: input.activityId ?? null,
        description: v.description,
        place: v.place ?? null,
        supersedesId: null,
        confirmedById: null,
        confirmedAt: null,
      }),
    );
    await recordEvent(ctx, serviceRecordRecorded, {
      streetId: volunteer.streetId,
      subjectId: saved.id,
      payload: {
        volunteerId: volunteer.id,
        organizationId: organization.id,
        servedOn: v.servedOn,
        hours: v.hours,
        peopleServed: saved.peopleServed,
        postId: saved.postId,
        activityId: saved.activityId,
      },
    });
    return reread(ctx, saved.id);
  },

  async confirm(ctx: Context, id: string, confirmedById: string): Promise<ServiceRecordRecord> {
    const record = await loadForUpdate(
      ctx,
      ServiceRecordEntity,
      id,
      ['input', 'recordId'],
      'service record',
      'confirm service records',
      'serviceRecord',
      serviceRecordTable,
    );
    if (record.confirmedAt) {
      throw InputError.single(
        ['input', 'recordId'],
        `This record was already confirmed at ${record.confirmedAt.toISOString()}.`,
        'ILLEGAL_TRANSITION',
      );
    }
    if (await correctionOf(ctx, record.id)) {
      throw InputError.single(
        ['input', 'recordId'],
        'This record was corrected; confirm the newest record of its chain instead.',
        'ILLEGAL_TRANSITION',
      );
    }
    const confirmer = await loadReference(
      ctx,
      PersonEntity,
      confirmedById,
      record.streetId,
      ['input', 'confirmedById'],
      'person',
      personTable,
    );
    requireActive(confirmer, ['input', 'confirmedById'], 'person');
    const [own] = await query<{ id: string }>(
      ctx,
      `SELECT id::text FROM volunteer WHERE id = $1 AND person_id = $2`,
      [record.volunteerId, confirmer.id],
    );
    if (own) {
      throw InputError.single(
        ['input', 'confirmedById'],
        'Volunteers cannot confirm their own service; another person must confirm it.',
        'FORBIDDEN',
      );
    }
    record.confirmedById = confirmer.id;
    record.confirmedAt = new Date();
    await repository(ctx, ServiceRecordEntity).save(record);
    await recordEvent(ctx, serviceRecordConfirmed, {
      streetId: record.streetId,
      subjectId: record.id,
      payload: { volunteerId: record.volunteerId, confirmedById: confirmer.id },
    });
    return reread(ctx, record.id);
  },

  async correct(
    ctx: Context,
    id: string,
    input: ServiceCorrectionInput,
  ): Promise<ServiceRecordRecord> {
    // The lock on the corrected record lets only one correction of it through.
    const old = await loadForUpdate(
      ctx,
      ServiceRecordEntity,
      id,
      ['input', 'recordId'],
      'service record',
      'correct service records',
      'serviceRecord',
      serviceRecordTable,
    );
    const newer = await correctionOf(ctx, old.id);
    if (newer) {
      throw InputError.single(
        ['input', 'recordId'],
        'This record was already corrected; correct the newest record of its chain instead.',
        'ILLEGAL_TRANSITION',
      );
    }
    const v = validate(correctionInput, input);
    const next = {
      servedOn: v.servedOn ?? old.servedOn,
      hours: v.hours ?? Number(old.hours),
      peopleServed: v.peopleServed ?? old.peopleServed,
      description: v.description ?? old.description,
      place: v.place === undefined ? old.place : v.place,
    };
    const changes = Object.fromEntries(
      Object.entries(next).filter(([key, value]) => {
        const before = key === 'hours' ? Number(old.hours) : old[key as keyof typeof next];
        return value !== before;
      }),
    );
    if (Object.keys(changes).length === 0) {
      throw InputError.single(
        ['input'],
        'A correction changes at least one of servedOn, hours, peopleServed, description or place.',
        'INVALID',
      );
    }
    if (old.postId && changes.servedOn) {
      await checkPostHeld(ctx, old.postId, old.volunteerId, next.servedOn, ['input', 'servedOn']);
    }
    const saved = await repository(ctx, ServiceRecordEntity).save(
      Object.assign(new ServiceRecordEntity(), {
        streetId: old.streetId,
        volunteerId: old.volunteerId,
        organizationId: old.organizationId,
        postId: old.postId,
        activityId: old.activityId,
        ...next,
        hours: next.hours.toFixed(2),
        supersedesId: old.id,
        confirmedById: null,
        confirmedAt: null,
      }),
    );
    await recordEvent(ctx, serviceRecordCorrected, {
      streetId: old.streetId,
      subjectId: saved.id,
      payload: { volunteerId: old.volunteerId, supersedesId: old.id, changes },
    });
    return reread(ctx, saved.id);
  },
};
