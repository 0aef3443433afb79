import { z } from 'zod';
import { defineEvent } from '../../events/catalog';
import { ROLES } from '../shared/viewer';

export const userCreated = defineEvent('user.created', {
  subject: 'User',
  description: 'An account was created in a street (platform and district accounts record none).',
  payload: z.object({ role: z.enum(ROLES) }).strict(),
});

export const identityEvents = [userCreated];
