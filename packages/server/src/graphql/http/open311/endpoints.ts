import { gridForReport } from '../../../domain/case/case-placement';
import { caseService, type CaseFilter, type CaseRecord } from '../../../domain/case/case.service';
import {
  categoryService,
  type CategoryFilter,
  type CategoryRecord,
} from '../../../domain/case/category.service';
import { gridService } from '../../../domain/grid/grid.service';
import { organizationService } from '../../../domain/organization/organization.service';
import { inTransaction, type Context } from '../../../domain/shared/context';
import { InputError } from '../../../domain/shared/errors';
import type { Page, PageRequest } from '../../../domain/shared/keyset';
import { readAccess } from '../../../domain/shared/policy';
import type { Viewer } from '../../../domain/shared/viewer';
import { streetService, type StreetRecord } from '../../../domain/street/street.service';
import { Open311Error, type Document, type Row } from './format';
import { reportRow, requestRow, serviceRow, STATUSES } from './mapping';
import { echo, type Params } from './params';

/** The most requests one answer holds, and the window a search spans (GeoReport v2's numbers). */
export const MAX_REQUESTS = 1000;
const WINDOW_MS = 90 * 24 * 3600 * 1000;
/** GeoReport v2 limits a description to 4,000 characters. */
const MAX_DESCRIPTION = 4000;

/** An answer: its document and status, and how many rows it holds (what it cost). */
export interface Answer {
  status: number;
  doc: Document;
  rows: number;
  headers?: Record<string, string>;
}

const bad = (description: string | string[]) => new Open311Error(400, description);
const list = (root: string, item: string, rows: Row[], status = 200): Answer => ({
  status,
  doc: { root, item, rows },
  rows: rows.length,
});

const reaches = (viewer: Viewer, streetId: string) =>
  viewer.streetIds === 'all' || viewer.streetIds.includes(streetId);

/** Every item of a paged read, up to `max`, a page of 100 at a time. */
async function everyPage<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  max = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = await read({ first: Math.min(100, max - items.length), after });
    items.push(...page.items.map((i) => i.node));
    after = page.hasNextPage ? page.items[page.items.length - 1]!.cursor : null;
  } while (after && items.length < max);
  return items;
}

const categories = (ctx: Context, filter: CategoryFilter) =>
  everyPage((page) =>
    categoryService.list(ctx, filter, { field: 'CODE', descending: false }, page),
  );

/**
 * The street `jurisdiction_id` names: a jurisdiction here is a street (街道), by its 9-digit code.
 * Streets are public, so an unknown code is a 404 for everyone.
 */
async function jurisdictionOf(ctx: Context, params: Params): Promise<StreetRecord | null> {
  const code = params.one('jurisdiction_id');
  if (code === undefined) return null;
  const street = /^[0-9]{9}$/.test(code) ? await streetService.byCode(ctx, code) : null;
  if (!street || street.archivedAt) {
    throw new Open311Error(
      404,
      `jurisdiction_id ${echo(code)} was not found: a jurisdiction is a street, named by its 9-digit code (e.g. 621002001).`,
    );
  }
  return street;
}

/** Services: the minor categories (小类) a case of the jurisdiction may be filed under. */
export async function services(ctx: Context, params: Params): Promise<Answer> {
  const street = await jurisdictionOf(ctx, params);
  // Without a jurisdiction: the platform's catalog and the caller's streets' own (the category
  // area's scope); with one, the platform's and that street's own if the caller reaches it.
  const minors = await categories(ctx, { major: false, reach: street?.id });
  const rows = await Promise.all(
    minors.map(async (c) => {
      const [major, rules] = await Promise.all([
        categoryService.get(ctx, c.parentId!),
        categoryService.rules(ctx, c.id, c.version),
      ]);
      return serviceRow(c, major, rules);
    }),
  );
  return list('services', 'service', rows);
}

/** A service's definition: its attributes, of which Lianxin's services have none. */
export async function serviceDefinition(
  ctx: Context,
  code: string,
  params: Params,
): Promise<Answer> {
  const street = await jurisdictionOf(ctx, params);
  const found = await categories(ctx, { serviceCodes: [code], major: false, reach: street?.id });
  if (found.length === 0) {
    throw new Open311Error(
      404,
      `service_code ${echo(code)} was not found; services.json lists the services.`,
    );
  }
  if (found.length > 1) {
    throw bad(
      `service_code ${echo(code)} names services of several streets: give jurisdiction_id.`,
    );
  }
  return {
    status: 200,
    doc: {
      root: 'service_definition',
      object: { service_code: code },
      lists: { attributes: { item: 'attribute', rows: [] } },
    },
    rows: 1,
  };
}

/** Requests are cases: only callers the case area lets read some may ask (see docs/open311.md). */
function requireCaseReader(ctx: Context): void {
  if (ctx.viewer.kind === 'anonymous') {
    throw new Open311Error(
      403,
      'api_key: service requests are not public here; send an API key with the case:read scope (api_key, or Authorization: Bearer <key>).',
    );
  }
  if (readAccess(ctx.viewer, 'case') === 'none') {
    throw new Open311Error(
      403,
      'This credential may not read service requests: an API key needs the case:read scope.',
    );
  }
}

/** A jurisdiction the caller reads, if one is named. */
async function readableJurisdiction(ctx: Context, params: Params): Promise<StreetRecord | null> {
  const street = await jurisdictionOf(ctx, params);
  if (street && !reaches(ctx.viewer, street.id)) {
    throw new Open311Error(
      403,
      `jurisdiction_id: this credential may not read the requests of ${street.code} (${street.name}).`,
    );
  }
  return street;
}

/**
 * A search: by ids (which override every other parameter, as the spec says), or by service codes,
 * statuses and a window of at most 90 days on the time requested (the last 90 days by default);
 * the newest first, at most 1000. Only cases the caller may read are found.
 */
export async function searchRequests(ctx: Context, params: Params): Promise<Answer> {
  requireCaseReader(ctx);
  const street = await readableJurisdiction(ctx, params);
  const ids = params.list('service_request_id', MAX_REQUESTS);
  let filter: CaseFilter;
  if (ids) filter = { streetId: street?.id, numbers: ids };
  else {
    const statuses = params.list('status', 2)?.flatMap((s) => {
      const key = s.toLowerCase();
      if (key !== 'open' && key !== 'closed') {
        throw bad(`status is open or closed (or both, comma-separated); got ${echo(s)}.`);
      }
      return STATUSES[key];
    });
    const codes = params.list('service_code', 100);
    let categoryIds: string[] | undefined;
    if (codes) {
      const found = await categories(ctx, {
        serviceCodes: codes,
        reach: street?.id,
        includeArchived: true,
      });
      const unknown = codes.filter((code) => !found.some((c) => c.serviceCode === code));
      if (unknown.length) {
        throw bad(
          `service_code: no service has the code ${unknown.map(echo).join(', ')}; services.json lists them.`,
        );
      }
      categoryIds = found.map((c) => c.id);
    }
    const start = params.time('start_date');
    const given = params.time('end_date');
    const end = given ?? (start ? new Date(start.getTime() + WINDOW_MS) : new Date());
    const from = start ?? new Date(end.getTime() - WINDOW_MS);
    if (from > end) throw bad('start_date is after end_date.');
    if (end.getTime() - from.getTime() > WINDOW_MS) {
      throw bad('start_date and end_date may be at most 90 days apart.');
    }
    // end_date is the latest time included.
    const to = new Date(end.getTime() + 1);
    filter = { streetId: street?.id, statuses, categoryIds, reportedFrom: from, reportedTo: to };
  }
  const records = await everyPage(
    (page) => caseService.list(ctx, filter, { field: 'REPORTED_AT', descending: true }, page),
    MAX_REQUESTS,
  );
  return list('service_requests', 'request', await requestRows(ctx, records));
}

/** One request by its id (the case number); another street's answers like an unknown one. */
export async function oneRequest(ctx: Context, id: string, params: Params): Promise<Answer> {
  requireCaseReader(ctx);
  const street = await readableJurisdiction(ctx, params);
  const record = await caseService.byNumber(ctx, id);
  if (!record || (street && record.streetId !== street.id)) {
    throw new Open311Error(404, `service_request_id ${echo(id)} was not found.`);
  }
  return list('service_requests', 'request', await requestRows(ctx, [record]));
}

/** Rows for cases, each fact read through its area's service and the caller's read rules. */
async function requestRows(ctx: Context, records: CaseRecord[]): Promise<Row[]> {
  return Promise.all(
    records.map(async (record) => {
      const [category, departments, timeline, grid] = await Promise.all([
        categoryService.get(ctx, record.categoryId),
        caseService.departments(ctx, record.id),
        caseService.timeline(ctx, record.id),
        gridService.get(ctx, record.gridId),
      ]);
      const working = departments.filter((d) => d.state !== 'RETURNED' && d.state !== 'WITHDRAWN');
      const agencies = await Promise.all(
        working.map((d) => organizationService.get(ctx, d.departmentId)),
      );
      return requestRow({
        record,
        category,
        departments: agencies.flatMap((o) => (o ? [o.name] : [])),
        note: timeline.findLast((e) => e.note?.trim())?.note ?? null,
        gridCode: grid?.code ?? null,
      });
    }),
  );
}

/** The street a report goes to: the jurisdiction named, or the one street of the caller. */
async function reportStreet(ctx: Context, params: Params): Promise<StreetRecord> {
  const street = await jurisdictionOf(ctx, params);
  const scope = ctx.viewer.streetIds;
  if (street) {
    if (!reaches(ctx.viewer, street.id)) {
      throw new Open311Error(
        403,
        `jurisdiction_id: this credential may not report in ${street.code} (${street.name}).`,
      );
    }
    return street;
  }
  if (scope !== 'all' && scope.length === 1) return (await streetService.get(ctx, scope[0]!))!;
  if (scope !== 'all' && scope.length === 0) {
    throw new Open311Error(403, 'This credential belongs to no street and may not report.');
  }
  throw bad('jurisdiction_id is required: this credential reaches several streets.');
}

/** A case's title from what the request says: the description's first line, or the service. */
function titleOf(description: string | undefined, category: CategoryRecord): string {
  const line = [...(description?.split(/\r?\n/).find((l) => l.trim()) ?? '').trim()];
  if (line.length === 0) return category.name;
  return line.length > 60 ? `${line.slice(0, 59).join('')}…` : line.join('');
}

/**
 * Reports a case (POST requests): the service code names the category, the place decides the grid
 * (case-placement.ts), and `caseService.report` does the rest under its own rules, idempotency
 * included. A retry with the same key answers the first case with 200 and `Idempotent-Replayed`.
 */
export async function report(
  ctx: Context,
  params: Params,
  idempotencyKey: string | undefined,
): Promise<Answer> {
  if (ctx.viewer.kind === 'anonymous') {
    throw new Open311Error(
      403,
      'api_key: reporting needs an API key with the case:write scope (api_key, or Authorization: Bearer <key>).',
    );
  }
  const street = await reportStreet(ctx, params);
  const code = params.one('service_code');
  const problems: string[] = [];
  if (!code) problems.push('service_code is required; services.json lists the services.');
  for (const name of params.attributes.keys()) {
    problems.push(
      `attribute[${name}]: service ${echo(code ?? '')} has no attributes (its definition lists none).`,
    );
  }
  const lat = params.degrees('lat');
  const long = params.degrees('long');
  if (lat !== undefined && long === undefined) problems.push('long is required with lat.');
  if (long !== undefined && lat === undefined) problems.push('lat is required with long.');
  const address = params.one('address_string');
  const addressId = params.one('address_id');
  if (lat === undefined && long === undefined && !address && !addressId) {
    problems.push('Say where the problem is: lat and long, address_string or address_id.');
  }
  const description = params.one('description')?.trim() || undefined;
  const length = description ? [...description].length : 0;
  if (length > MAX_DESCRIPTION) {
    problems.push(`description is at most 4,000 characters; it has ${length}.`);
  }
  if (problems.length) throw bad(problems);

  const { record, replayed } = await inTransaction(ctx, async (tx) => {
    const [category] = await categories(tx, {
      serviceCodes: [code!],
      reach: street.id,
      includeArchived: true,
    });
    if (!category) {
      throw InputError.single(
        ['input', 'categoryId'],
        `No service has the code ${echo(code!)} here; services.json lists them.`,
        'NOT_FOUND',
      );
    }
    const gridId = await gridForReport(tx, street.id, {
      gridCode: addressId,
      latitude: lat,
      longitude: long,
    });
    return caseService.report(tx, {
      streetId: street.id,
      categoryId: category.id,
      gridId,
      title: titleOf(description, category),
      description,
      // GeoReport has no urgency: reports come in as B (normal); intake changes it on accepting.
      urgency: 'B',
      address,
      latitude: lat,
      longitude: long,
      mediaUrl: params.one('media_url'),
      idempotencyKey,
    });
  });
  return {
    ...list('service_requests', 'request', [reportRow(record, street.name)], replayed ? 200 : 201),
    headers: replayed ? { 'idempotent-replayed': 'true' } : undefined,
  };
}
