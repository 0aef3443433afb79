import { z } from 'zod';
import { defineEvent } from '../../events/catalog';

export const streetCreated = defineEvent('street.created', {
  subject: 'Street',
  description: 'A street (tenant) was added to its district.',
  payload: z
    .object({
      code: z.string().regex(/^[0-9]{9}$/),
      name: z.string(),
      districtCode: z.string().regex(/^[0-9]{6}$/),
    })
    .strict(),
});

export const streetUpdated = defineEvent('street.updated', {
  subject: 'Street',
  description: 'A street was renamed; `changes` holds the new values.',
  payload: z.object({ changes: z.object({ name: z.string().optional() }).strict() }).strict(),
});

export const streetArchived = defineEvent('street.archived', {
  subject: 'Street',
  description: 'A street was archived.',
  payload: z.object({}).strict(),
});

export const streetEvents = [streetCreated, streetUpdated, streetArchived];
