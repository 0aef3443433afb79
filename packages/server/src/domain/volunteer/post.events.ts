import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';
import { SERVICE_POST_KINDS } from './post.entity';
import { archivedReason } from './volunteer.events';

const kind = field.oneOf(() => SERVICE_POST_KINDS);
const capacity = z.number().int().positive().nullable();

export const servicePostCreated = defineEvent('service_post.created', {
  subject: 'ServicePost',
  description: 'A service post (党员责任岗 …) was set up.',
  payload: z.object({ name: z.string(), kind, capacity }).strict(),
});

export const servicePostUpdated = defineEvent('service_post.updated', {
  subject: 'ServicePost',
  description: 'A service post changed; `changes` holds the new values.',
  payload: z
    .object({
      changes: z
        .object({
          name: z.string(),
          kind,
          capacity,
          description: z.string().nullable(),
          organizationId: field.id.nullable(),
          gridId: field.id.nullable(),
        })
        .partial()
        .strict(),
    })
    .strict(),
});

export const servicePostArchived = defineEvent('service_post.archived', {
  subject: 'ServicePost',
  description: 'A service post was archived.',
  payload: z.object({}).strict(),
});

export const servicePostClaimed = defineEvent('service_post.claimed', {
  subject: 'ServicePost',
  description: 'A volunteer claimed (took on) a service post.',
  payload: z.object({ claimId: field.id, volunteerId: field.id, claimedOn: field.date }).strict(),
});

export const servicePostClaimReleased = defineEvent('service_post.claim_released', {
  subject: 'ServicePost',
  description:
    "A volunteer's claim of a post was released: on `releasedOn`, or because the volunteer was archived (`reason`).",
  payload: z.union([
    z.object({ claimId: field.id, volunteerId: field.id, releasedOn: field.date }).strict(),
    z.object({ claimId: field.id, volunteerId: field.id, reason: archivedReason }).strict(),
  ]),
});

export const servicePostEvents = [
  servicePostCreated,
  servicePostUpdated,
  servicePostArchived,
  servicePostClaimed,
  servicePostClaimReleased,
];
