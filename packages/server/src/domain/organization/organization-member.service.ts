import { IsNull } from 'typeorm';
import { z } from 'zod';
import { batchLoader, loader, query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, memo, type TableSpec } from '../shared/table';
import { scopeSql } from '../shared/tenancy';
import { validate } from '../shared/validate';
import { loadForUpdate, loadReference } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { PersonEntity } from '../person/person.entity';
import { personTable } from '../person/person.service';
import { OrganizationEntity, OrganizationMemberEntity } from './organization.entity';
import { PARTY_KINDS } from './organization.rules';
import { organizationTable, today, type OrganizationKind } from './organization.service';
import { organizationMemberAdded, organizationMemberRemoved } from './organization.events';
import { MEMBER_ROLES, type MemberRole } from './organization.entity';

export { MEMBER_ROLES, type MemberRole };

export interface OrganizationMemberRecord extends Omit<OrganizationMemberEntity, 'role'> {
  role: MemberRole;
}

export interface MemberFilter {
  role?: MemberRole | null;
  /** Include memberships that have ended (default: only current ones). */
  includeEnded?: boolean | null;
}

const roleRank = (column: string) =>
  `array_position(ARRAY[${MEMBER_ROLES.map((r) => `'${r}'`).join(',')}]::text[], ${column})`;

export const memberTable: TableSpec<OrganizationMemberRecord> = {
  from: 'organization_member m',
  alias: 'm',
  area: 'organization',
  columns: entityColumns(OrganizationMemberEntity, 'm'),
  orders: {
    ROLE: {
      key: roleRank('m.role'),
      type: 'int',
      id: 'm.id',
      valueOf: (r) => MEMBER_ROLES.indexOf(r.role as MemberRole) + 1,
      idOf: (r) => r.id as string,
    },
  },
};

export const memberById = byIdLoader(memberTable);

export function memberFilterSql(filter: MemberFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (!filter.includeEnded) where.push('m.ended_on IS NULL');
  if (filter.role) {
    params.push(filter.role);
    where.push(`m.role = $${params.length}`);
  }
  return where;
}

/** Current memberships of many people, in organizations still in use. */
const membershipsOfPerson = (ctx: Context) =>
  memo(ctx, 'organization:memberships-of-person', () =>
    batchLoader<string, OrganizationMemberRecord[]>(ctx, async (personIds) => {
      const params: unknown[] = [personIds];
      const scope = scopeSql(ctx, 'm.street_id', params);
      const rows = await query<OrganizationMemberRecord>(
        ctx,
        `SELECT ${memberTable.columns} FROM organization_member m
           JOIN organization o ON o.id = m.organization_id
           WHERE m.person_id = ANY($1::bigint[]) AND m.ended_on IS NULL AND o.archived_at IS NULL
             ${scope ? `AND ${scope}` : ''}
           ORDER BY ${roleRank('m.role')}, m.id`,
        params,
      );
      const byPerson = new Map<string, OrganizationMemberRecord[]>();
      for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
      return personIds.map((id) => byPerson.get(id) ?? []);
    }),
  );

/** Roles only one person holds at a time in an organization. */
const SINGLE_HOLDER: Partial<Record<MemberRole, string>> = {
  SECRETARY: 'a secretary (书记)',
  DIRECTOR: 'a director (主任)',
};
/** Roles that, in a party organization, only party members hold. */
const PARTY_ROLES: readonly MemberRole[] = [
  'SECRETARY',
  'DEPUTY_SECRETARY',
  'COMMITTEE_MEMBER',
  'MEMBER',
];

// A membership is current until it has an end date, so neither day may lie ahead.
const date = z.iso
  .date('Use a date as YYYY-MM-DD.')
  .refine((d) => d <= today(), 'The date is not in the future.');

async function readMember(ctx: Context, id: string): Promise<OrganizationMemberRecord> {
  const [row] = await query<OrganizationMemberRecord>(
    ctx,
    `SELECT ${memberTable.columns} FROM organization_member m WHERE m.id = $1`,
    [id],
  );
  return row!;
}

/**
 * Members of organizations (组织成员): who holds which role, from when to when. A membership is
 * never deleted; it ends, and stays in the organization's history.
 *
 * Rules: a party organization (党工委, 大工委, 社区大党委, 党支部, 党小组) is led by a secretary,
 * not a director, and its secretaries, committee members and members are party members; an
 * organization has one secretary and one director at a time; a person holds a role in an
 * organization once at a time.
 */
export const organizationMemberService = {
  get(ctx: Context, id: string): Promise<OrganizationMemberRecord | null> {
    return loader(ctx, memberById).load(id);
  },

  /** The person's current memberships in organizations in use. */
  membershipsOf(ctx: Context, personId: string): Promise<OrganizationMemberRecord[]> {
    return membershipsOfPerson(ctx).load(personId);
  },

  async add(
    ctx: Context,
    input: {
      organizationId: string;
      personId: string;
      role: MemberRole;
      startedOn?: string | null;
    },
  ): Promise<OrganizationMemberRecord> {
    // Locking the organization serialises its roster, so "one secretary" holds under concurrency.
    const org = await loadForUpdate(
      ctx,
      OrganizationEntity,
      input.organizationId,
      ['input', 'organizationId'],
      'organization',
      'add organization members',
      'organization',
      organizationTable,
    );
    if (org.archivedAt)
      throw InputError.single(
        ['input', 'organizationId'],
        'The organization is archived.',
        'CONFLICT',
      );
    const person = await loadReference(
      ctx,
      PersonEntity,
      input.personId,
      org.streetId,
      ['input', 'personId'],
      'person',
      personTable,
    );
    if (person.archivedAt)
      throw InputError.single(['input', 'personId'], 'The person is archived.', 'CONFLICT');
    const role = validate(z.enum(MEMBER_ROLES), input.role, ['input', 'role']);
    const party = PARTY_KINDS.includes(org.kind as OrganizationKind);
    if (party && (role === 'DIRECTOR' || role === 'DEPUTY_DIRECTOR')) {
      throw InputError.single(
        ['input', 'role'],
        'A party organization is led by a secretary (书记) and deputy secretaries, not directors.',
        'INVALID',
      );
    }
    if (party && PARTY_ROLES.includes(role) && !person.partyStatus) {
      throw InputError.single(
        ['input', 'personId'],
        `Only party members (党员) hold the role ${role} in a party organization.`,
        'INVALID',
      );
    }
    const startedOn =
      input.startedOn == null ? today() : validate(date, input.startedOn, ['input', 'startedOn']);
    const repo = repository(ctx, OrganizationMemberEntity);
    const duplicate = await repo.findOne({
      where: { organizationId: org.id, personId: person.id, role, endedOn: IsNull() },
    });
    if (duplicate) {
      throw InputError.single(
        ['input', 'personId'],
        'This person already holds this role in this organization.',
        'CONFLICT',
      );
    }
    const single = SINGLE_HOLDER[role];
    if (single) {
      const holder = await repo.findOne({
        where: { organizationId: org.id, role, endedOn: IsNull() },
      });
      if (holder) {
        throw InputError.single(
          ['input', 'role'],
          `This organization already has ${single}; end that membership first.`,
          'CONFLICT',
        );
      }
    }
    const saved = await repo.save(
      Object.assign(new OrganizationMemberEntity(), {
        streetId: org.streetId,
        organizationId: org.id,
        personId: person.id,
        role,
        startedOn,
        endedOn: null,
      }),
    );
    await recordEvent(ctx, organizationMemberAdded, {
      streetId: org.streetId,
      subjectId: org.id,
      payload: { memberId: saved.id, personId: person.id, role, startedOn },
    });
    return readMember(ctx, saved.id);
  },

  async end(ctx: Context, id: string, endedOn?: string | null): Promise<OrganizationMemberRecord> {
    const m = await loadForUpdate(
      ctx,
      OrganizationMemberEntity,
      id,
      ['input', 'memberId'],
      'organization member',
      'change organization members',
      'organization',
      memberTable,
    );
    if (m.endedOn)
      throw InputError.single(
        ['input', 'memberId'],
        'This membership has already ended.',
        'ILLEGAL_TRANSITION',
      );
    const end = endedOn == null ? today() : validate(date, endedOn, ['input', 'endedOn']);
    if (end < m.startedOn)
      throw InputError.single(
        ['input', 'endedOn'],
        `The membership started on ${m.startedOn}.`,
        'INVALID',
      );
    m.endedOn = end;
    await repository(ctx, OrganizationMemberEntity).save(m);
    await recordEvent(ctx, organizationMemberRemoved, {
      streetId: m.streetId,
      subjectId: m.organizationId,
      payload: { memberId: m.id, personId: m.personId, role: m.role as MemberRole, endedOn: end },
    });
    return readMember(ctx, m.id);
  },
};
