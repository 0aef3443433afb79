import { z } from 'zod';
import { loader, query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, filteredReads, type TableSpec } from '../shared/table';
import { requireStreetWrite } from '../shared/tenancy';
import { validate } from '../shared/validate';
import { archiveRow, loadForUpdate, loadReference, saveChanges } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { OrganizationEntity } from '../organization/organization.entity';
import { organizationTable } from '../organization/organization.service';
import { streetService } from '../street/street.service';
import {
  adder,
  escapeLike,
  name,
  optionalText,
  pastDate,
  requireActive,
  requireNotArchived,
  rowsByKey,
} from './common';
import { VolunteerTeamEntity } from './team.entity';
import { volunteerTeamArchived, volunteerTeamCreated, volunteerTeamUpdated } from './team.events';

export type VolunteerTeamRecord = VolunteerTeamEntity;

export interface VolunteerTeamFilter {
  streetId?: string | null;
  organizationId?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const teamTable: TableSpec<VolunteerTeamRecord> = {
  from: 'volunteer_team t',
  alias: 't',
  // Teams are public within the street, like the organizations that run them.
  area: 'organization',
  columns: entityColumns(VolunteerTeamEntity, 't'),
  orders: {
    NAME: {
      key: 't.name',
      type: 'text',
      id: 't.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: {
      key: 't.created_at',
      type: 'timestamptz',
      id: 't.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

export function teamFilterSql(filter: VolunteerTeamFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = adder(where, params);
  if (!filter.includeArchived) where.push('t.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `t.street_id = ${p}::bigint`);
  if (filter.organizationId) add(filter.organizationId, (p) => `t.organization_id = ${p}::bigint`);
  if (filter.search) add(`%${escapeLike(filter.search)}%`, (p) => `t.name ILIKE ${p}`);
  return where;
}

export const teamById = byIdLoader(teamTable);

const details = {
  description: optionalText(500).optional(),
  foundedOn: pastDate.nullable().optional(),
};
const createInput = z.object({ name, ...details });
const updateInput = z.object({ name: name.optional(), ...details });

export type VolunteerTeamInput = z.input<typeof updateInput> & { organizationId?: string | null };

async function checkName(ctx: Context, streetId: string, teamName: string, except?: string) {
  const [taken] = await query<{ id: string }>(
    ctx,
    `SELECT id::text FROM volunteer_team
     WHERE street_id = $1 AND lower(name) = lower($2) AND archived_at IS NULL AND id <> $3`,
    [streetId, teamName, except ?? '0'],
  );
  if (taken) {
    throw InputError.single(
      ['input', 'name'],
      `A volunteer team named ${teamName} already exists in this street.`,
      'TAKEN',
    );
  }
}

async function checkOrganization(ctx: Context, streetId: string, id: string | null | undefined) {
  if (!id) return;
  const organization = await loadReference(
    ctx,
    OrganizationEntity,
    id,
    streetId,
    ['input', 'organizationId'],
    'organization',
    organizationTable,
  );
  requireActive(organization, ['input', 'organizationId'], 'organization');
}

async function reread(ctx: Context, id: string): Promise<VolunteerTeamRecord> {
  return (await volunteerTeamService.get({ ...ctx, loaders: new Map() }, id))!;
}

/** Volunteer teams (志愿服务队), each optionally run by an organization of the street. */
export const volunteerTeamService = {
  get(ctx: Context, id: string): Promise<VolunteerTeamRecord | null> {
    return loader(ctx, teamById).load(id);
  },

  ...filteredReads(teamTable, teamFilterSql),

  /** Teams (not archived) a volunteer belongs to, by name. */
  ofVolunteer(ctx: Context, volunteerId: string): Promise<VolunteerTeamRecord[]> {
    return rowsByKey(
      ctx,
      'volunteer:teams-of-volunteer',
      { ...teamTable, from: 'volunteer_team t JOIN volunteer_team_member m ON m.team_id = t.id' },
      'm.volunteer_id',
      { where: ['t.archived_at IS NULL'], orderBy: 't.name, t.id' },
    ).load(volunteerId);
  },

  /** Teams (not archived) run by an organization, by name. */
  ofOrganization(ctx: Context, organizationId: string): Promise<VolunteerTeamRecord[]> {
    return rowsByKey(ctx, 'volunteer:teams-of-organization', teamTable, 't.organization_id', {
      where: ['t.archived_at IS NULL'],
      orderBy: 't.name, t.id',
    }).load(organizationId);
  },

  async create(
    ctx: Context,
    streetId: string,
    input: VolunteerTeamInput & { name: string },
  ): Promise<VolunteerTeamRecord> {
    const street = await streetService.get(ctx, streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    requireStreetWrite(ctx, street.id, 'create volunteer teams', 'volunteer');
    const v = validate(createInput, input);
    await checkOrganization(ctx, street.id, input.organizationId);
    await checkName(ctx, street.id, v.name);
    const saved = await repository(ctx, VolunteerTeamEntity).save(
      Object.assign(new VolunteerTeamEntity(), {
        streetId: street.id,
        organizationId: input.organizationId ?? null,
        name: v.name,
        description: v.description ?? null,
        foundedOn: v.foundedOn ?? null,
        archivedAt: null,
      }),
    );
    await recordEvent(ctx, volunteerTeamCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: { name: saved.name, organizationId: saved.organizationId },
    });
    return reread(ctx, saved.id);
  },

  async update(ctx: Context, id: string, input: VolunteerTeamInput): Promise<VolunteerTeamRecord> {
    const team = await loadForUpdate(
      ctx,
      VolunteerTeamEntity,
      id,
      ['input', 'id'],
      'volunteer team',
      'change volunteer teams',
      'volunteer',
      teamTable,
    );
    const v = validate(updateInput, input);
    await checkOrganization(ctx, team.streetId, input.organizationId);
    if (v.name !== undefined && v.name !== team.name)
      await checkName(ctx, team.streetId, v.name, team.id);
    await saveChanges(
      ctx,
      VolunteerTeamEntity,
      team,
      { ...v, organizationId: input.organizationId },
      volunteerTeamUpdated,
    );
    return reread(ctx, team.id);
  },

  async archive(ctx: Context, id: string): Promise<VolunteerTeamRecord> {
    const team = await loadForUpdate(
      ctx,
      VolunteerTeamEntity,
      id,
      ['input', 'id'],
      'volunteer team',
      'archive volunteer teams',
      'volunteer',
      teamTable,
    );
    requireNotArchived(team, 'volunteer team');
    await archiveRow(ctx, VolunteerTeamEntity, team, volunteerTeamArchived);
    return reread(ctx, team.id);
  },
};
