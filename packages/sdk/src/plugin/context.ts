/**
 * What a plugin's code receives: the only door to the platform. Typed here, implemented by the
 * platform's plugin host; every part is scoped to the caller's streets where the plugin is
 * enabled, and the core reads are those the manifest's capabilities name.
 */

/** Who is calling, as a plugin may know it. */
export interface PluginViewer {
  readonly kind: 'anonymous' | 'user' | 'api-key' | 'admin-token' | 'system';
  readonly id: string | null;
  /** `STREET_ADMIN`, `GRID_WORKER`, `RESIDENT` … (docs/security.md); null when anonymous. */
  readonly role: string | null;
  /** Residents and volunteers: the row id of the person they are. */
  readonly personId?: string;
}

/** SQL on the plugin's own schema, run as the plugin's own PostgreSQL role. */
export interface PluginDb {
  /**
   * Runs one statement (`$1`… parameters) and answers its rows. Unqualified table names are the
   * plugin's own schema's. Other streets' rows, the core's tables and other plugins' tables are
   * refused by PostgreSQL itself. Inside a mutation, a hook or a guard, it joins that transaction.
   */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface CoreGrid {
  id: string;
  globalId: string;
  streetId: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
}

export interface CoreCase {
  id: string;
  globalId: string;
  streetId: string;
  number: string;
  title: string;
  status: string;
  urgency: string;
  gridId: string;
  categoryId: string;
  /** The level that holds the case now (`GRID`, `COMMUNITY`, `STREET`). */
  level: string | null;
}

export interface CoreOrganization {
  id: string;
  globalId: string;
  streetId: string;
  name: string;
  kind: string;
}

export interface CorePerson {
  id: string;
  globalId: string;
  streetId: string;
  /** Their name (phone and ID numbers, personal data, are never offered to plugins). */
  name: string;
  /** A Communist Party member (full or probationary). */
  partyMember: boolean;
  /** The grid they live in. */
  homeGridId: string | null;
}

export interface CoreVolunteer {
  id: string;
  globalId: string;
  streetId: string;
  /** The person who volunteers (a person is a volunteer at most once). */
  personId: string;
  archived: boolean;
}

/** A volunteer service record (志愿服务记录): it counts once confirmed, and is never edited. */
export interface CoreServiceRecord {
  id: string;
  globalId: string;
  streetId: string;
  volunteerId: string;
  /** The day served, `YYYY-MM-DD`. */
  servedOn: string;
  /** Hours served (more than 0, at most 24, two decimals). */
  hours: number;
  /** Confirmed by a person of the recording organization. */
  confirmed: boolean;
  /** The record this one corrects (a correction supersedes the newest record of its chain). */
  supersedesId: string | null;
}

/** Which rows a list asks for: one street (default: every street of the work), at most `limit`. */
export interface ListOptions {
  streetId?: string;
  /** At most this many (default 100, at most 1,000). */
  limit?: number;
}

/** The core's data, read through its services and read rules (each part needs its capability). */
export interface CoreReads {
  grids: {
    get(id: string): Promise<CoreGrid | null>;
    /** In code order. */
    list(options?: ListOptions): Promise<CoreGrid[]>;
  };
  cases: { get(id: string): Promise<CoreCase | null> };
  organizations: {
    get(id: string): Promise<CoreOrganization | null>;
    /** Not archived, in id order; `kinds` for those kinds only (`COMMUNITY`, `DEPARTMENT` …). */
    list(options?: ListOptions & { kinds?: readonly string[] }): Promise<CoreOrganization[]>;
  };
  people: {
    get(id: string): Promise<CorePerson | null>;
    /** In id order; `partyMembers` for members only. */
    list(options?: ListOptions & { partyMembers?: boolean }): Promise<CorePerson[]>;
  };
  /** `volunteers:read`. */
  volunteers: { get(id: string): Promise<CoreVolunteer | null> };
  /** `volunteers:read`. */
  serviceRecords: { get(id: string): Promise<CoreServiceRecord | null> };
}

export interface PluginLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Relay global IDs, as the API writes them. */
export interface PluginIds {
  /** The global ID of row `rowId` of GraphQL type `type`. */
  toGlobal(type: string, rowId: string): string;
  /**
   * The row id a global ID names, if it is one of `type`; otherwise a BAD_USER_INPUT error naming
   * `argument`.
   */
  rowId(globalId: string, type: string, argument: string): string;
}

export interface PluginContext<C = unknown> {
  /** The plugin's name. */
  readonly plugin: string;
  readonly viewer: PluginViewer;
  /** The caller's streets where the plugin is enabled (never empty: else it is not called). */
  readonly streetIds: readonly string[];
  /**
   * The configuration of `streetId` (default: the only street of `streetIds`; a caller of several
   * streets must name one). Throws PLUGIN_DISABLED for a street where the plugin is not enabled.
   */
  config(streetId?: string): C;
  /**
   * Checks that the plugin is enabled in `streetId` and the caller may act there; answers it.
   * Writes name their street through this, so a row never lands where the plugin is off.
   */
  street(streetId?: string): string;
  readonly db: PluginDb;
  readonly core: CoreReads;
  /**
   * Records one of the plugin's own events in the current transaction (mutations, hooks): it
   * reaches subscriptions, webhooks and hooks like a core event. Outside one it throws.
   */
  emit(
    type: string,
    event: { streetId: string; subjectId: string; payload: object },
  ): Promise<void>;
  readonly ids: PluginIds;
  /**
   * One object of a plugin type as the API answers it (its read model's fields, by row id), as
   * the current transaction sees it: what a mutation returns in its payload. Null if not visible.
   */
  load(type: string, rowId: string): Promise<Record<string, unknown> | null>;
  readonly log: PluginLogger;
  /** Aborted when the work is past its time limit or the caller went away. */
  readonly signal: AbortSignal;
}
