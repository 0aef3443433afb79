import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { loadList, relationConnection } from '../../graphql/relay/relation-loader';
import { gridChildren, gridStaff } from './grid.model';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId, rowIdOf } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { JSONObject } from '../../graphql/relay/scalars';
import { loader, type Context } from '../shared/context';
import { personService } from '../person/person.service';
import { Person } from '../person/person.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  ArchiveGridInput,
  AssignGridStaffInput,
  CreateGridInput,
  EndGridStaffAssignmentInput,
  gridFilterOf,
  GridsArgs,
  gridTreeFilterOf,
  GridTreeArgs,
  UpdateGridInput,
} from './grid.input';
import { assignmentById, gridStaffService, type GridAssignmentRecord } from './grid-staff.service';
import { gridById, gridService, type GridFilter, type GridRecord } from './grid.service';
import {
  Grid,
  GridConnection,
  GridPayload,
  GridStaffAssignment,
  GridStaffAssignmentPayload,
} from './grid.type';

const toPayload = (r: GridRecord | null): Omit<GridPayload, 'userErrors'> => ({
  grid: r && Grid.from(r),
});
const toAssignmentPayload = (
  r: GridAssignmentRecord | null,
): Omit<GridStaffAssignmentPayload, 'userErrors'> => ({
  assignment: r && GridStaffAssignment.from(r),
});

/** Service filter from the `grids` arguments; IDs of grids the caller cannot see match nothing. */
async function filterOf(ctx: Context, args: GridsArgs, streetId?: string): Promise<GridFilter> {
  const f = args.filter;
  const filter = gridFilterOf(f, streetId);
  if (f?.subtreeOf) {
    const root = await gridService.get(ctx, rowIdOf(f.subtreeOf, 'Grid', 'filter.subtreeOf'));
    filter.subtreeCode = root?.code ?? '-';
  }
  return filter;
}

async function gridsConnection(
  ctx: Context,
  args: GridsArgs,
  streetId?: string,
): Promise<ConnectionShape<Grid>> {
  const ordering = orderingOf(args.orderBy, 'CODE');
  if (streetId) {
    // One statement for the field on every street of a page.
    const filter = { ...(await filterOf(ctx, args, streetId)), streetId: null };
    const page = await gridService.pageOf(ctx, 'street', streetId, filter, ordering, args);
    return toConnection(page, Grid.from, () =>
      gridService.countOf(ctx, 'street', streetId, filter),
    );
  }
  const filter = await filterOf(ctx, args);
  const page = await gridService.list(ctx, filter, ordering, args);
  return toConnection(page, Grid.from, () => gridService.count(ctx, filter));
}

@Resolver(() => Grid)
export class GridResolver {
  @Query(() => GridConnection, { description: 'Grids of the streets you may see.' })
  grids(@Ctx() ctx: Context, @Args() args: GridsArgs): Promise<ConnectionShape<Grid>> {
    return gridsConnection(ctx, args);
  }

  @Query(() => Grid, {
    nullable: true,
    description: 'A grid by its code; null if there is none you may see.',
  })
  async grid(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'Grid code.' }) code: string,
  ): Promise<Grid | null> {
    const r = await gridService.byCode(ctx, code);
    return r && Grid.from(r);
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid one level up; null for the street grid.',
  })
  async parent(@Ctx() ctx: Context, @Root() grid: Grid): Promise<Grid | null> {
    if (!grid.record.parentId) return null;
    const parent = await gridService.get(ctx, grid.record.parentId);
    return parent && Grid.from(parent);
  }

  @FieldResolver(() => [Grid], {
    description: 'The grids above this one, from the street grid down to the parent.',
  })
  async ancestors(@Ctx() ctx: Context, @Root() grid: Grid): Promise<Grid[]> {
    return (await gridService.ancestors(ctx, grid.record)).map(Grid.from);
  }

  @FieldResolver(() => GridConnection, { description: 'The grids directly below this one.' })
  async children(
    @Ctx() ctx: Context,
    @Root() grid: Grid,
    @Args() args: GridTreeArgs,
  ): Promise<ConnectionShape<Grid>> {
    return relationConnection(ctx, gridChildren, grid.record.id, args, Grid.from);
  }

  @FieldResolver(() => GridConnection, { description: 'All grids below this one, at any depth.' })
  descendants(
    @Ctx() ctx: Context,
    @Root() grid: Grid,
    @Args() args: GridTreeArgs,
  ): Promise<ConnectionShape<Grid>> {
    const filter = gridTreeFilterOf(args.filter);
    const id = grid.record.id;
    return gridService
      .descendantPage(ctx, id, filter, orderingOf(args.orderBy, 'CODE'), args)
      .then((page) =>
        toConnection(page, Grid.from, () => gridService.descendantCount(ctx, id, filter)),
      );
  }

  @FieldResolver(() => JSONObject, {
    nullable: true,
    description: 'Boundary as a GeoJSON Polygon or MultiPolygon.',
  })
  boundary(@Ctx() ctx: Context, @Root() grid: Grid): Promise<Record<string, unknown> | null> {
    return gridService.boundary(ctx, grid.record);
  }

  @FieldResolver(() => Street, { description: 'The street the grid belongs to.' })
  async street(@Ctx() ctx: Context, @Root() grid: Grid): Promise<Street> {
    return Street.from((await streetService.get(ctx, grid.record.streetId))!);
  }

  @FieldResolver(() => [GridStaffAssignment], {
    description: 'Staff currently serving in this grid, by role (instructor first).',
  })
  async staff(@Ctx() ctx: Context, @Root() grid: Grid): Promise<GridStaffAssignment[]> {
    return (await loadList<GridAssignmentRecord>(ctx, gridStaff, grid.record.id)).map(
      GridStaffAssignment.from,
    );
  }

  @Mutation(() => GridPayload, {
    description: 'Creates a grid under a parent grid, or the street-level grid of a street.',
  })
  createGrid(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The grid to create.' }) input: CreateGridInput,
  ): Promise<GridPayload> {
    return mutate(
      ctx,
      (tx) =>
        gridService.create(tx, {
          ...input,
          streetId: inputId(input.streetId, 'Street', ['input', 'streetId']),
          parentId: input.parentId ? inputId(input.parentId, 'Grid', ['input', 'parentId']) : null,
          center: input.center && { lng: input.center.lng, lat: input.center.lat },
        }),
      toPayload,
    );
  }

  @Mutation(() => GridPayload, {
    description: "Changes a grid's name, boundary, centre or counts.",
  })
  updateGrid(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The grid and the changes.' }) input: UpdateGridInput,
  ): Promise<GridPayload> {
    const { id, ...changes } = input;
    return mutate(
      ctx,
      (tx) =>
        gridService.update(tx, inputId(id, 'Grid', ['input', 'id']), {
          ...changes,
          name: changes.name ?? undefined,
          center: changes.center && { lng: changes.center.lng, lat: changes.center.lat },
        }),
      toPayload,
    );
  }

  @Mutation(() => GridPayload, {
    description: 'Archives a grid that has no child grids in use; it stays readable.',
  })
  archiveGrid(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The grid to archive.' }) input: ArchiveGridInput,
  ): Promise<GridPayload> {
    return mutate(
      ctx,
      (tx) => gridService.archive(tx, inputId(input.id, 'Grid', ['input', 'id'])),
      toPayload,
    );
  }

  @Mutation(() => GridStaffAssignmentPayload, {
    description: 'Puts a person in a grid staff role.',
  })
  assignGridStaff(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The grid, person and role.' }) input: AssignGridStaffInput,
  ): Promise<GridStaffAssignmentPayload> {
    return mutate(
      ctx,
      (tx) =>
        gridStaffService.assignStaff(tx, {
          gridId: inputId(input.gridId, 'Grid', ['input', 'gridId']),
          personId: inputId(input.personId, 'Person', ['input', 'personId']),
          role: input.role,
          startedOn: input.startedOn,
        }),
      toAssignmentPayload,
    );
  }

  @Mutation(() => GridStaffAssignmentPayload, { description: 'Ends a grid staff assignment.' })
  endGridStaffAssignment(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The assignment and its last day.' })
    input: EndGridStaffAssignmentInput,
  ): Promise<GridStaffAssignmentPayload> {
    return mutate(
      ctx,
      (tx) =>
        gridStaffService.endAssignment(
          tx,
          inputId(input.assignmentId, 'GridStaffAssignment', ['input', 'assignmentId']),
          input.endedOn,
        ),
      toAssignmentPayload,
    );
  }
}

@Resolver(() => GridStaffAssignment)
export class GridStaffAssignmentResolver {
  @FieldResolver(() => Person, {
    nullable: true,
    description: 'The person serving; null when you may not see it.',
  })
  async person(@Ctx() ctx: Context, @Root() a: GridStaffAssignment): Promise<Person | null> {
    const found = await personService.get(ctx, a.record.personId);
    return found && Person.from(found);
  }

  @FieldResolver(() => Grid, { description: 'The grid served.' })
  async grid(@Ctx() ctx: Context, @Root() a: GridStaffAssignment): Promise<Grid> {
    return Grid.from((await gridService.get(ctx, a.record.gridId))!);
  }
}

@Resolver(() => Person)
export class PersonGridsResolver {
  @FieldResolver(() => [GridStaffAssignment], {
    description: 'Grid staff roles the person holds now.',
  })
  async gridAssignments(
    @Ctx() ctx: Context,
    @Root() person: Person,
  ): Promise<GridStaffAssignment[]> {
    return (await gridStaffService.assignmentsOf(ctx, person.record.id)).map(
      GridStaffAssignment.from,
    );
  }
}

@Resolver(() => Street)
export class StreetGridsResolver {
  @FieldResolver(() => GridConnection, { description: 'Grids of this street.' })
  grids(
    @Ctx() ctx: Context,
    @Root() street: Street,
    @Args() args: GridsArgs,
  ): Promise<ConnectionShape<Grid>> {
    return gridsConnection(ctx, args, street.rowId);
  }
}

export const gridNodes: NodeFetcher[] = [
  {
    typeName: 'Grid',
    fetch: async (ctx, ids) =>
      (await loader(ctx, gridById).loadMany(ids)).map((r) =>
        r && !(r instanceof Error) ? Grid.from(r) : null,
      ),
  },
  {
    typeName: 'GridStaffAssignment',
    fetch: async (ctx, ids) =>
      (await loader(ctx, assignmentById).loadMany(ids)).map((r) =>
        r && !(r instanceof Error) ? GridStaffAssignment.from(r) : null,
      ),
  },
];
