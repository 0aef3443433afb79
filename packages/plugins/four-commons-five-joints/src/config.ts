import { z } from 'zod';
import { ORGANIZATION_KINDS } from './rules';

/** A street's configuration of 四共五联. */
export const config = z
  .object({
    /**
     * Member units a joint deliberation needs before it may be decided (共议、共决 are the
     * committee's, not one unit's). Checked by decideJointDeliberation.
     */
    quorum: z.number().int().min(1).max(30).default(2),
    /**
     * Kinds of organization invited to the 急事共商 deliberation opened when an urgent case
     * reaches the street: every organization of the street of these kinds becomes a member unit.
     */
    urgentUnitKinds: z
      .array(z.enum(ORGANIZATION_KINDS))
      .min(1, 'name at least one kind of organization to invite')
      .max(ORGANIZATION_KINDS.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'name each kind once')
      .default(['JOINT_COMMITTEE', 'STREET_COMMITTEE']),
  })
  .strict();

export type FourCommonsConfig = z.output<typeof config>;
