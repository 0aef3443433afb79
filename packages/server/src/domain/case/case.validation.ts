import { z } from 'zod';

/** An http(s) URL of at most 2000 characters; `what` names it in messages. */
export const httpUrl = (what: string) =>
  z
    .string()
    .max(2000, `${what} is at most 2000 characters.`)
    .refine((u) => /^https?:\/\/[^\s]+$/.test(u) && URL.canParse(u), {
      message: `${what} is an http(s) URL.`,
    });

/** Attachments: files stored elsewhere (an object store), described with what proves them. */
export const attachmentInput = z.object({
  url: httpUrl('An attachment URL'),
  type: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'An attachment type is a MIME type such as image/jpeg.'),
  size: z
    .number({ error: 'An attachment size is a number of bytes.' })
    .int('An attachment size is a whole number of bytes.')
    .min(1, 'An attachment is at least 1 byte.')
    .max(100 * 1024 * 1024, 'An attachment is at most 100 MiB.'),
  checksum: z
    .string({ error: 'An attachment needs its checksum (sha256:<64 hex digits>).' })
    .regex(/^sha256:[0-9a-f]{64}$/, 'A checksum is sha256: and 64 lower-case hex digits.'),
  name: z
    .string()
    .trim()
    .max(200, 'An attachment name is at most 200 characters.')
    .nullable()
    .optional(),
});

export const attachmentsInput = z.array(attachmentInput).max(20, 'At most 20 attachments.');

/** A note on a transition. */
export const noteInput = z
  .string()
  .trim()
  .max(2000, 'A note is at most 2000 characters.')
  .transform((s) => s || null)
  .nullable()
  .optional();
