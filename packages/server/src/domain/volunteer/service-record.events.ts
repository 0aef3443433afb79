import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';

const hours = z.number().positive().max(24);
const peopleServed = z.number().int().nonnegative();

export const serviceRecordRecorded = defineEvent('service_record.recorded', {
  subject: 'ServiceRecord',
  description: 'Service a volunteer gave was recorded by an organization.',
  payload: z
    .object({
      volunteerId: field.id,
      organizationId: field.id,
      servedOn: field.date,
      hours,
      peopleServed,
      postId: field.id.nullable(),
      activityId: field.id.nullable(),
    })
    .strict(),
});

export const serviceRecordConfirmed = defineEvent('service_record.confirmed', {
  subject: 'ServiceRecord',
  description: 'A service record was confirmed by a person of the recording organization.',
  payload: z.object({ volunteerId: field.id, confirmedById: field.id }).strict(),
});

export const serviceRecordCorrected = defineEvent('service_record.corrected', {
  subject: 'ServiceRecord',
  description:
    'A service record was corrected: the subject is the new record, which supersedes `supersedesId`; `changes` holds the new values.',
  payload: z
    .object({
      volunteerId: field.id,
      supersedesId: field.id,
      changes: z
        .object({
          servedOn: field.date,
          hours,
          peopleServed,
          description: z.string(),
          place: z.string().nullable(),
        })
        .partial()
        .strict(),
    })
    .strict(),
});

export const serviceRecordEvents = [
  serviceRecordRecorded,
  serviceRecordConfirmed,
  serviceRecordCorrected,
];
