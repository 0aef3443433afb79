import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';
import { MEMBER_ROLES } from './organization.entity';
import { ORGANIZATION_KINDS } from './organization.rules';

const text = z.string().nullable();
const role = field.oneOf(() => MEMBER_ROLES);

export const organizationCreated = defineEvent('organization.created', {
  subject: 'Organization',
  description: 'An organization was added to a street, at the top or under a parent.',
  payload: z
    .object({
      kind: z.enum(ORGANIZATION_KINDS),
      name: z.string(),
      code: text,
      parentId: field.id.nullable(),
    })
    .strict(),
});

export const organizationUpdated = defineEvent('organization.updated', {
  subject: 'Organization',
  description:
    'An organization changed or moved (with its subtree); `changes` holds the new values. ' +
    'The phone is the office line, not a person’s.',
  payload: z
    .object({
      changes: z
        .object({
          name: z.string(),
          code: text,
          phone: text,
          address: text,
          description: text,
          foundedOn: field.date.nullable(),
          parentId: field.id.nullable(),
        })
        .partial()
        .strict(),
    })
    .strict(),
});

export const organizationArchived = defineEvent('organization.archived', {
  subject: 'Organization',
  description: 'An organization was archived.',
  payload: z.object({}).strict(),
});

export const organizationGridsSet = defineEvent('organization.grids_set', {
  subject: 'Organization',
  description:
    'The grids an organization serves were set: all of them, and which were added or removed.',
  payload: z
    .object({ gridIds: z.array(field.id), added: z.array(field.id), removed: z.array(field.id) })
    .strict(),
});

export const organizationMemberAdded = defineEvent('organization.member_added', {
  subject: 'Organization',
  description: 'A person joined an organization in a role.',
  payload: z
    .object({ memberId: field.id, personId: field.id, role, startedOn: field.date })
    .strict(),
});

export const organizationMemberRemoved = defineEvent('organization.member_removed', {
  subject: 'Organization',
  description: "A person's membership of an organization ended.",
  payload: z.object({ memberId: field.id, personId: field.id, role, endedOn: field.date }).strict(),
});

export const organizationEvents = [
  organizationCreated,
  organizationUpdated,
  organizationArchived,
  organizationGridsSet,
  organizationMemberAdded,
  organizationMemberRemoved,
];
