import { z } from 'zod';

/** A street's configuration of micro-wishes. */
export const config = z
  .object({
    /** Wishes a person may have waiting (open or claimed) at once. */
    maxOpenPerPerson: z.number().int().min(1).max(50).default(3),
    /** Whether fulfilling a wish needs a photo of it. */
    requirePhotoToFulfil: z.boolean().default(false),
  })
  .strict();

export type MicroWishConfig = z.output<typeof config>;
