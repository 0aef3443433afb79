import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';
import { GRID_LEVELS, GRID_ROLES } from './grid.entity';

const count = z.number().int().nonnegative().nullable();
const position = z.tuple([z.number(), z.number()]);
const ring = z.array(position);
/** GeoJSON, as the grid service stores it. */
const boundary = z
  .union([
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }).strict(),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }).strict(),
  ])
  .meta({ title: 'GeoJSON (Polygon or MultiPolygon)' });
const role = field.oneOf(() => GRID_ROLES);

export const gridCreated = defineEvent('grid.created', {
  subject: 'Grid',
  description: 'A grid was created under the street or under a parent grid.',
  payload: z
    .object({
      code: z.string().regex(/^[0-9]{9}([0-9]{3}){0,3}$/),
      level: field.oneOf(() => GRID_LEVELS),
      name: z.string(),
      parentId: field.id.nullable(),
    })
    .strict(),
});

export const gridUpdated = defineEvent('grid.updated', {
  subject: 'Grid',
  description: "A grid's details changed; `changes` holds the new values.",
  payload: z
    .object({
      changes: z
        .object({
          name: z.string(),
          boundary: boundary.nullable(),
          centerLng: z.number().nullable(),
          centerLat: z.number().nullable(),
          households: count,
          residents: count,
          buildings: count,
        })
        .partial()
        .strict(),
    })
    .strict(),
});

export const gridArchived = defineEvent('grid.archived', {
  subject: 'Grid',
  description: 'A grid was archived.',
  payload: z.object({}).strict(),
});

export const gridStaffAssigned = defineEvent('grid.staff_assigned', {
  subject: 'Grid',
  description: 'A person took a role in a grid (网格员, 楼栋长 …).',
  payload: z.object({ assignmentId: field.id, personId: field.id, role }).strict(),
});

export const gridStaffUnassigned = defineEvent('grid.staff_unassigned', {
  subject: 'Grid',
  description: "A person's role in a grid ended.",
  payload: z
    .object({ assignmentId: field.id, personId: field.id, role, endedOn: field.date })
    .strict(),
});

export const gridEvents = [
  gridCreated,
  gridUpdated,
  gridArchived,
  gridStaffAssigned,
  gridStaffUnassigned,
];
