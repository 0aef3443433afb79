import { repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import type { Page, PageRequest } from '../shared/keyset';
import {
  childCounts,
  childPages,
  type ChildFilter,
  type Ordering,
  type TableSpec,
} from '../shared/table';
import { loadForUpdate, loadReference } from '../shared/write';
import { countsByKey, requireActive, today } from './common';
import { VolunteerTeamEntity, VolunteerTeamMemberEntity } from './team.entity';
import { teamTable, volunteerTeamService, type VolunteerTeamRecord } from './team.service';
import { VolunteerEntity } from './volunteer.entity';
import {
  volunteerFilterSql,
  volunteerService,
  volunteerTable,
  type VolunteerRecord,
} from './volunteer.service';
import { volunteerTeamMemberAdded, volunteerTeamMemberRemoved } from './team.events';

/** Volunteers joined to their team memberships: the rows of `VolunteerTeam.members`. */
const memberTable: TableSpec<VolunteerRecord> = {
  ...volunteerTable,
  from: `${volunteerTable.from} JOIN volunteer_team_member m ON m.volunteer_id = v.id`,
};

function memberFilter(search: string | null | undefined): ChildFilter {
  return {
    key: JSON.stringify(search ?? null),
    // A member list is the volunteer list's search over volunteers in use.
    sql: (params) => volunteerFilterSql({ search }, params),
  };
}

export interface Membership {
  team: VolunteerTeamRecord;
  volunteer: VolunteerRecord;
}

async function membership(ctx: Context, teamId: string, volunteerId: string): Promise<Membership> {
  const fresh = { ...ctx, loaders: new Map() };
  return {
    team: (await volunteerTeamService.get(fresh, teamId))!,
    volunteer: (await volunteerService.get(fresh, volunteerId))!,
  };
}

/** Members of volunteer teams: a volunteer joins a team of their street and may leave it. */
export const teamMemberService = {
  /** A page of a team's members (volunteers not archived), for many teams at once. */
  page(
    ctx: Context,
    teamId: string,
    search: string | null | undefined,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<VolunteerRecord>> {
    return childPages(ctx, memberTable, 'm.team_id', memberFilter(search), ordering, page).load(
      teamId,
    );
  },

  count(ctx: Context, teamId: string, search?: string | null): Promise<number> {
    return childCounts(ctx, memberTable, 'm.team_id', memberFilter(search)).load(teamId);
  },

  /** How many volunteers (not archived) a team has, counted whoever may see them. */
  headcount(ctx: Context, teamId: string): Promise<number> {
    return countsByKey(
      ctx,
      'volunteer:team-headcounts',
      {
        table: 'volunteer_team_member m JOIN volunteer v ON v.id = m.volunteer_id',
        alias: 'm',
      },
      'm.team_id',
      ['v.archived_at IS NULL'],
    ).load(teamId);
  },

  async add(ctx: Context, teamId: string, volunteerId: string): Promise<Membership> {
    const team = await loadForUpdate(
      ctx,
      VolunteerTeamEntity,
      teamId,
      ['input', 'teamId'],
      'volunteer team',
      'change volunteer teams',
      'volunteer',
      teamTable,
    );
    requireActive(team, ['input', 'teamId'], 'volunteer team');
    const volunteer = await loadReference(
      ctx,
      VolunteerEntity,
      volunteerId,
      team.streetId,
      ['input', 'volunteerId'],
      'volunteer',
      volunteerTable,
    );
    requireActive(volunteer, ['input', 'volunteerId'], 'volunteer');
    const repo = repository(ctx, VolunteerTeamMemberEntity);
    if (await repo.findOne({ where: { teamId: team.id, volunteerId: volunteer.id } })) {
      throw InputError.single(
        ['input', 'volunteerId'],
        'This volunteer is already a member of this team.',
        'CONFLICT',
      );
    }
    await repo.insert({
      teamId: team.id,
      volunteerId: volunteer.id,
      streetId: team.streetId,
      joinedOn: today(),
    });
    await recordEvent(ctx, volunteerTeamMemberAdded, {
      streetId: team.streetId,
      subjectId: team.id,
      payload: { volunteerId: volunteer.id },
    });
    return membership(ctx, team.id, volunteer.id);
  },

  async remove(ctx: Context, teamId: string, volunteerId: string): Promise<Membership> {
    const team = await loadForUpdate(
      ctx,
      VolunteerTeamEntity,
      teamId,
      ['input', 'teamId'],
      'volunteer team',
      'change volunteer teams',
      'volunteer',
      teamTable,
    );
    const result = await repository(ctx, VolunteerTeamMemberEntity).delete({
      teamId: team.id,
      volunteerId,
    });
    if (!result.affected) {
      throw InputError.single(
        ['input', 'volunteerId'],
        'This volunteer is not a member of this team.',
        'NOT_FOUND',
      );
    }
    await recordEvent(ctx, volunteerTeamMemberRemoved, {
      streetId: team.streetId,
      subjectId: team.id,
      payload: { volunteerId },
    });
    return membership(ctx, team.id, volunteerId);
  },
};
