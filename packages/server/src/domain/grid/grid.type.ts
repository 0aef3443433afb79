import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { GridAssignmentRecord, GridRole } from './grid-staff.service';
import type { GridLevel, GridRecord } from './grid.service';

export const GridLevelEnum = {
  STREET: 'STREET',
  COMMUNITY: 'COMMUNITY',
  UNIT: 'UNIT',
  BUILDING: 'BUILDING',
} as const;
registerEnumType(GridLevelEnum, {
  name: 'GridLevel',
  description: 'Level of a grid in the four-level tree (一级/二级/三级/四级网格).',
  valuesConfig: {
    STREET: { description: 'Street grid (一级网格): the whole street.' },
    COMMUNITY: { description: 'Community grid (二级网格).' },
    UNIT: { description: 'Unit grid (三级网格).' },
    BUILDING: { description: 'Building or courtyard grid (四级网格, 楼院).' },
  },
});

export const GridRoleEnum = {
  INSTRUCTOR: 'INSTRUCTOR',
  LEADER: 'LEADER',
  MEMBER: 'MEMBER',
  ASSISTANT: 'ASSISTANT',
  BUILDING_LEAD: 'BUILDING_LEAD',
} as const;
registerEnumType(GridRoleEnum, {
  name: 'GridRole',
  description: 'The five tiers of grid staff.',
  valuesConfig: {
    INSTRUCTOR: { description: 'Grid instructor (网格指导员).' },
    LEADER: { description: 'Grid leader (网格长).' },
    MEMBER: { description: 'Grid worker (网格员).' },
    ASSISTANT: { description: 'Grid assistant (网格辅助员).' },
    BUILDING_LEAD: { description: 'Building lead (楼栋长); building grids only.' },
  },
});

@ObjectType({ description: 'A point as longitude and latitude (WGS 84).' })
export class GeoPoint {
  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  lng!: number;

  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  lat!: number;
}

@ObjectType({
  implements: Node,
  description:
    'A grid (网格): a patch of territory with people responsible for it. Grids form a tree ' +
    'STREET → COMMUNITY → UNIT → BUILDING; a grid code is its parent code plus three digits.',
})
export class Grid extends Node {
  @Field({
    description:
      'Code in the administrative style: 9 digits for the street grid, 3 more per level.',
  })
  code!: string;

  @Field({ description: 'Name, e.g. "南苑路社区网格".' })
  name!: string;

  @Field(() => GridLevelEnum, { description: 'Level in the grid tree.' })
  level!: GridLevel;

  @Field(() => GeoPoint, { nullable: true, description: 'Centre point, e.g. for a map marker.' })
  center!: GeoPoint | null;

  @Field(() => Int, { nullable: true, description: 'Number of households (户数).' })
  households!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of residents (人口).' })
  residents!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of buildings (楼栋数).' })
  buildings!: number | null;

  @Field({
    description: 'Whether the grid is archived (kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the grid was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the grid was created.' })
  createdAt!: Date;

  @Field({ description: 'When the grid was last changed.' })
  updatedAt!: Date;

  record!: GridRecord;

  /** The record's same-named properties are the plain fields; the computed ones follow. */
  static from(r: GridRecord): Grid {
    return Object.assign(new Grid(), r, {
      id: toGlobalId('Grid', r.id),
      record: r,
      center:
        r.centerLng === null || r.centerLat === null
          ? null
          : { lng: r.centerLng, lat: r.centerLat },
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: GridConnection } = connectionOf(Grid, 'Grid', 'grids');

@ObjectType({
  implements: Node,
  description: 'A person serving in a grid in one of the five staff roles.',
})
export class GridStaffAssignment extends Node {
  @Field(() => GridRoleEnum, { description: 'The role held.' })
  role!: GridRole;

  @Field(() => LocalDate, { description: 'First day in the role.' })
  startedOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Last day in the role; null while it lasts.',
  })
  endedOn!: string | null;

  record!: GridAssignmentRecord;

  static from(r: GridAssignmentRecord): GridStaffAssignment {
    return Object.assign(new GridStaffAssignment(), r, {
      id: toGlobalId('GridStaffAssignment', r.id),
      record: r,
    });
  }
}

@ObjectType({ description: 'The result of a grid mutation.' })
export class GridPayload {
  @Field(() => Grid, {
    nullable: true,
    description: 'The grid as it is after the mutation; null when it failed.',
  })
  grid!: Grid | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of a grid staff mutation.' })
export class GridStaffAssignmentPayload {
  @Field(() => GridStaffAssignment, {
    nullable: true,
    description: 'The assignment after the mutation; null when it failed.',
  })
  assignment!: GridStaffAssignment | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
