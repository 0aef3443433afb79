import type { StoredEvent } from '../../events/stream';
import { query, type Context } from '../shared/context';
import type { LiveRequest, LiveSubjects } from '../shared/live';
import { readableSql } from '../shared/table';
import type { CaseStatus } from './case.entity';
import { caseTable, type CaseRecord } from './case.service';

/** A case as a live subscriber may read it now, with what its filters look at. */
export interface LiveCase {
  record: CaseRecord;
  /** Its grid's code: a subtree filter is a code prefix. */
  gridCode: string;
  departmentIds: string[];
}

/** What a case subscription narrows to; every part optional, all parts must hold. */
export interface CaseLiveFilter {
  caseIds?: readonly string[];
  /** Grid codes: the case's grid is one of them or below one. */
  gridCodes?: readonly string[];
  departmentIds?: readonly string[];
  streetIds?: readonly string[];
  /** The status the event left the case in. */
  statuses?: readonly CaseStatus[];
}

/** Every case event, and only those: the `case.` events about a Case (not its categories). */
export const isCaseEvent = (e: StoredEvent) =>
  e.subjectType === 'Case' && e.type.startsWith('case.');

/**
 * Reads the cases of a batch of events with the viewer's rights (street scope and the case read
 * rule: a department sees what was dispatched to it, a grid worker its subtree, a resident
 * what they reported), in one statement.
 */
const liveCases: LiveSubjects<LiveCase, Context>['load'] = async (ctx, ids) => {
  const params: unknown[] = [ids];
  const scope = readableSql(ctx, caseTable, params);
  const rows = await query<CaseRecord & { liveGridCode: string; liveDepartmentIds: string[] }>(
    ctx,
    `SELECT ${caseTable.columns}, lg.code AS "liveGridCode",
       ARRAY(SELECT d.department_id::text FROM case_department d WHERE d.case_id = c.id) AS "liveDepartmentIds"
     FROM case_file c JOIN grid lg ON lg.id = c.grid_id
     WHERE c.id = ANY($1::bigint[])${scope.map((s) => ` AND ${s}`).join('')}`,
    params,
  );
  return new Map(
    rows.map(({ liveGridCode, liveDepartmentIds, ...record }) => [
      record.id,
      { record: record as CaseRecord, gridCode: liveGridCode, departmentIds: liveDepartmentIds },
    ]),
  );
};

function matches(f: CaseLiveFilter, c: LiveCase, e: StoredEvent): boolean {
  if (f.caseIds && !f.caseIds.includes(c.record.id)) return false;
  if (f.streetIds && !f.streetIds.includes(c.record.streetId)) return false;
  if (f.gridCodes && !f.gridCodes.some((code) => c.gridCode.startsWith(code))) return false;
  if (f.departmentIds && !f.departmentIds.some((d) => c.departmentIds.includes(d))) return false;
  if (f.statuses && !f.statuses.includes((e.payload as { to: CaseStatus }).to)) return false;
  return true;
}

/** The live request of a case subscription: case events its viewer may read, filtered. */
export function caseLiveRequest(
  ctx: Context,
  filter: CaseLiveFilter,
  after?: string,
): LiveRequest<LiveCase, Context> {
  const streets = filter.streetIds;
  const reach = ctx.viewer.streetIds;
  return {
    after,
    key: `case:${JSON.stringify(filter)}`,
    // Offered only events of the streets it asked for, or else of those its caller reaches.
    streets: streets ?? (reach === 'all' ? undefined : reach),
    accepts: (e) => isCaseEvent(e) && (!streets || streets.includes(e.streetId ?? '')),
    subjects: {
      key: 'case',
      idOf: (e) => e.subjectId,
      load: liveCases,
      matches: (c, e) => matches(filter, c, e),
    },
  };
}
