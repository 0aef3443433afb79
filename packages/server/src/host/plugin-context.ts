import type { CoreReads, PluginContext, PluginViewer } from '@lianxin/sdk';
import { PluginError } from '@lianxin/sdk';
import { caseById } from '../domain/case/case.service';
import { loader, onBehalfOf, query, type Context } from '../domain/shared/context';
import { PublicError } from '../domain/shared/errors';
import { recordEvent } from '../domain/shared/events';
import { readableSql, type TableSpec } from '../domain/shared/table';
import { gridById, gridTable, type GridRecord } from '../domain/grid/grid.service';
import {
  organizationById,
  organizationTable,
  type OrganizationRecord,
} from '../domain/organization/organization.service';
import { personById, personTable, type PersonRecord } from '../domain/person/person.service';
import { serviceRecordById } from '../domain/volunteer/service-record.read';
import { volunteerById } from '../domain/volunteer/volunteer.service';
import type { EventType } from '../events/catalog';
import { rowIdOf, toGlobalId } from '../graphql/relay/global-id';
import type { Enablement } from './enablement';
import type { LoadedPlugin } from './plugin';
import { byIdOf } from './plugin-read-models';
import { runAsPlugin } from './plugin-sql';

/** What the host keeps for each plugin that its contexts need. */
export interface PluginRuntime {
  readonly plugin: LoadedPlugin;
  readonly enablement: Enablement;
  /** Its event types by name. */
  readonly events: ReadonlyMap<string, EventType>;
  /** Its read models' tables by type, for `load`. */
  readonly tables: ReadonlyMap<string, TableSpec<Record<string, unknown>>>;
  /** Its configuration in a street, parsed (defaults applied). */
  config(streetId: string): unknown;
}

const toGrid = (g: GridRecord) => ({
  id: g.id,
  globalId: toGlobalId('Grid', g.id),
  streetId: g.streetId,
  code: g.code,
  name: g.name,
  level: g.level,
  parentId: g.parentId ?? null,
});

const toOrganization = (o: OrganizationRecord) => ({
  id: o.id,
  globalId: toGlobalId('Organization', o.id),
  streetId: o.streetId,
  name: o.name,
  kind: o.kind,
});

const toPerson = (p: PersonRecord) => ({
  id: p.id,
  globalId: toGlobalId('Person', p.id),
  streetId: p.streetId,
  name: p.name,
  partyMember: p.partyStatus !== null,
  homeGridId: p.homeGridId ?? null,
});

export const pluginDisabled = (plugin: string, where = 'here') =>
  new PublicError(
    'PLUGIN_DISABLED',
    `The plugin "${plugin}" is not enabled ${where}. A street administrator enables it with enablePlugin.`,
    { plugin },
  );

export interface WorkOptions {
  /** The caller's streets where the plugin is on (the host works them out). */
  streets: readonly string[];
  signal: AbortSignal;
  /** When the work's time is up (epoch ms): statements are stopped by then. */
  deadline: number;
}

/**
 * One piece of a plugin's work (a resolver call, a hook run, a guard) gets a context of its
 * own over the core context `core`: it is switched off when the work ends or runs out of time,
 * so a plugin that goes on afterwards reaches nothing.
 */
export function pluginContext(
  runtime: PluginRuntime,
  core: Context,
  opts: WorkOptions,
): { ctx: PluginContext; end(): void } {
  const { plugin } = runtime;
  const name = plugin.manifest.name;
  let over = false;
  const live = () => {
    if (over || opts.signal.aborted) {
      throw new Error(`Plugin "${name}": its work here is over (finished or past its time limit)`);
    }
  };
  const streetOf = (streetId?: string): string => {
    if (streetId === undefined) {
      if (opts.streets.length === 1) return opts.streets[0]!;
      throw new PluginError(
        'BAD_USER_INPUT',
        `This caller works in several streets where "${name}" is enabled: name the street.`,
      );
    }
    if (opts.streets.includes(streetId)) return streetId;
    if (!runtime.enablement.enabledIn(name, streetId)) throw pluginDisabled(name, 'in this street');
    throw new PluginError('FORBIDDEN', 'This caller may not act in that street.');
  };
  const capability = (needed: string) => {
    if (!plugin.manifest.capabilities.includes(needed as never)) {
      throw new Error(
        `Plugin "${name}" reads ${needed.split(':')[0]} without the capability ${needed} in its manifest`,
      );
    }
  };
  const readable = <R extends { streetId: string }>(row: R | null | undefined): R | null =>
    row && opts.streets.includes(row.streetId) ? row : null;

  /** Rows of a core table in the work's streets (or one of them), through its read rule. */
  const listIn = async <R>(
    table: TableSpec<R>,
    options: { streetId?: string; limit?: number },
    /** More conditions, appending their parameters. */
    filters: (params: unknown[]) => string[],
    order: string,
  ): Promise<R[]> => {
    const limit = Math.min(Math.max(1, options.limit ?? 100), 1000);
    const streets = options.streetId ? [streetOf(options.streetId)] : opts.streets;
    const params: unknown[] = [streets];
    const conditions = [
      `${table.alias}.street_id = ANY($1::bigint[])`,
      ...filters(params),
      ...readableSql(core, table, params),
    ];
    params.push(limit);
    const orderBy = order === 'CODE' ? `${table.alias}.code` : `${table.alias}.id`;
    const rows = await query<Record<string, unknown>>(
      core,
      `SELECT ${table.columns} FROM ${table.from} WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy} LIMIT $${params.length}`,
      params,
    );
    return (table.map ? rows.map(table.map) : rows) as R[];
  };

  const core$: CoreReads = {
    grids: {
      async get(id) {
        capability('grids:read');
        live();
        const g = readable(await loader(core, gridById).load(id));
        return g && toGrid(g);
      },
      async list(options = {}) {
        capability('grids:read');
        live();
        const rows = await listIn(gridTable, options, () => [], 'CODE');
        return rows.map(toGrid);
      },
    },
    cases: {
      async get(id) {
        capability('cases:read');
        live();
        const c = readable(await loader(core, caseById).load(id));
        return (
          c && {
            id: c.id,
            globalId: toGlobalId('Case', c.id),
            streetId: c.streetId,
            number: c.number,
            title: c.title,
            status: c.status,
            urgency: c.urgency,
            gridId: c.gridId,
            categoryId: c.categoryId,
            level: c.level,
          }
        );
      },
    },
    organizations: {
      async get(id) {
        capability('organizations:read');
        live();
        const o = readable(await loader(core, organizationById).load(id));
        return o && toOrganization(o);
      },
      async list(options = {}) {
        capability('organizations:read');
        live();
        const { alias } = organizationTable;
        const filters = (params: unknown[]) => {
          const list = [`${alias}.archived_at IS NULL`];
          if (options.kinds) {
            params.push([...options.kinds]);
            list.push(`${alias}.kind = ANY($${params.length}::text[])`);
          }
          return list;
        };
        return (await listIn(organizationTable, options, filters, 'ID')).map(toOrganization);
      },
    },
    people: {
      async get(id) {
        capability('people:read');
        live();
        const p = readable(await loader(core, personById).load(id));
        return p && toPerson(p);
      },
      async list(options = {}) {
        capability('people:read');
        live();
        const filters = () =>
          options.partyMembers ? [`${personTable.alias}.party_status IS NOT NULL`] : [];
        return (await listIn(personTable, options, filters, 'ID')).map(toPerson);
      },
    },
    volunteers: {
      async get(id) {
        capability('volunteers:read');
        live();
        const v = readable(await loader(core, volunteerById).load(id));
        return (
          v && {
            id: v.id,
            globalId: toGlobalId('Volunteer', v.id),
            streetId: v.streetId,
            personId: v.personId,
            archived: v.archivedAt !== null,
          }
        );
      },
    },
    serviceRecords: {
      async get(id) {
        capability('volunteers:read');
        live();
        const r = readable(await loader(core, serviceRecordById).load(id));
        return (
          r && {
            id: r.id,
            globalId: toGlobalId('ServiceRecord', r.id),
            streetId: r.streetId,
            volunteerId: r.volunteerId,
            servedOn: r.servedOn,
            hours: r.hours,
            confirmed: r.confirmedAt !== null,
            supersedesId: r.supersedesId,
          }
        );
      },
    },
  };

  const remaining = () => Math.max(1, opts.deadline - Date.now());
  const viewer: PluginViewer = {
    kind: core.viewer.kind,
    id: core.viewer.id,
    role: core.viewer.role,
    ...(core.viewer.personId ? { personId: core.viewer.personId } : {}),
  };
  const log = core.logger.child({ plugin: name });
  const ctx: PluginContext = {
    plugin: name,
    viewer,
    streetIds: opts.streets,
    config: (streetId) => runtime.config(streetOf(streetId)),
    street: streetOf,
    db: {
      async query<R>(text: string, params: readonly unknown[] = []) {
        live();
        if (core.tx) return runAsPlugin<R>(core, plugin, opts.streets, remaining(), text, params);
        // A read outside a transaction gets one of its own, on a connection of its own.
        return onBehalfOf(core, core.viewer, (tx) =>
          runAsPlugin<R>(tx, plugin, opts.streets, remaining(), text, params),
        );
      },
    },
    core: core$,
    async emit(type, event) {
      live();
      const eventType = runtime.events.get(type);
      if (!eventType)
        throw new Error(`Plugin "${name}" emits ${type}, which is not one of its events`);
      if (!core.tx)
        throw new Error(
          `Plugin "${name}" emits ${type} outside a transaction (mutations, hooks and guards have one)`,
        );
      await recordEvent(core, eventType, {
        streetId: streetOf(event.streetId),
        subjectId: event.subjectId,
        payload: event.payload,
      });
    },
    ids: {
      toGlobal: toGlobalId,
      rowId: (globalId, type, argument) => rowIdOf(globalId, type, argument),
    },
    async load(type, rowId) {
      live();
      const table = runtime.tables.get(type);
      if (!table) throw new Error(`Plugin "${name}" loads ${type}, which is not one of its types`);
      return readable(
        (await loader(core, byIdOf(table)).load(rowId)) as { streetId: string } | null,
      ) as Record<string, unknown> | null;
    },
    log: {
      info: (fields, message) => log.info(fields, message),
      warn: (fields, message) => log.warn(fields, message),
      error: (fields, message) => log.error(fields, message),
    },
    signal: opts.signal,
  };
  return { ctx, end: () => (over = true) };
}
