/**
 * What the typed client lets through the compiler, and what it stops. Checked by
 * `client-types.test.ts` with `tsc --noEmit -p` on this folder: each `@ts-expect-error` must
 * stop a real error (an unused one fails tsc), and the rest must compile.
 */
import {
  CaseByNumberDocument,
  CasesDocument,
  createClient,
  CreateGridDocument,
  isWebhookEventOfType,
  LoginDocument,
  ReportCaseDocument,
  StreetsDocument,
  verifyWebhook,
  ViewerDocument,
  type CaseByNumberQuery,
  type WebhookEvent,
} from '../../src';

const client = createClient({ url: 'http://127.0.0.1:4000/graphql', token: 'token' });

export async function variables(): Promise<void> {
  // Right: required variables given, optional ones left out, enums as their values.
  await client.request(LoginDocument, { username: 'nanjie.admin', password: 'secret' });
  await client.request(StreetsDocument, { first: 10 });
  await client.request(StreetsDocument, {});
  await client.request(ViewerDocument);
  await client.request(CasesDocument, { filter: { statuses: ['REPORTED', 'ACCEPTED'] } });
  await client.request(ReportCaseDocument, {
    input: { streetId: 'S', gridId: 'G', categoryId: 'C', title: '乱停车', urgency: 'B' },
  });

  // @ts-expect-error a required variable (password) is missing
  await client.request(LoginDocument, { username: 'nanjie.admin' });
  // @ts-expect-error the variables are required at all
  await client.request(LoginDocument);
  // @ts-expect-error a variable of the wrong type (first is an Int)
  await client.request(StreetsDocument, { first: '10' });
  // @ts-expect-error a variable the operation does not declare
  await client.request(StreetsDocument, { first: 10, last: 5 });
  // @ts-expect-error an enum value that does not exist
  await client.request(CasesDocument, { filter: { statuses: ['OPEN'] } });
  const missingUrgency = { streetId: 'S', gridId: 'G', categoryId: 'C', title: '乱停车' };
  // @ts-expect-error a required input field (urgency) is missing
  await client.request(ReportCaseDocument, { input: missingUrgency });
  const grid = { streetId: 'S', code: '621002001900', name: '网格' };
  // @ts-expect-error an input field the input type does not have
  await client.request(CreateGridDocument, { input: { ...grid, colour: 'red' } });
  await client.request(CreateGridDocument, { input: grid });
}

export async function results(): Promise<void> {
  const streets = await client.request(StreetsDocument, { first: 10 });
  // Right: selected fields, with their nullability.
  const codes: string[] = streets.streets.nodes.map((s) => s.code);
  const cursor: string | null = streets.streets.pageInfo.endCursor;
  const found: CaseByNumberQuery = await client.request(CaseByNumberDocument, { number: '1' });
  const status = found.caseByNumber?.status;
  void [codes, cursor, status];

  // @ts-expect-error a field the operation does not select (createdAt)
  void streets.streets.nodes[0]?.createdAt;
  // @ts-expect-error a field that does not exist at all
  void streets.streets.nodes[0]?.population;
  // @ts-expect-error a nullable result used as if it were always there
  void found.caseByNumber.status;
  // @ts-expect-error a field read as the wrong type (totalCount is a number)
  const total: string = streets.streets.totalCount;
  void total;
  // @ts-expect-error a status compared with a value it can never have
  if (found.caseByNumber?.status === 'OPEN') return;
}

export function webhooks(headers: Record<string, string>, body: string): void {
  const event: WebhookEvent = verifyWebhook('whsec_x', headers, body);
  const id: string = event.id;
  void id;
  if (isWebhookEventOfType(event, 'case.rated')) {
    // Right: a case.rated event carries its rating and the case's number.
    const rating: 'SATISFIED' | 'NEUTRAL' | 'DISSATISFIED' = event.payload.rating;
    const number: string = event.payload.number;
    void [rating, number];
    // @ts-expect-error a case.rated event has no departmentId
    void event.payload.departmentId;
  }
  // @ts-expect-error an event type the catalogue does not have
  isWebhookEventOfType(event, 'case.exploded');
  // @ts-expect-error the body must be given
  verifyWebhook('whsec_x', headers);
}
