import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { JSONObject, LocalDate } from '../../graphql/relay/scalars';
import type { GridRole } from './grid-staff.service';
import type { GridFilter, GridLevel } from './grid.service';
import { GridLevelEnum, GridRoleEnum } from './grid.type';

export const GridOrderField = { CODE: 'CODE', NAME: 'NAME', CREATED_AT: 'CREATED_AT' } as const;
registerOrderFields(GridOrderField, 'GridOrderField', 'grids', {
  CODE: 'By grid code (tree order: a parent comes before its children).',
  NAME: 'By name.',
  CREATED_AT: 'By when the grid was created.',
});
export const GridOrder = orderInputOf(GridOrderField, 'Grid', 'grids');

@InputType({ description: 'Which grids to list.' })
export class GridFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only grids of this street.' })
  streetId?: string | null;

  @Field(() => GridLevelEnum, { nullable: true, description: 'Only grids of this level.' })
  level?: GridLevel | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct children of this grid.' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this grid and everything below it.' })
  subtreeOf?: string | null;

  @Field(() => String, { nullable: true, description: 'Only grids whose code starts with this.' })
  codePrefix?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Grids whose name or code contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived grids (default false).' })
  includeArchived?: boolean | null;
}

@InputType({ description: 'Which child or descendant grids to list.' })
export class GridTreeFilterInput {
  @Field(() => GridLevelEnum, { nullable: true, description: 'Only grids of this level.' })
  level?: GridLevel | null;

  @Field(() => String, {
    nullable: true,
    description: 'Grids whose name or code contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived grids (default false).' })
  includeArchived?: boolean | null;
}

/**
 * The service filter for a `grids` filter (IDs of the wrong type are BAD_USER_INPUT), all but
 * `subtreeOf`, which needs its root grid read first. `streetId` is the street a field sits on.
 */
export function gridFilterOf(f: GridFilterInput | null | undefined, streetId?: string): GridFilter {
  return {
    streetId: streetId ?? (f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null),
    level: f?.level,
    parentId: f?.parentId ? rowIdOf(f.parentId, 'Grid', 'filter.parentId') : null,
    codePrefix: f?.codePrefix,
    search: f?.search,
    includeArchived: f?.includeArchived,
  };
}

/** The service filter for a grid's `children` or `descendants` filter. */
export const gridTreeFilterOf = (f: GridTreeFilterInput | null | undefined): GridFilter => ({
  level: f?.level,
  search: f?.search,
  includeArchived: f?.includeArchived,
});

@ArgsType()
export class GridsArgs extends ConnectionArgs {
  @Field(() => GridFilterInput, { nullable: true, description: 'Which grids to list.' })
  filter?: GridFilterInput | null;

  @Field(() => GridOrder, { nullable: true, description: 'Ordering (default: by code).' })
  orderBy?: InstanceType<typeof GridOrder> | null;
}

@ArgsType()
export class GridTreeArgs extends ConnectionArgs {
  @Field(() => GridTreeFilterInput, { nullable: true, description: 'Which grids to list.' })
  filter?: GridTreeFilterInput | null;

  @Field(() => GridOrder, { nullable: true, description: 'Ordering (default: by code).' })
  orderBy?: InstanceType<typeof GridOrder> | null;
}

@InputType({ description: 'A point as longitude and latitude (WGS 84).' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  lng!: number;

  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  lat!: number;
}

@InputType({ description: 'A new grid.' })
export class CreateGridInput {
  @Field(() => ID, { description: 'The street the grid belongs to.' })
  streetId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The parent grid; leave out for the street-level grid.',
  })
  parentId?: string | null;

  @Field({
    description:
      "Code: the street's code for the street grid, else the parent's code and 3 more digits.",
  })
  code!: string;

  @Field({ description: 'Name (1–100 characters).' })
  name!: string;

  @Field(() => JSONObject, {
    nullable: true,
    description: 'Boundary as a GeoJSON Polygon or MultiPolygon.',
  })
  boundary?: Record<string, unknown> | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'Centre point.' })
  center?: GeoPointInput | null;

  @Field(() => Int, { nullable: true, description: 'Number of households.' })
  households?: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of residents.' })
  residents?: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of buildings.' })
  buildings?: number | null;
}

@InputType({
  description: 'Changes to a grid; fields left out stay as they are, null clears optional ones.',
})
export class UpdateGridInput {
  @Field(() => ID, { description: 'The grid to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => JSONObject, {
    nullable: true,
    description: 'New boundary (GeoJSON Polygon or MultiPolygon); null clears it.',
  })
  boundary?: Record<string, unknown> | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'New centre point; null clears it.' })
  center?: GeoPointInput | null;

  @Field(() => Int, { nullable: true, description: 'Number of households; null clears it.' })
  households?: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of residents; null clears it.' })
  residents?: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of buildings; null clears it.' })
  buildings?: number | null;
}

@InputType({ description: 'The grid to archive; it must have no child grids in use.' })
export class ArchiveGridInput {
  @Field(() => ID, { description: 'The grid to archive.' })
  id!: string;
}

@InputType({ description: 'A person to put in a grid staff role.' })
export class AssignGridStaffInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => ID, { description: 'The person (of the same street).' })
  personId!: string;

  @Field(() => GridRoleEnum, { description: 'The role.' })
  role!: GridRole;

  @Field(() => LocalDate, { nullable: true, description: 'First day in the role (default today).' })
  startedOn?: string | null;
}

@InputType({ description: 'A grid staff assignment to end.' })
export class EndGridStaffAssignmentInput {
  @Field(() => ID, { description: 'The assignment.' })
  assignmentId!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day in the role (default today).' })
  endedOn?: string | null;
}
