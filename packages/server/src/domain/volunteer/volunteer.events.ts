import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';

/** Why a volunteer's claims and registration ended without anyone ending them by hand. */
export const archivedReason = z.enum(['VOLUNTEER_ARCHIVED']);

export const volunteerRegistered = defineEvent('volunteer.registered', {
  subject: 'Volunteer',
  description: 'A person became a volunteer.',
  payload: z.object({ personId: field.id, joinedOn: field.date }).strict(),
});

export const volunteerUpdated = defineEvent('volunteer.updated', {
  subject: 'Volunteer',
  description: "A volunteer's skills or joining date changed; `changes` holds the new values.",
  payload: z
    .object({
      changes: z
        .object({ skills: z.array(z.string()), joinedOn: field.date })
        .partial()
        .strict(),
    })
    .strict(),
});

export const volunteerArchived = defineEvent('volunteer.archived', {
  subject: 'Volunteer',
  description:
    'A volunteer left service; their post claims are released and their community registration ends (events of their own).',
  payload: z.object({}).strict(),
});

export const volunteerCommunityRegistered = defineEvent('volunteer.community_registered', {
  subject: 'Volunteer',
  description: 'A volunteer registered with a community (在职党员到社区报到).',
  payload: z
    .object({ registrationId: field.id, communityId: field.id, registeredOn: field.date })
    .strict(),
});

export const volunteerCommunityRegistrationEnded = defineEvent(
  'volunteer.community_registration_ended',
  {
    subject: 'Volunteer',
    description:
      "A volunteer's community registration ended: on `endedOn`, or because the volunteer was archived (`reason`).",
    payload: z.union([
      z.object({ registrationId: field.id, communityId: field.id, endedOn: field.date }).strict(),
      z
        .object({ registrationId: field.id, communityId: field.id, reason: archivedReason })
        .strict(),
    ]),
  },
);

export const volunteerEvents = [
  volunteerRegistered,
  volunteerUpdated,
  volunteerArchived,
  volunteerCommunityRegistered,
  volunteerCommunityRegistrationEnded,
];
