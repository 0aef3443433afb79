import { CASE_STATUSES, type CaseStatus } from '../../../domain/case/case.entity';
import { OPEN_STATUSES } from '../../../domain/case/case.rules';
import type { CaseRecord } from '../../../domain/case/case.service';
import type { CategoryRecord, CategoryRulesRecord } from '../../../domain/case/category.service';
import { w3cTime, type Row } from './format';

/**
 * Lianxin's cases and categories in GeoReport v2's words. Nothing here decides anything about a
 * case: the case area's rules say what is open (`OPEN_STATUSES`); this only renames.
 */

/** GeoReport's two statuses: every state of the loop that is still being handled is `open`. */
export const STATUSES: Record<'open' | 'closed', readonly CaseStatus[]> = {
  open: OPEN_STATUSES,
  closed: CASE_STATUSES.filter((s) => !OPEN_STATUSES.includes(s)),
};

export const statusOf = (status: CaseStatus): 'open' | 'closed' =>
  OPEN_STATUSES.includes(status) ? 'open' : 'closed';

/** A minor category (小类) as a service; its major (大类) is the group. */
export function serviceRow(
  category: CategoryRecord,
  major: CategoryRecord | null,
  rules: CategoryRulesRecord | null,
): Row {
  return {
    service_code: category.serviceCode,
    service_name: category.name,
    // 立案条件 says what the service is for: what a report must show to become a case.
    description: rules?.acceptanceCriteria ?? category.nameEn ?? category.name,
    // No service asks for attributes: the case rules need none beyond the spec's own fields.
    metadata: false,
    // A request is a case from the moment it is posted: its id comes back at once.
    type: 'realtime',
    keywords: [category.nameEn, major?.name, major?.nameEn].filter(Boolean).join(', ') || null,
    group: major?.name ?? null,
  };
}

/** What a request row shows beside its case, each read under the caller's own read rules. */
export interface RequestFacts {
  record: CaseRecord;
  category: CategoryRecord | null;
  /** Names of the departments working on it (dispatched, not returned) that the caller may read. */
  departments: string[];
  /** The latest note on its timeline (a rejection or cancel reason, a resolution, a remark). */
  note: string | null;
  /** The code of its grid, when the caller may read the grid: the `address_id` a report may give. */
  gridCode: string | null;
}

/** A case as a service request, with the spec's fields in the spec's order. */
export function requestRow(f: RequestFacts): Row {
  const r = f.record;
  const open = statusOf(r.status) === 'open';
  const media =
    r.mediaUrl ?? r.attachments.find((a) => /^(image|video)\//.test(a.type))?.url ?? null;
  return {
    service_request_id: r.number,
    status: statusOf(r.status),
    status_notes: f.note,
    service_name: f.category?.name ?? null,
    service_code: f.category?.serviceCode ?? null,
    description: r.description ?? r.title,
    agency_responsible: f.departments.length ? f.departments.join(', ') : null,
    service_notice: null,
    requested_datetime: w3cTime(r.reportedAt),
    updated_datetime: w3cTime(r.updatedAt),
    // The due time of the stage it is in (acceptance, then handling); none once it is closed.
    expected_datetime: open ? w3cTime(r.dueAt) : null,
    address: r.address,
    address_id: f.gridCode,
    zipcode: null,
    lat: r.latitude,
    long: r.longitude,
    media_url: media,
  };
}

/** The answer to a report: the case number, and when intake will have looked at it. */
export function reportRow(r: CaseRecord, streetName: string): Row {
  return {
    service_request_id: r.number,
    service_notice: `Filed as case ${r.number} in ${streetName}; it will be accepted or rejected by ${w3cTime(r.acceptDueAt)}.`,
    account_id: null,
  };
}
