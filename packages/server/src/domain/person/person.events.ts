import { z } from 'zod';
import { defineEvent } from '../../events/catalog';

// Personal data stays out of the event stream: payloads name what changed, never values.

export const personCreated = defineEvent('person.created', {
  subject: 'Person',
  description: 'A person was added to a street.',
  payload: z.object({}).strict(),
});

export const personUpdated = defineEvent('person.updated', {
  subject: 'Person',
  description:
    "A person's record changed; `fields` names the fields that changed, not their values.",
  payload: z
    .object({
      fields: z.array(
        z.enum([
          'name',
          'gender',
          'birthYear',
          'phone',
          'idNumber',
          'isStaff',
          'employer',
          'partyStatus',
          'partyKind',
          'partyJoinedOn',
          'homeGridId',
        ]),
      ),
    })
    .strict(),
});

/** A field of a person's record, as `person.updated` names it. */
export type PersonField = z.output<typeof personUpdated.payload>['fields'][number];

export const personArchived = defineEvent('person.archived', {
  subject: 'Person',
  description: 'A person was archived.',
  payload: z.object({}).strict(),
});

export const personEvents = [personCreated, personUpdated, personArchived];
