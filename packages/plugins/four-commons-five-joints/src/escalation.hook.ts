import type { PluginHook } from '@lianxin/sdk';
import type { FourCommonsConfig } from './config';
import { openDeliberation, titled } from './deliberation.service';

/** Case states in which there is nothing left to consult on. */
const OVER = ['CLOSED', 'CANCELLED', 'REJECTED'];

/**
 * 急事共商 for urgent cases: when a case of urgency A is escalated to the street, a URGENT
 * deliberation linked to it is opened, in discussion at once, with the street's committee
 * units (configuration: `urgentUnitKinds`) as members. At most one per case, even when the
 * event is handed over again (at least once delivery): the unique index on the case decides.
 */
export const openUrgentDeliberation: PluginHook<FourCommonsConfig> = {
  name: 'open-urgent-deliberation',
  on: ['case.escalated'],
  async run(event, ctx) {
    if (event.payload.toLevel !== 'STREET' || !event.streetId) return;
    const found = await ctx.core.cases.get(event.subjectId);
    if (!found || found.urgency !== 'A' || OVER.includes(found.status)) return;
    const { urgentUnitKinds } = ctx.config(event.streetId);
    const units = await ctx.core.organizations.list({
      streetId: event.streetId,
      kinds: urgentUnitKinds,
      limit: 30,
    });
    const id = await openDeliberation(ctx, event.streetId, {
      kind: 'URGENT',
      title: titled('URGENT', found.title),
      agenda: `案件 ${found.number} 紧急程度 A，已上报至街道。请成员单位立即会商处置方案、明确牵头单位和完成时限。`,
      unitIds: units.map((u) => u.id),
      caseId: found.id,
      meetingOn: null,
      origin: 'CASE_ESCALATION',
    });
    if (id)
      ctx.log.info({ caseId: found.id, deliberationId: id }, '急事共商 opened for an urgent case');
  },
};
