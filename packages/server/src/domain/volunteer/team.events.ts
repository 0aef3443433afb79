import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';

export const volunteerTeamCreated = defineEvent('volunteer_team.created', {
  subject: 'VolunteerTeam',
  description: 'A volunteer team was formed, on its own or under an organization.',
  payload: z.object({ name: z.string(), organizationId: field.id.nullable() }).strict(),
});

export const volunteerTeamUpdated = defineEvent('volunteer_team.updated', {
  subject: 'VolunteerTeam',
  description: 'A volunteer team changed; `changes` holds the new values.',
  payload: z
    .object({
      changes: z
        .object({
          name: z.string(),
          description: z.string().nullable(),
          foundedOn: field.date.nullable(),
          organizationId: field.id.nullable(),
        })
        .partial()
        .strict(),
    })
    .strict(),
});

export const volunteerTeamArchived = defineEvent('volunteer_team.archived', {
  subject: 'VolunteerTeam',
  description: 'A volunteer team was archived.',
  payload: z.object({}).strict(),
});

export const volunteerTeamMemberAdded = defineEvent('volunteer_team.member_added', {
  subject: 'VolunteerTeam',
  description: 'A volunteer joined a team.',
  payload: z.object({ volunteerId: field.id }).strict(),
});

export const volunteerTeamMemberRemoved = defineEvent('volunteer_team.member_removed', {
  subject: 'VolunteerTeam',
  description: 'A volunteer left a team.',
  payload: z.object({ volunteerId: field.id }).strict(),
});

export const volunteerTeamEvents = [
  volunteerTeamCreated,
  volunteerTeamUpdated,
  volunteerTeamArchived,
  volunteerTeamMemberAdded,
  volunteerTeamMemberRemoved,
];
