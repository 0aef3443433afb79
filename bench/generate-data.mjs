#!/usr/bin/env node
// Generates benchmark data straight in SQL: S streets, each with a four-level grid tree
// (1 street grid, 9 communities, 90 units, 900 buildings = 1,000 grids), 10 people per grid,
// grid staff, organizations covering the community grids, party branches, and brands with
// sub-brands. `--streets 10` gives 10,000 grids and 100,000 people ("1×"); `--streets 100` is 10×.
//
//   node bench/generate-data.mjs --url postgres://… --streets 10
//
// The database must be migrated (`lianxin migrate`). Existing bench streets are replaced.
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    streets: { type: 'string', default: '10' },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const streets = Number(values.streets);
if (!Number.isInteger(streets) || streets < 1 || streets > 999)
  throw new Error('--streets is 1 to 999');

const client = new pg.Client({ connectionString: url });
await client.connect();
const started = Date.now();
const step = async (label, sql, params = []) => {
  const t = Date.now();
  const res = await client.query(sql, params);
  console.log(
    `${label.padEnd(28)} ${String(res.rowCount ?? '').padStart(9)} rows  ${Date.now() - t} ms`,
  );
};

await client.query('BEGIN');
await client.query(`SET LOCAL synchronous_commit = off`);
// Replace earlier bench data: everything of the bench district's streets.
const old = `SELECT id FROM street WHERE code LIKE '990001%'`;
for (const table of [
  'activity_participant',
  'activity',
  'brand',
  'service_record',
  'service_post_claim',
  'service_post',
  'volunteer_registration',
  'volunteer_team_member',
  'volunteer',
  'volunteer_team',
  'organization_member',
  'organization_grid',
  'organization',
  'grid_assignment',
  'person',
  'grid',
  'domain_event',
]) {
  await client.query(`DELETE FROM ${table} WHERE street_id IN (${old})`);
}
await client.query(`DELETE FROM street WHERE code LIKE '990001%'`);
await client.query(
  `INSERT INTO district (code, name) VALUES ('990001', '基准区') ON CONFLICT (code) DO NOTHING`,
);

await step(
  'streets',
  `
  INSERT INTO street (district_id, code, name)
  SELECT (SELECT id FROM district WHERE code = '990001'), '990001' || lpad(s::text, 3, '0'), '基准街道' || s
  FROM generate_series(1, $1::int) s`,
  [streets],
);

await step(
  'street grids',
  `
  INSERT INTO grid (street_id, parent_id, level, code, name, households, residents)
  SELECT id, NULL, 'STREET', code, name || '网格', 9000, 27000 FROM street WHERE code LIKE '990001%'`,
);
await step(
  'community grids',
  `
  INSERT INTO grid (street_id, parent_id, level, code, name, households, residents)
  SELECT g.street_id, g.id, 'COMMUNITY', g.code || lpad(c::text, 3, '0'), '第' || c || '社区', 1000, 3000
  FROM grid g CROSS JOIN generate_series(1, 9) c WHERE g.level = 'STREET' AND g.code LIKE '990001%'`,
);
await step(
  'unit grids',
  `
  INSERT INTO grid (street_id, parent_id, level, code, name, households, residents)
  SELECT g.street_id, g.id, 'UNIT', g.code || lpad(u::text, 3, '0'), g.name || '第' || u || '单元', 100, 300
  FROM grid g CROSS JOIN generate_series(1, 10) u WHERE g.level = 'COMMUNITY' AND g.code LIKE '990001%'`,
);
await step(
  'building grids',
  `
  INSERT INTO grid (street_id, parent_id, level, code, name, households, residents, buildings)
  SELECT g.street_id, g.id, 'BUILDING', g.code || lpad(b::text, 3, '0'), b || '号楼', 10, 30, 1
  FROM grid g CROSS JOIN generate_series(1, 10) b WHERE g.level = 'UNIT' AND g.code LIKE '990001%'`,
);

await step(
  'people',
  `
  INSERT INTO person (street_id, name, gender, birth_year, phone, home_grid_id, party_status, party_kind)
  SELECT g.street_id, '居民' || g.id || '-' || n, CASE WHEN n % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END,
    1940 + (g.id + n) % 65, '139' || lpad(((g.id * 10 + n) % 100000000)::text, 8, '0'), g.id,
    CASE WHEN n % 7 = 0 THEN 'MEMBER' END, CASE WHEN n % 7 = 0 THEN (CASE WHEN n % 2 = 0 THEN 'RETIRED' ELSE 'IN_SERVICE' END) END
  FROM grid g CROSS JOIN generate_series(1, 10) n WHERE g.code LIKE '990001%'`,
);

await client.query('ANALYZE grid');
await client.query('ANALYZE person');
// Staff: a leader and a member for street, community and unit grids; a building lead per building.
await step(
  'grid staff',
  `
  INSERT INTO grid_assignment (street_id, grid_id, person_id, role)
  SELECT g.street_id, g.id, p.id, CASE WHEN g.level = 'BUILDING' THEN 'BUILDING_LEAD'
                                       WHEN p.rn = 1 THEN 'LEADER' ELSE 'MEMBER' END
  FROM grid g
  JOIN LATERAL (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM person WHERE home_grid_id = g.id ORDER BY id LIMIT 2) p ON true
  WHERE g.code LIKE '990001%' AND (g.level <> 'BUILDING' OR p.rn = 1)`,
);

await step(
  'street committees',
  `
  INSERT INTO organization (street_id, path, kind, name, code)
  SELECT id, '0', 'STREET_COMMITTEE', name || '党工委', 'C' || code FROM street WHERE code LIKE '990001%'`,
);
await step(
  'communities',
  `
  INSERT INTO organization (street_id, parent_id, path, kind, name, code)
  SELECT g.street_id, o.id, '0', 'COMMUNITY', g.name, 'G' || g.code
  FROM grid g JOIN organization o ON o.street_id = g.street_id AND o.kind = 'STREET_COMMITTEE'
  WHERE g.level = 'COMMUNITY' AND g.code LIKE '990001%'`,
);
await step(
  'party branches',
  `
  INSERT INTO organization (street_id, parent_id, path, kind, name, code)
  SELECT o.street_id, o.id, '0', 'PARTY_BRANCH', o.name || '第' || b || '党支部', o.code || '-' || b
  FROM organization o CROSS JOIN generate_series(1, 2) b
  WHERE o.kind = 'COMMUNITY' AND o.street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
// Paths follow the parent chain (three levels here).
await step(
  'organization paths',
  `
  UPDATE organization o SET path = text2ltree(concat_ws('.', gp.id, p.id, o.id))
  FROM organization p LEFT JOIN organization gp ON gp.id = p.parent_id
  WHERE o.parent_id = p.id AND o.street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
await step(
  'root organization paths',
  `
  UPDATE organization SET path = text2ltree(id::text)
  WHERE parent_id IS NULL AND street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
await step(
  'community coverage',
  `
  INSERT INTO organization_grid (street_id, organization_id, grid_id)
  SELECT o.street_id, o.id, g.id FROM organization o JOIN grid g ON o.code = 'G' || g.code
  WHERE o.kind = 'COMMUNITY' AND o.street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
await step(
  'organization members',
  `
  INSERT INTO organization_member (street_id, organization_id, person_id, role)
  SELECT o.street_id, o.id, p.id, CASE WHEN p.rn = 1 THEN 'SECRETARY' ELSE 'MEMBER' END
  FROM organization o
  JOIN LATERAL (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM person
                WHERE street_id = o.street_id AND party_status IS NOT NULL ORDER BY id OFFSET (o.id % 50) LIMIT 5) p ON true
  WHERE o.street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
await step(
  'brands',
  `
  INSERT INTO brand (street_id, path, owner_organization_id, name, slogan, is_primary)
  SELECT street_id, '0', id, name || '红', '党建引领 服务为民', true
  FROM organization WHERE kind = 'COMMUNITY' AND street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
await step(
  'sub-brands',
  `
  INSERT INTO brand (street_id, parent_id, path, owner_organization_id, name)
  SELECT b.street_id, b.id, '0', b.owner_organization_id, b.name || '·' || s.x
  FROM brand b CROSS JOIN unnest(ARRAY['巷', '站', '堂']) s(x)
  WHERE b.parent_id IS NULL AND b.street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
await step(
  'brand paths',
  `
  UPDATE brand b SET path = CASE WHEN b.parent_id IS NULL THEN text2ltree(b.id::text)
                                 ELSE text2ltree(b.parent_id || '.' || b.id) END
  WHERE b.street_id IN (SELECT id FROM street WHERE code LIKE '990001%')`,
);
await client.query('COMMIT');
await client.query('ANALYZE');
const [{ grids, people }] = (
  await client.query(
    `SELECT (SELECT count(*) FROM grid)::int AS grids, (SELECT count(*) FROM person)::int AS people`,
  )
).rows;
console.log(
  `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${grids} grids, ${people} people in the database`,
);
await client.end();
