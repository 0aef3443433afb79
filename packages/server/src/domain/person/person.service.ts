import { z } from 'zod';
import { batchLoader, loader, query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, filteredReads, groupedReads, memo, type TableSpec } from '../shared/table';
import { requireWrite } from '../shared/policy';
import { createdAtOrder } from '../shared/keyset';
import { validate } from '../shared/validate';
import { archiveRow, loadForUpdate, loadReference, saveChanges } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { GridEntity } from '../grid/grid.entity';
import { gridTable } from '../grid/grid.service';
import { streetService } from '../street/street.service';
import { PersonEntity } from './person.entity';
import { personArchived, personCreated, personUpdated, type PersonField } from './person.events';
import { escapeLike } from '../shared/codes';

export const PERSON_ROLES = [
  'STAFF',
  'GRID_WORKER',
  'PARTY_MEMBER',
  'RESIDENT',
  'VOLUNTEER',
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export type Gender = 'MALE' | 'FEMALE';
export type PartyStatus = 'MEMBER' | 'PROBATIONARY';
export type PartyKind = 'RETIRED' | 'IN_SERVICE' | 'OTHER';

export interface PersonRecord extends Omit<PersonEntity, 'gender' | 'partyStatus' | 'partyKind'> {
  gender: Gender | null;
  partyStatus: PartyStatus | null;
  partyKind: PartyKind | null;
}

export interface PersonFilter {
  streetId?: string | null;
  roles?: PersonRole[] | null;
  /** Code of a grid: people living in, or serving in, its subtree. */
  gridCode?: string | null;
  partyKind?: PartyKind | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const personTable: TableSpec<PersonRecord> = {
  from: 'person p',
  alias: 'p',
  area: 'person',
  columns: entityColumns(PersonEntity, 'p'),
  orders: {
    NAME: {
      key: 'p.name',
      type: 'text',
      id: 'p.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: createdAtOrder('p'),
  },
};

const roleSql: Record<PersonRole, string> = {
  STAFF: 'p.is_staff',
  GRID_WORKER:
    'EXISTS (SELECT 1 FROM grid_assignment a WHERE a.person_id = p.id AND a.ended_on IS NULL)',
  PARTY_MEMBER: 'p.party_status IS NOT NULL',
  RESIDENT: 'p.home_grid_id IS NOT NULL',
  VOLUNTEER:
    'EXISTS (SELECT 1 FROM volunteer v WHERE v.person_id = p.id AND v.archived_at IS NULL)',
};

export function personFilterSql(filter: PersonFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!filter.includeArchived) where.push('p.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `p.street_id = ${p}::bigint`);
  // Several roles: people holding any of them.
  if (filter.roles?.length) where.push(`(${filter.roles.map((r) => roleSql[r]).join(' OR ')})`);
  if (filter.partyKind) add(filter.partyKind, (p) => `p.party_kind = ${p}`);
  if (filter.search) add(`%${escapeLike(filter.search)}%`, (p) => `p.name ILIKE ${p}`);
  if (filter.gridCode) {
    add(
      `${escapeLike(filter.gridCode)}%`,
      (p) =>
        `(EXISTS (SELECT 1 FROM grid hg WHERE hg.id = p.home_grid_id AND hg.code LIKE ${p})
        OR EXISTS (SELECT 1 FROM grid_assignment a JOIN grid ag ON ag.id = a.grid_id
                   WHERE a.person_id = p.id AND a.ended_on IS NULL AND ag.code LIKE ${p}))`,
    );
  }
  return where;
}

export const personById = byIdLoader(personTable);

/** Roles that depend on other tables, read only when a caller asks for `roles`. */
const derivedRoles = (ctx: Context) =>
  memo(ctx, 'person:derived-roles', () =>
    batchLoader<string, PersonRole[]>(ctx, async (ids) => {
      const rows = await query<{ id: string; gridWorker: boolean; volunteer: boolean }>(
        ctx,
        `SELECT x.id::text AS id,
           EXISTS (SELECT 1 FROM grid_assignment a WHERE a.person_id = x.id AND a.ended_on IS NULL) AS "gridWorker",
           EXISTS (SELECT 1 FROM volunteer v WHERE v.person_id = x.id AND v.archived_at IS NULL) AS volunteer
         FROM unnest($1::bigint[]) AS x(id)`,
        [ids],
      );
      const found = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => {
        const r = found.get(id);
        return [
          ...(r?.gridWorker ? ['GRID_WORKER' as const] : []),
          ...(r?.volunteer ? ['VOLUNTEER' as const] : []),
        ];
      });
    }),
  );

/** GB 11643 resident identity number: 17 digits and a check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

const optionalText = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters.`).nullable();
const party = z
  .object({
    status: z.enum(['MEMBER', 'PROBATIONARY']),
    kind: z.enum(['RETIRED', 'IN_SERVICE', 'OTHER']).nullable().optional(),
    joinedOn: z.iso.date('Use a date as YYYY-MM-DD.').nullable().optional(),
  })
  .nullable();
const fields = {
  gender: z.enum(['MALE', 'FEMALE']).nullable(),
  birthYear: z
    .number()
    .int()
    .min(1900, 'Birth year is 1900 or later.')
    .max(new Date().getFullYear(), 'Birth year is not in the future.')
    .nullable(),
  phone: z
    .string()
    .trim()
    .regex(
      /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/,
      'Phone is an 11-digit mobile number or a landline like 0934-1234567.',
    )
    .nullable(),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      isValidIdNumber,
      'ID number is an 18-character resident identity number with a valid check digit.',
    )
    .nullable(),
  isStaff: z.boolean(),
  partyMembership: party,
  employer: optionalText(100),
};
const name = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(50, 'Name is at most 50 characters.');
const createInput = z.object({
  name,
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])),
} as {
  name: typeof name;
} & { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> });
const updateInput = createInput.partial({ name: true });

export type PersonInput = z.input<typeof createInput> & { homeGridId?: string | null };

function columnsOf(v: z.output<typeof updateInput>): Partial<PersonEntity> {
  const membership = v.partyMembership;
  return {
    name: v.name,
    gender: v.gender,
    birthYear: v.birthYear,
    phone: v.phone,
    idNumber: v.idNumber,
    isStaff: v.isStaff,
    employer: v.employer,
    ...(membership === undefined
      ? {}
      : {
          partyStatus: membership?.status ?? null,
          partyKind: membership?.kind ?? null,
          partyJoinedOn: membership?.joinedOn ?? null,
        }),
  };
}

/** The write rule for an existing person: grid workers reach people living in their subtree. */
async function authorizePersonWrite(
  ctx: Context,
  person: PersonEntity,
  action: string,
): Promise<void> {
  let gridCode: string | null = null;
  if (person.homeGridId) {
    const [home] = await query<{ code: string }>(ctx, `SELECT code FROM grid WHERE id = $1`, [
      person.homeGridId,
    ]);
    gridCode = home?.code ?? null;
  }
  requireWrite(ctx, 'person', { streetId: person.streetId, gridCode }, action);
}

async function toRecord(ctx: Context, e: PersonEntity): Promise<PersonRecord> {
  // Re-read through the table spec so derived roles are included.
  const fresh = await personService.get({ ...ctx, loaders: new Map() }, e.id);
  return fresh!;
}

/**
 * People of a street: staff, grid workers, party members (retired or in service) and residents.
 * Phone and ID numbers are personal data: see `personal-data.ts`.
 */
export const personService = {
  get(ctx: Context, id: string): Promise<PersonRecord | null> {
    return loader(ctx, personById).load(id);
  },

  /** Everything the person is to the street, in the order of `PERSON_ROLES`. */
  async roles(ctx: Context, person: PersonRecord): Promise<PersonRole[]> {
    const derived = await derivedRoles(ctx).load(person.id);
    const held = new Set<PersonRole>(derived);
    if (person.isStaff) held.add('STAFF');
    if (person.partyStatus) held.add('PARTY_MEMBER');
    if (person.homeGridId) held.add('RESIDENT');
    return PERSON_ROLES.filter((r) => held.has(r));
  },

  ...filteredReads(personTable, personFilterSql),
  /** A street's people, batched across streets. */
  ...groupedReads(personTable, personFilterSql, { street: 'p.street_id' }),

  async create(ctx: Context, streetId: string, input: PersonInput): Promise<PersonRecord> {
    const street = await streetService.get(ctx, streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    const v = validate(createInput, input);
    const home = input.homeGridId
      ? await loadReference(
          ctx,
          GridEntity,
          input.homeGridId,
          street.id,
          ['input', 'homeGridId'],
          'grid',
          gridTable,
        )
      : null;
    // Grid workers add people of their own subtree only.
    requireWrite(ctx, 'person', { streetId: street.id, gridCode: home?.code }, 'add people');
    const saved = await repository(ctx, PersonEntity).save(
      Object.assign(new PersonEntity(), {
        streetId: street.id,
        gender: null,
        birthYear: null,
        phone: null,
        idNumber: null,
        isStaff: false,
        partyStatus: null,
        partyKind: null,
        partyJoinedOn: null,
        employer: null,
        archivedAt: null,
        ...Object.fromEntries(Object.entries(columnsOf(v)).filter(([, x]) => x !== undefined)),
        homeGridId: input.homeGridId ?? null,
      }),
    );
    // Personal data stays out of the event stream.
    await recordEvent(ctx, personCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: {},
    });
    return toRecord(ctx, saved);
  },

  async update(ctx: Context, id: string, input: Partial<PersonInput>): Promise<PersonRecord> {
    const person = await loadForUpdate(
      ctx,
      PersonEntity,
      id,
      ['input', 'id'],
      'person',
      'change people',
      (row) => authorizePersonWrite(ctx, row, 'change people'),
      personTable,
    );
    const v = validate(updateInput, input);
    if (input.homeGridId) {
      const home = await loadReference(
        ctx,
        GridEntity,
        input.homeGridId,
        person.streetId,
        ['input', 'homeGridId'],
        'grid',
        gridTable,
      );
      requireWrite(
        ctx,
        'person',
        { streetId: person.streetId, gridCode: home.code },
        'move people to this grid',
      );
    }
    const patch = { ...columnsOf(v), homeGridId: input.homeGridId };
    // Personal data stays out of the event stream: the event names the changed fields only.
    const saved = await saveChanges(ctx, PersonEntity, person, patch, personUpdated, (changes) => ({
      fields: Object.keys(changes) as PersonField[],
    }));
    return toRecord(ctx, saved);
  },

  async archive(ctx: Context, id: string): Promise<PersonRecord> {
    const person = await loadForUpdate(
      ctx,
      PersonEntity,
      id,
      ['input', 'id'],
      'person',
      'archive people',
      (row) => authorizePersonWrite(ctx, row, 'archive people'),
      personTable,
    );
    return toRecord(ctx, await archiveRow(ctx, PersonEntity, person, personArchived));
  },
};
