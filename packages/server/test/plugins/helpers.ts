/**
 * What the plugin host tests share: the streets they use, small manifests and tables for their
 * inline test plugins, and a few calls through the API as the platform's administrator.
 */
import type { PluginManifest } from '@lianxin/sdk';
import type { TestCaller, TestPlatform, TestResponse } from '@lianxin/sdk/testing';

/** 南街 (西峰区): where the test plugins are enabled. */
export const NANJIE = '621002001';
/** 城北街道 (another district): where they are not, or only for a while. */
export const CHENGBEI = '360502001';

/** A valid manifest for a test plugin named `name`, with `extra` over it. */
export function manifest(name: string, extra: Partial<PluginManifest> = {}): PluginManifest {
  return {
    name,
    version: '1.0.0',
    platform: '^0.1.0',
    displayName: { zh: '测试插件', en: `Test plugin ${name}` },
    description: `A plugin the host tests load (${name}).`,
    ...extra,
  };
}

/** A plugin table as the host requires it: an id, its street, and `columns`. */
export const streetTable = (table: string, columns: string) =>
  `CREATE TABLE ${table} (
     id bigserial PRIMARY KEY,
     street_id bigint NOT NULL REFERENCES public.street (id),
     ${columns}
   )`;

/** The row id a global ID holds (`Type:id`, base64url). */
export const rowId = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

/** The street's row id. */
export const streetRowId = (p: TestPlatform, code: string) => rowId(p.streetId(code));

/** The codes of a response's errors, in order. */
export const codes = (res: TestResponse) => (res.errors ?? []).map((e) => e.extensions?.code);

/** Makes a person in the street as the administrator (a core mutation: `person.created`). */
export async function createPerson(p: TestPlatform, code: string, name: string): Promise<string> {
  const res = await p.admin.data<any>(
    `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { person { id } userErrors { message } } }`,
    { input: { streetId: p.streetId(code), name, homeGridId: await p.grid(code) } },
  );
  if (!res.createPerson.person)
    throw new Error(`createPerson failed: ${JSON.stringify(res.createPerson.userErrors)}`);
  return rowId(res.createPerson.person.id);
}

/** Each hook of `plugin` as `pluginStatus` reports it. */
export async function hookStatus(
  caller: TestCaller,
  plugin: string,
): Promise<
  Record<string, { failures: number; lastError: string | null; behind: number }> | undefined
> {
  const data = await caller.data<any>(
    `{ pluginStatus { name hooks { name failures lastError behind } } }`,
  );
  const found = data.pluginStatus.find((p: { name: string }) => p.name === plugin);
  return (
    found &&
    Object.fromEntries(
      found.hooks.map((h: any) => [
        h.name,
        { failures: h.failures, lastError: h.lastError, behind: h.behind },
      ]),
    )
  );
}

/** The core still answers: a query over every street, as the administrator. */
export async function coreAnswers(p: TestPlatform): Promise<number> {
  const data = await p.admin.data<{ streets: { totalCount: number } }>(
    `{ streets { totalCount } }`,
  );
  return data.streets.totalCount;
}
