import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';
import { ROLES } from '../shared/viewer';

const role = z.enum(ROLES);

export const userCreated = defineEvent('user.created', {
  subject: 'User',
  description: 'An account was created (district and platform accounts belong to no street).',
  payload: z.object({ role }).strict(),
});

export const userUpdated = defineEvent('user.updated', {
  subject: 'User',
  description: "An administrator changed an account's name, role or scope.",
  payload: z
    .object({
      changed: z.array(z.enum(['displayName', 'role', 'scope', 'caseDuties'])).min(1),
      role,
      previousRole: role,
    })
    .strict(),
});

export const userDisabled = defineEvent('user.disabled', {
  subject: 'User',
  description: 'An account was disabled; its sign-ins ended.',
  payload: z.object({}).strict(),
});

export const userEnabled = defineEvent('user.enabled', {
  subject: 'User',
  description: 'A disabled account was enabled again.',
  payload: z.object({}).strict(),
});

export const userPasswordChanged = defineEvent('user.password_changed', {
  subject: 'User',
  description:
    'A password was set: by its user (CHANGE, other sign-ins ended) or with a reset token (RESET, every sign-in ended).',
  payload: z.object({ via: z.enum(['CHANGE', 'RESET']) }).strict(),
});

export const userPasswordResetIssued = defineEvent('user.password_reset_issued', {
  subject: 'User',
  description: 'An administrator issued a one-time password reset token for an account.',
  payload: z.object({ expiresAt: field.timestamp }).strict(),
});

export const userSessionEnded = defineEvent('user.session_ended', {
  subject: 'User',
  description: 'One sign-in of an account was ended by its user or an administrator.',
  payload: z.object({ sessionId: z.uuid() }).strict(),
});

export const userSignedIn = defineEvent('user.signed_in', {
  subject: 'User',
  description: 'A user signed in with their password: a new sign-in (session) began.',
  payload: z.object({ sessionId: z.uuid() }).strict(),
});

export const userSignedOutEverywhere = defineEvent('user.signed_out_everywhere', {
  subject: 'User',
  description: 'Every sign-in of an account was ended at once.',
  payload: z.object({}).strict(),
});

export const apiKeyCreated = defineEvent('api_key.created', {
  subject: 'ApiKey',
  description: 'An API key was created (keys for every street belong to no street).',
  payload: z.object({ name: z.string(), scopes: z.array(z.string()) }).strict(),
});

export const apiKeyRevoked = defineEvent('api_key.revoked', {
  subject: 'ApiKey',
  description: 'An API key was revoked; it stopped working at once.',
  payload: z.object({}).strict(),
});

export const identityEvents = [
  userCreated,
  userUpdated,
  userDisabled,
  userEnabled,
  userPasswordChanged,
  userPasswordResetIssued,
  userSessionEnded,
  userSignedIn,
  userSignedOutEverywhere,
  apiKeyCreated,
  apiKeyRevoked,
];
