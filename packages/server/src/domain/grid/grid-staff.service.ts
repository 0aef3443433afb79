import { IsNull } from 'typeorm';
import { z } from 'zod';
import { batchLoader, query, repository, type Context } from '../shared/context';
import { today } from '../shared/dates';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { entityColumns } from '../shared/entity-columns';
import { byIdLoader, memo, readableSql, type TableSpec } from '../shared/table';
import { validate } from '../shared/validate';
import { loadForUpdate, loadReference } from '../shared/write';
import { PersonEntity } from '../person/person.entity';
import { personTable } from '../person/person.service';
import { GridAssignmentEntity, GridEntity } from './grid.entity';
import { gridTable } from './grid.service';
import { gridStaffAssigned, gridStaffUnassigned } from './grid.events';
import { GRID_ROLES, type GridRole } from './grid.entity';

export { GRID_ROLES, type GridRole };

export interface GridAssignmentRecord extends Omit<GridAssignmentEntity, 'role'> {
  role: GridRole;
}

export const assignmentTable: TableSpec<GridAssignmentRecord> = {
  // An assignment is visible to whoever sees its grid.
  from: 'grid_assignment a JOIN grid ag ON ag.id = a.grid_id',
  alias: 'a',
  area: 'grid',
  areaAlias: 'ag',
  columns: entityColumns(GridAssignmentEntity, 'a'),
  orders: {},
};

export const assignmentById = byIdLoader(assignmentTable);

const date = z.iso.date('Use a date as YYYY-MM-DD.');

const assignmentsOfPerson = (ctx: Context) =>
  memo(ctx, 'grid:assignments-of-person', () =>
    batchLoader<string, GridAssignmentRecord[]>(ctx, async (personIds) => {
      const params: unknown[] = [personIds];
      const readable = readableSql(ctx, assignmentTable, params);
      const rows = await query<GridAssignmentRecord>(
        ctx,
        `SELECT ${assignmentTable.columns} FROM ${assignmentTable.from}
           WHERE ${['a.person_id = ANY($1::bigint[])', 'a.ended_on IS NULL', ...readable].join(' AND ')} ORDER BY a.id`,
        params,
      );
      const byPerson = new Map<string, GridAssignmentRecord[]>();
      for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
      return personIds.map((id) => byPerson.get(id) ?? []);
    }),
  );

/**
 * Grid staff (网格员 …): people serving a grid in one of the five roles, from a start date until
 * an end date. Assignments are never deleted; ending one keeps the history.
 */
export const gridStaffService = {
  assignmentsOf(ctx: Context, personId: string): Promise<GridAssignmentRecord[]> {
    return assignmentsOfPerson(ctx).load(personId);
  },

  async assignStaff(
    ctx: Context,
    input: { gridId: string; personId: string; role: GridRole; startedOn?: string | null },
  ): Promise<GridAssignmentRecord> {
    const grid = await loadForUpdate(
      ctx,
      GridEntity,
      input.gridId,
      ['input', 'gridId'],
      'grid',
      'assign grid staff',
      'grid',
      gridTable,
    );
    if (grid.archivedAt)
      throw InputError.single(['input', 'gridId'], 'The grid is archived.', 'CONFLICT');
    const person = await loadReference(
      ctx,
      PersonEntity,
      input.personId,
      grid.streetId,
      ['input', 'personId'],
      'person',
      personTable,
    );
    if (person.archivedAt)
      throw InputError.single(['input', 'personId'], 'The person is archived.', 'CONFLICT');
    if (input.role === 'BUILDING_LEAD' && grid.level !== 'BUILDING') {
      throw InputError.single(
        ['input', 'role'],
        'A building lead (楼栋长) is assigned to a building grid.',
        'INVALID',
      );
    }
    const startedOn =
      input.startedOn == null ? undefined : validate(date, input.startedOn, ['input', 'startedOn']);
    const repo = repository(ctx, GridAssignmentEntity);
    const duplicate = await repo.findOne({
      where: { gridId: grid.id, personId: person.id, role: input.role, endedOn: IsNull() },
    });
    if (duplicate) {
      throw InputError.single(
        ['input', 'personId'],
        'This person already holds this role in this grid.',
        'CONFLICT',
      );
    }
    const saved = await repo.save(
      Object.assign(new GridAssignmentEntity(), {
        streetId: grid.streetId,
        gridId: grid.id,
        personId: person.id,
        role: input.role,
        ...(startedOn ? { startedOn } : {}),
        endedOn: null,
      }),
    );
    const [row] = await query<GridAssignmentRecord>(
      ctx,
      `SELECT ${assignmentTable.columns} FROM ${assignmentTable.from} WHERE a.id = $1`,
      [saved.id],
    );
    await recordEvent(ctx, gridStaffAssigned, {
      streetId: grid.streetId,
      subjectId: grid.id,
      payload: { assignmentId: saved.id, personId: person.id, role: input.role },
    });
    return row!;
  },

  async endAssignment(
    ctx: Context,
    id: string,
    endedOn?: string | null,
  ): Promise<GridAssignmentRecord> {
    const a = await loadForUpdate(
      ctx,
      GridAssignmentEntity,
      id,
      ['input', 'assignmentId'],
      'grid staff assignment',
      'change grid staff',
      'grid',
      assignmentTable,
    );
    if (a.endedOn)
      throw InputError.single(
        ['input', 'assignmentId'],
        'This assignment has already ended.',
        'ILLEGAL_TRANSITION',
      );
    const end = endedOn == null ? today() : validate(date, endedOn, ['input', 'endedOn']);
    if (end < a.startedOn)
      throw InputError.single(
        ['input', 'endedOn'],
        `The assignment started on ${a.startedOn}.`,
        'INVALID',
      );
    a.endedOn = end;
    await repository(ctx, GridAssignmentEntity).save(a);
    await recordEvent(ctx, gridStaffUnassigned, {
      streetId: a.streetId,
      subjectId: a.gridId,
      payload: {
        assignmentId: a.id,
        personId: a.personId,
        role: a.role as GridRole,
        endedOn: end,
      },
    });
    const [row] = await query<GridAssignmentRecord>(
      ctx,
      `SELECT ${assignmentTable.columns} FROM ${assignmentTable.from} WHERE a.id = $1`,
      [a.id],
    );
    return row!;
  },
};
