import { query, type Context } from '../shared/context';
import { InputError } from '../shared/errors';

/** Where a report says the problem is, when it names no grid (an Open311 request). */
export interface ReportPlace {
  /** A grid's code, e.g. a building grid's (楼院) posted on the building. */
  gridCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * The deepest grid of the street whose boundary holds the point ($2 longitude, $3 latitude), by
 * PostgreSQL's own polygon test on each shape's outer ring; else the street's root grid, from which
 * intake moves the case on. One statement: a street's grids are a few hundred at most.
 */
const placeByPoint = `
  SELECT id FROM (
    (SELECT g.id::text AS id, 0 AS rank FROM grid g
     WHERE $2::float8 IS NOT NULL AND g.street_id = $1 AND g.archived_at IS NULL
       AND g.boundary IS NOT NULL
       AND EXISTS (
         SELECT 1 FROM jsonb_array_elements(CASE g.boundary->>'type' WHEN 'Polygon'
             THEN jsonb_build_array(g.boundary->'coordinates') ELSE g.boundary->'coordinates' END)
           AS shape (rings)
         WHERE (SELECT ('(' || string_agg(format('(%s,%s)', pos->>0, pos->>1), ',' ORDER BY i) || ')')::polygon
                FROM jsonb_array_elements(shape.rings->0) WITH ORDINALITY AS ring (pos, i))
               @> point($2::float8, $3::float8))
     ORDER BY length(g.code) DESC, g.code LIMIT 1)
    UNION ALL
    (SELECT g.id::text AS id, 1 AS rank FROM grid g
     WHERE g.street_id = $1 AND g.parent_id IS NULL AND g.archived_at IS NULL
     ORDER BY (g.level = 'STREET') DESC, length(g.code), g.code LIMIT 1)
  ) placed ORDER BY rank LIMIT 1`;

/**
 * The grid a report that names none is filed under: the grid with the code given; else the deepest
 * grid whose boundary holds its point; else the street's own grid. Errors name `['place', …]`.
 */
export async function gridForReport(
  ctx: Context,
  streetId: string,
  place: ReportPlace,
): Promise<string> {
  if (place.gridCode) {
    const [grid] = await query<{ id: string }>(
      ctx,
      `SELECT id::text AS id FROM grid WHERE street_id = $1 AND code = $2 AND archived_at IS NULL`,
      [streetId, place.gridCode],
    );
    if (!grid) {
      throw InputError.single(
        ['place', 'gridCode'],
        `No grid of this street has the code ${place.gridCode}.`,
        'NOT_FOUND',
      );
    }
    return grid.id;
  }
  const point = place.latitude != null && place.longitude != null;
  const [grid] = await query<{ id: string }>(ctx, placeByPoint, [
    streetId,
    point ? place.longitude : null,
    point ? place.latitude : null,
  ]);
  if (!grid) {
    throw InputError.single(
      ['place'],
      'This street has no grid yet to file a report under.',
      'NOT_FOUND',
    );
  }
  return grid.id;
}
