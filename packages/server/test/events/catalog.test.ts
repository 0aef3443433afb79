import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { activityCreated } from '../../src/domain/activity/activity.events';
import { gridCreated } from '../../src/domain/grid/grid.events';
import { gridService } from '../../src/domain/grid/grid.service';
import { personCreated } from '../../src/domain/person/person.events';
import { inTransaction } from '../../src/domain/shared/context';
import { recordEvent } from '../../src/domain/shared/events';
import { systemViewer } from '../../src/domain/shared/viewer';
import { defineEvent, encodePayload, EventCatalog, field } from '../../src/events/catalog';
import { printEventCatalog } from '../../src/events/docs';
import { createContext, releaseContext } from '../../src/graphql/context';
import { createLogger } from '../../src/logger';
import { apiSchema } from '../../src/app';
import { BUNDLED_PLUGINS } from '../../src/config';
import { PluginHost } from '../../src/host/host';
import { eventTypes, nodeFetchers, readModels, relations } from '../../src/modules';
import { startTestPlatform, type TestPlatform } from '../harness';

const thing = (description: string) => ({
  subject: 'Thing',
  description,
  payload: z.object({ thingId: field.id }).strict(),
});

describe('defineEvent', () => {
  it.each([
    'grid',
    'Grid.created',
    'grid.Created',
    'grid.created-now',
    'grid.created.again',
    'grid.staff__assigned',
    '.created',
    'grid.',
    'grid. created',
  ])('refuses the name %j', (name) => {
    expect(() => defineEvent(name, thing('x'))).toThrow(
      `Event name "${name}" is not <area>.<what_happened> in lower snake case`,
    );
  });

  it('takes <area>.<what_happened> in lower snake case', () => {
    expect(defineEvent('service_post.claim_released', thing('x')).name).toBe(
      'service_post.claim_released',
    );
  });

  it('refuses a payload schema that would let unnamed fields through', () => {
    expect(() =>
      defineEvent('thing.happened', { ...thing('x'), payload: z.object({ a: z.string() }) }),
    ).toThrow('Event thing.happened: the payload schema must be z.object({...}).strict()');
    expect(() =>
      defineEvent('thing.happened', {
        ...thing('x'),
        payload: z.union([z.object({ a: z.string() }).strict(), z.object({ b: z.string() })]),
      }),
    ).toThrow('must be z.object({...}).strict()');
  });

  it('refuses a subject that is not a type name', () => {
    expect(() => defineEvent('thing.happened', { ...thing('x'), subject: 'thing' })).toThrow(
      'subject "thing" is not a type name',
    );
  });
});

describe('EventCatalog', () => {
  it('refuses two event types of one name, naming both', () => {
    const first = defineEvent('thing.happened', thing('The first thing.'));
    const second = defineEvent('thing.happened', thing('The second thing.'));
    expect(() => new EventCatalog([first, second])).toThrow(
      /^Event type thing\.happened is defined twice: "The first thing\." \(Thing, at \S*catalog\.test\.ts:\d+\) and "The second thing\." \(Thing, at \S*catalog\.test\.ts:\d+\)$/,
    );
  });

  it("holds the server's event types, each once, found by name", () => {
    const catalog = new EventCatalog(eventTypes);
    expect(catalog.all()).toEqual(eventTypes);
    expect(catalog.get('grid.created')).toBe(gridCreated);
    expect(catalog.get('grid.exploded')).toBeUndefined();
    expect(eventTypes.length).toBeGreaterThanOrEqual(44);
  });

  it('names no personal field in any payload (an organization’s phone is its office line)', () => {
    const personal = ['phone', 'idNumber', 'birthYear', 'gender', 'employer', 'partyJoinedOn'];
    const found: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties') {
          for (const name of Object.keys(value as object))
            if (personal.includes(name)) found.push(`${at}.${name}`);
        }
        walk(value, at);
      }
    };
    for (const type of eventTypes) walk(z.toJSONSchema(type.payload, { io: 'input' }), type.name);
    expect(found).toEqual(['organization.updated.phone']);
  });

  it('says what is wrong with a payload, never the values in it', () => {
    let message = '';
    try {
      encodePayload(personCreated, { phone: '13800138000' } as never);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Event person.created has an invalid payload');
    expect(message).toContain('Unrecognized key: "phone"');
    expect(message).not.toContain('13800138000');
  });

  it('stores dates as text and gives them back as dates', () => {
    const startsAt = new Date('2026-03-05T01:30:00.000Z');
    const payload = {
      kind: 'LECTURE' as const,
      title: '讲座',
      startsAt,
      brandId: null,
      organizationId: '7',
      gridId: null,
    };
    const stored = encodePayload(activityCreated, payload);
    expect(stored).toEqual({ ...payload, startsAt: '2026-03-05T01:30:00.000Z' });
    expect(activityCreated.payload.parse(JSON.parse(JSON.stringify(stored)))).toEqual(payload);
  });
});

describe('docs/events.md', () => {
  const file = path.resolve(__dirname, '../../../../docs/events.md');
  const start = '<!-- generated from the event catalog: do not edit by hand -->\n';
  const end = '<!-- end of generated list -->';

  it("lists every event type as the catalog defines it, the bundled plugins' too (LIANXIN_WRITE_DOCS=1 rewrites it)", () => {
    const text = readFileSync(file, 'utf8');
    const [head, rest] = text.split(start);
    const tail = rest!.slice(rest!.indexOf(end));
    const host = PluginHost.loadSync(BUNDLED_PLUGINS, createLogger({ LOG_LEVEL: 'silent' }));
    host.build(null, {
      schema: apiSchema(),
      models: readModels,
      relations,
      fetchers: nodeFetchers,
    });
    expect(host.refused).toEqual([]);
    const all = [...eventTypes, ...host.eventTypes()];
    const expected = `${head}${start}\n${printEventCatalog(all)}${tail}`;
    if (process.env.LIANXIN_WRITE_DOCS === '1' && text !== expected) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});

describe('events the platform records', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ seed: 'demo' });
  });
  afterAll(() => p.stop());

  /** Reads as the tables' owner across all streets (row-level security is forced on events). */
  async function read<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = await p.db.scoped('*');
    try {
      return (await client.query(sql, params)).rows as R[];
    } finally {
      client.release();
    }
  }

  it('builds the catalog when the app starts', () => {
    expect(p.app.events.get('grid.created')).toBe(gridCreated);
    expect(p.app.events.all()).toHaveLength(eventTypes.length);
  });

  it('stores, for every event of the demo seed, a known type, its subject and a payload its schema reads', async () => {
    const rows = await read<{ type: string; subjectType: string; payload: unknown }>(
      `SELECT type, subject_type AS "subjectType", payload FROM domain_event`,
    );
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.type);
      const type = p.app.events.get(row.type);
      if (!type) problems.push(`${row.type}: not in the catalog`);
      else if (type.subject !== row.subjectType)
        problems.push(`${row.type}: subject ${row.subjectType}, not ${type.subject}`);
      else {
        const parsed = type.payload.safeParse(row.payload);
        if (!parsed.success) problems.push(`${row.type}: ${z.prettifyError(parsed.error)}`);
      }
    }
    expect(problems).toEqual([]);
    // The seed goes through the services: most kinds of event are there.
    expect(rows.length).toBeGreaterThan(100);
    expect(seen.size).toBeGreaterThanOrEqual(15);
  });

  it('fails the write, and writes nothing, when an event does not match its schema', async () => {
    const ctx = createContext(
      { db: p.appDb, logger: createLogger({ LOG_LEVEL: 'silent' }) },
      systemViewer,
    );
    const [parent] = await read<{ id: string; streetId: string; code: string }>(
      `SELECT id::text, street_id::text AS "streetId", code FROM grid WHERE level = 'STREET' ORDER BY id LIMIT 1`,
    );
    const code = `${parent!.code}987`;
    const counts = async () =>
      (
        await read<{ grids: number; events: number }>(
          `SELECT (SELECT count(*)::int FROM grid WHERE code = $1) AS grids,
                  (SELECT count(*)::int FROM domain_event) AS events`,
          [code],
        )
      )[0];
    const before = await counts();
    expect(before!.grids).toBe(0);

    let created: string | undefined;
    await expect(
      inTransaction(ctx, async (tx) => {
        const grid = await gridService.create(tx, {
          streetId: parent!.streetId,
          parentId: parent!.id,
          code,
          name: '事件测试网格',
        });
        created = grid.id;
        await recordEvent(tx, gridCreated, {
          streetId: parent!.streetId,
          subjectId: grid.id,
          payload: { code: 5 } as never,
        });
      }),
    ).rejects.toThrow(/^Event grid\.created has an invalid payload:[\s\S]*→ at code/);
    expect(created).toBeDefined();
    expect(await counts()).toEqual(before);
    await releaseContext(ctx);
  });
});
