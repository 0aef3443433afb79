import type { PluginHook } from '@lianxin/sdk';
import type { MoralBankConfig } from './config';
import { credit } from './ledger';
import { chinaDay, type Ctx } from './rules';

/** Points of `hours` of service (whole points, rounded). */
const servicePoints = (hours: number, config: MoralBankConfig) =>
  Math.round(hours * config.pointsPerServiceHour);

/**
 * `recordId` and the records it corrects, the newest first: a correction supersedes the record
 * it corrects, whose points were perhaps awarded already.
 */
async function chainOf(ctx: Ctx, recordId: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = recordId;
  while (next && ids.length < 100 && !ids.includes(next)) {
    ids.push(next);
    next = (await ctx.core.serviceRecords.get(next))?.supersedesId ?? null;
  }
  return ids;
}

/**
 * 志愿服务积分: a confirmed service record earns its volunteer's person points per hour. A
 * confirmed correction earns the difference from what its chain earned already (negative when
 * the hours went down). Once per record, however often the event comes.
 */
export const awardService: PluginHook<MoralBankConfig> = {
  name: 'award-service',
  on: ['service_record.confirmed'],
  async run(event, ctx) {
    const record = await ctx.core.serviceRecords.get(event.subjectId);
    if (!record?.confirmed) return;
    const volunteer = await ctx.core.volunteers.get(record.volunteerId);
    if (!volunteer) return;
    const streetId = ctx.street(record.streetId);
    let points = servicePoints(record.hours, ctx.config(streetId));
    let note = `志愿服务 ${record.hours} 小时`;
    if (record.supersedesId) {
      const earlier = await chainOf(ctx, record.supersedesId);
      // What the chain earned and still holds (entries reversed since count for nothing).
      const [{ earned }] = (await ctx.db.query<{ earned: number }>(
        `SELECT coalesce(sum(e.points), 0)::int AS earned FROM entry e
         WHERE e.kind = 'SERVICE' AND e.service_record_id = ANY($1::bigint[])
           AND NOT EXISTS (SELECT 1 FROM entry r WHERE r.reverses_id = e.id)`,
        [earlier],
      )) as [{ earned: number }];
      points -= earned;
      note = `志愿服务记录更正为 ${record.hours} 小时`;
    }
    await credit(ctx, volunteer.personId, streetId, {
      kind: 'SERVICE',
      points,
      note,
      occurredOn: record.servedOn,
      source: `service_record:${record.id}`,
      serviceRecordId: record.id,
    });
  },
};

/**
 * 微心愿积分: the member who fulfilled a resident's micro-wish (the micro-wish plugin's event)
 * earns points, once per wish.
 */
export const awardWish: PluginHook<MoralBankConfig> = {
  name: 'award-wish',
  on: ['micro_wish.fulfilled'],
  async run(event, ctx) {
    const claimantId = (event.payload as { claimantId?: unknown }).claimantId;
    if (typeof claimantId !== 'string' || !event.streetId) return;
    const person = await ctx.core.people.get(claimantId);
    if (!person) return;
    const streetId = ctx.street(person.streetId);
    await credit(ctx, person.id, streetId, {
      kind: 'WISH',
      points: ctx.config(streetId).pointsPerFulfilledWish,
      note: '完成居民微心愿',
      occurredOn: chinaDay(Date.parse(event.occurredAt)),
      source: `micro_wish:${event.subjectId}`,
    });
  },
};
