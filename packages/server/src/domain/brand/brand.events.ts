import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';

export const brandCreated = defineEvent('brand.created', {
  subject: 'Brand',
  description:
    'A brand (党建品牌) was created for an organization, at the top or under a parent brand.',
  payload: z
    .object({
      name: z.string(),
      ownerId: field.id,
      parentId: field.id.nullable(),
      isPrimary: z.boolean(),
    })
    .strict(),
});

export const brandUpdated = defineEvent('brand.updated', {
  subject: 'Brand',
  description:
    'A brand changed or moved (with its sub-brands); `changes` holds the new values, `path` its new place.',
  payload: z
    .object({
      changes: z
        .object({
          name: z.string(),
          slogan: z.string().nullable(),
          description: z.string().nullable(),
          isPrimary: z.boolean(),
          ownerId: field.id,
          parentId: field.id.nullable(),
          path: z.string().regex(/^[0-9]+(\.[0-9]+)*$/),
        })
        .partial()
        .strict(),
    })
    .strict(),
});

export const brandArchived = defineEvent('brand.archived', {
  subject: 'Brand',
  description: 'A brand was archived.',
  payload: z.object({}).strict(),
});

export const brandEvents = [brandCreated, brandUpdated, brandArchived];
