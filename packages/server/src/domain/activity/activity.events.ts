import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';
import { ACTIVITY_KINDS, PARTICIPANT_ROLES } from './activity.entity';

const kind = field.oneOf(() => ACTIVITY_KINDS);
const role = field.oneOf(() => PARTICIPANT_ROLES);

export const activityCreated = defineEvent('activity.created', {
  subject: 'Activity',
  description: 'An activity was planned under a brand, an organization or a grid.',
  payload: z
    .object({
      kind,
      title: z.string(),
      startsAt: field.timestamp,
      brandId: field.id.nullable(),
      organizationId: field.id.nullable(),
      gridId: field.id.nullable(),
    })
    .strict(),
});

export const activityUpdated = defineEvent('activity.updated', {
  subject: 'Activity',
  description: 'An activity changed; `changes` holds the new values.',
  payload: z
    .object({
      changes: z
        .object({
          kind,
          title: z.string(),
          startsAt: field.timestamp,
          endsAt: field.timestamp.nullable(),
          place: z.string().nullable(),
          description: z.string().nullable(),
          outcome: z.string().nullable(),
          brandId: field.id.nullable(),
          organizationId: field.id.nullable(),
          gridId: field.id.nullable(),
        })
        .partial()
        .strict(),
    })
    .strict(),
});

export const activityArchived = defineEvent('activity.archived', {
  subject: 'Activity',
  description: 'An activity was archived.',
  payload: z.object({}).strict(),
});

export const activityParticipantsAdded = defineEvent('activity.participants_added', {
  subject: 'Activity',
  description: 'People were added to an activity, each in a role.',
  payload: z
    .object({ participants: z.array(z.object({ personId: field.id, role }).strict()).min(1) })
    .strict(),
});

export const activityParticipantRemoved = defineEvent('activity.participant_removed', {
  subject: 'Activity',
  description: 'A person was removed from an activity.',
  payload: z.object({ personId: field.id, role }).strict(),
});

export const activityEvents = [
  activityCreated,
  activityUpdated,
  activityArchived,
  activityParticipantsAdded,
  activityParticipantRemoved,
];
