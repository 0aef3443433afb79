import { z } from 'zod';

const points = (max: number) => z.number().int().min(0).max(max);

/** A street's configuration of its moral bank: how many points each kind of good earns. */
export const config = z
  .object({
    /** Points per hour of confirmed volunteer service (rounded to whole points); 0 awards none. */
    pointsPerServiceHour: points(100).default(10),
    /** Points of a good deed when the staff recording it name none. */
    pointsPerGoodDeed: points(1000).min(1).default(5),
    /** The most points one good deed may earn. */
    maxPointsPerGoodDeed: points(10_000).min(1).default(50),
    /** Points for fulfilling a resident's micro-wish (the micro-wish plugin); 0 awards none. */
    pointsPerFulfilledWish: points(1000).default(10),
  })
  .strict()
  .refine((c) => c.pointsPerGoodDeed <= c.maxPointsPerGoodDeed, {
    message: 'pointsPerGoodDeed must not be more than maxPointsPerGoodDeed',
    path: ['pointsPerGoodDeed'],
  });

export type MoralBankConfig = z.output<typeof config>;
