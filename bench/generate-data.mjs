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
    cases: { type: 'string', default: '0' },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const streets = Number(values.streets);
if (!Number.isInteger(streets) || streets < 1 || streets > 999)
  throw new Error('--streets is 1 to 999');
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 0 || cases > 20_000_000)
  throw new Error('--cases is 0 to 20,000,000');

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
// Replace earlier bench data: everything of the bench district's streets, children first. Foreign
// key checks are skipped meanwhile (each deleted person would otherwise scan every table that
// refers to people without an index, case_file.reporter_person_id among them).
await client.query(`SET LOCAL session_replication_role = replica`);
const old = `SELECT id FROM street WHERE code LIKE '990001%'`;
await client.query(
  `DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'case.deadline:%'
     AND (payload->>'caseId')::bigint IN (SELECT id FROM case_file WHERE street_id IN (${old}))`,
);
for (const table of [
  'case_timeline',
  'case_department',
  'case_file',
  'case_number_counter',
  'service_record', // refers to activities, posts and itself
  'activity_participant',
  'activity',
  'brand',
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
await client.query(`SET LOCAL session_replication_role = DEFAULT`);
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

// Volunteers, teams and their service records, after 城东路街道 (DOMAIN.md: 11 teams, 200+
// volunteers, 454 in-service members registered): per street 20 teams (two per community, two
// street-wide) and one resident in twenty a volunteer (about 500), each in one or two teams.
const bench = `(SELECT id FROM street WHERE code LIKE '990001%')`;
// Residents by the community they live in (people of the street grid itself belong to none),
// numbered within the community and within the street, to pick volunteers and participants.
await step(
  'residents by community',
  `
  CREATE TEMP TABLE bench_resident ON COMMIT DROP AS
  SELECT p.id AS person_id, p.street_id, c.id AS community_id,
    row_number() OVER (PARTITION BY c.id ORDER BY p.id) AS rn,
    row_number() OVER (PARTITION BY p.street_id ORDER BY p.id) AS street_rn
  FROM person p JOIN grid g ON g.id = p.home_grid_id
  JOIN organization c ON c.street_id = p.street_id AND c.kind = 'COMMUNITY' AND c.code = 'G' || left(g.code, 12)
  WHERE g.level <> 'STREET' AND p.street_id IN ${bench}`,
);
await client.query('CREATE INDEX ON bench_resident (community_id, rn)');
await client.query('CREATE INDEX ON bench_resident (street_id, street_rn)');
await client.query('ANALYZE bench_resident');
await step(
  'volunteers',
  `
  INSERT INTO volunteer (street_id, person_id, skills, joined_on)
  SELECT r.street_id, r.person_id,
    string_to_array((ARRAY['政策宣传,文明劝导', '治安巡逻', '理发,义诊', '法律咨询', '心理疏导,关爱老人', '环境整治'])[1 + (r.rn / 20) % 6], ','),
    date '2019-03-05' + ((r.person_id * 7) % 2000)::int
  FROM bench_resident r WHERE r.rn % 20 = 0`,
);
await step(
  'volunteers by community',
  `
  CREATE TEMP TABLE bench_volunteer ON COMMIT DROP AS
  SELECT v.id AS volunteer_id, v.street_id, v.joined_on, r.community_id,
    row_number() OVER (PARTITION BY r.community_id ORDER BY v.id) AS vr,
    row_number() OVER (PARTITION BY v.street_id ORDER BY v.id) AS street_vr
  FROM volunteer v JOIN bench_resident r ON r.person_id = v.person_id`,
);
await step(
  'volunteer teams',
  `
  INSERT INTO volunteer_team (street_id, organization_id, name, description, founded_on)
  SELECT o.street_id, o.id, o.name || t.name, t.description, date '2016-03-05' + ((o.id * 37 + t.i * 101) % 2500)::int
  FROM organization o
  CROSS JOIN (VALUES (1, '红马甲志愿服务队', '政策宣传、环境整治、文明劝导'),
                     (2, '银龄志愿服务队', '退休党员结对关爱空巢老人、邻里互助')) t(i, name, description)
  WHERE o.kind = 'COMMUNITY' AND o.street_id IN ${bench}
  UNION ALL
  SELECT o.street_id, o.id, s.name || t.name, t.description, date '2015-07-01' + ((o.id * 37 + t.i * 101) % 2500)::int
  FROM organization o JOIN street s ON s.id = o.street_id
  CROSS JOIN (VALUES (1, '党员先锋志愿服务队', '在职党员进社区报到，认领服务岗位'),
                     (2, '应急志愿服务队', '防汛值守、疫情防控、突发事件处置')) t(i, name, description)
  WHERE o.kind = 'STREET_COMMITTEE' AND o.street_id IN ${bench}`,
);
await step(
  'volunteer team members',
  `
  INSERT INTO volunteer_team_member (street_id, team_id, volunteer_id, joined_on)
  SELECT t.street_id, t.id, v.volunteer_id, greatest(v.joined_on, t.founded_on) + (v.volunteer_id % 90)::int
  FROM volunteer_team t JOIN bench_volunteer v ON v.community_id = t.organization_id
  WHERE t.street_id IN ${bench}
    AND CASE WHEN t.name LIKE '%红马甲志愿服务队' THEN v.vr % 2 = 1 OR v.vr % 5 = 0 ELSE v.vr % 2 = 0 END
  UNION ALL
  SELECT t.street_id, t.id, v.volunteer_id, greatest(v.joined_on, t.founded_on) + (v.volunteer_id % 90)::int
  FROM volunteer_team t JOIN organization o ON o.id = t.organization_id AND o.kind = 'STREET_COMMITTEE'
  JOIN bench_volunteer v ON v.street_id = t.street_id
  WHERE t.street_id IN ${bench}
    AND CASE WHEN t.name LIKE '%党员先锋志愿服务队' THEN v.street_vr % 8 = 3 ELSE v.street_vr % 8 = 6 END`,
);
// 8 to 22 records a volunteer over 2025, kept by their community and most confirmed by its
// secretary or first member (a record counts only once confirmed); one in fifty corrected by a
// newer record.
await step(
  'service records',
  `
  INSERT INTO service_record (street_id, volunteer_id, recorded_by_organization_id, served_on, hours,
    people_served, description, place, confirmed_by_person_id, confirmed_at, created_at)
  SELECT v.street_id, v.volunteer_id, c.id, d.served_on, ((v.volunteer_id + k) % 12 + 1) * 0.5,
    (v.volunteer_id * 3 + k * 7) % 40,
    (ARRAY['政策宣传', '环境整治', '关爱空巢老人', '治安巡逻', '文明劝导', '义诊', '义务理发', '法律咨询',
           '防汛值守', '垃圾分类督导'])[1 + (v.volunteer_id + k * 3) % 10],
    c.name || '党群服务中心',
    CASE WHEN d.confirmed THEN sec.person_id END,
    CASE WHEN d.confirmed THEN d.served_on + time '18:00' + interval '2 days' END,
    d.served_on + time '20:00'
  FROM bench_volunteer v JOIN organization c ON c.id = v.community_id
  JOIN LATERAL (SELECT person_id FROM organization_member WHERE organization_id = c.id
                ORDER BY role = 'SECRETARY' DESC, id LIMIT 1) sec ON true
  CROSS JOIN LATERAL generate_series(1, 8 + (v.volunteer_id % 15)::int) k
  CROSS JOIN LATERAL (SELECT date '2025-01-01' + ((v.volunteer_id * 37 + k * 23) % 330)::int AS served_on,
                             (v.volunteer_id + k) % 7 <> 0 AS confirmed) d`,
);
await step(
  'service record corrections',
  `
  INSERT INTO service_record (street_id, volunteer_id, recorded_by_organization_id, served_on, hours,
    people_served, description, place, supersedes_id, confirmed_by_person_id, confirmed_at, created_at)
  SELECT r.street_id, r.volunteer_id, r.recorded_by_organization_id, r.served_on, least(r.hours + 0.5, 24),
    r.people_served, '更正：' || r.description, r.place, r.id,
    CASE WHEN r.id % 100 = 0 THEN r.confirmed_by_person_id END,
    CASE WHEN r.id % 100 = 0 AND r.confirmed_by_person_id IS NOT NULL THEN r.created_at + interval '6 days' END,
    r.created_at + interval '5 days'
  FROM service_record r WHERE r.id % 50 = 0 AND r.street_id IN ${bench}`,
);
// Activities: 40 a year per community (lectures, deliberations, service days … under one of its
// brands, in one of its unit grids; party meetings run by its first party branch) and 40 run by
// the street committee in the street grid; 8 to 40 participants each, from the community's
// residents (the street's for street activities), an organizer first.
const kinds = `(ARRAY['LECTURE', 'DELIBERATION', 'VOLUNTEER_SERVICE', 'RECTIFICATION', 'CULTURAL', 'MEETING', 'OTHER'])`;
const titles = `(ARRAY['党史宣讲', '居民议事会', '志愿服务日', '背街小巷环境整治', '文艺汇演', '主题党日', '邻里节'])`;
const places = `(ARRAY['党群服务中心', '议事厅', '社区广场', '背街小巷', '文化广场', '党员活动室', '小区广场'])`;
await step(
  'community activities',
  `
  INSERT INTO activity (street_id, kind, title, brand_id, organization_id, grid_id, starts_at, ends_at,
    place, description, outcome)
  SELECT c.street_id, ${kinds}[1 + i % 7], b.name || ' ' || ${titles}[1 + i % 7], b.id,
    CASE WHEN i % 7 = 5 THEN branch.id ELSE c.id END, u.id, s.starts_at, s.starts_at + interval '2 hours',
    c.name || ${places}[1 + i % 7], '面向辖区居民，' || ${titles}[1 + i % 7], '按计划完成'
  FROM organization c CROSS JOIN generate_series(1, 40) i
  JOIN LATERAL (SELECT id, name FROM brand WHERE owner_organization_id = c.id ORDER BY id OFFSET i % 4 LIMIT 1) b ON true
  JOIN grid u ON u.street_id = c.street_id AND u.code = substr(c.code, 2) || lpad((1 + i % 10)::text, 3, '0')
  JOIN organization branch ON branch.parent_id = c.id AND branch.code = c.code || '-1'
  CROSS JOIN LATERAL (SELECT timestamptz '2025-01-04 09:00+08' + (i * 9 + c.id % 7) * interval '1 day'
                        + (i % 2) * interval '5 hours 30 minutes' AS starts_at) s
  WHERE c.kind = 'COMMUNITY' AND c.street_id IN ${bench}`,
);
await step(
  'street activities',
  `
  INSERT INTO activity (street_id, kind, title, organization_id, grid_id, starts_at, ends_at, place, description)
  SELECT o.street_id, ${kinds}[1 + i % 7], st.name || ' ' || ${titles}[1 + i % 7], o.id, g.id, s.starts_at,
    s.starts_at + interval '3 hours', st.name || ${places}[1 + i % 7], '全街道' || ${titles}[1 + i % 7]
  FROM organization o JOIN street st ON st.id = o.street_id
  JOIN grid g ON g.street_id = o.street_id AND g.level = 'STREET'
  CROSS JOIN generate_series(1, 40) i
  CROSS JOIN LATERAL (SELECT timestamptz '2025-01-06 14:30+08' + (i * 9) * interval '1 day' AS starts_at) s
  WHERE o.kind = 'STREET_COMMITTEE' AND o.street_id IN ${bench}`,
);
const participantRole = `CASE WHEN r.n = 1 THEN 'ORGANIZER' WHEN r.n = 2 AND a.kind = 'LECTURE' THEN 'SPEAKER'
         WHEN r.n % 6 = 0 THEN 'VOLUNTEER' ELSE 'PARTICIPANT' END`;
await step(
  'community participants',
  `
  INSERT INTO activity_participant (street_id, activity_id, person_id, role, created_at)
  SELECT a.street_id, a.id, r.person_id, ${participantRole}, a.starts_at - interval '3 days' + r.n * interval '7 minutes'
  FROM activity a JOIN grid g ON g.id = a.grid_id AND g.level <> 'STREET'
  JOIN organization c ON c.street_id = a.street_id AND c.kind = 'COMMUNITY' AND c.code = 'G' || left(g.code, 12)
  CROSS JOIN LATERAL (SELECT (a.id * 13) % 1000 AS off, 8 + a.id % 33 AS size) x
  JOIN LATERAL (SELECT person_id, rn - x.off AS n FROM bench_resident
                WHERE community_id = c.id AND rn > x.off AND rn <= x.off + x.size) r ON true
  WHERE a.street_id IN ${bench}`,
);
await step(
  'street participants',
  `
  INSERT INTO activity_participant (street_id, activity_id, person_id, role, created_at)
  SELECT a.street_id, a.id, r.person_id, ${participantRole}, a.starts_at - interval '3 days' + r.n * interval '7 minutes'
  FROM activity a JOIN grid g ON g.id = a.grid_id AND g.level = 'STREET'
  CROSS JOIN LATERAL (SELECT (a.id * 13) % 9000 AS off, 8 + a.id % 33 AS size) x
  JOIN LATERAL (SELECT person_id, street_rn - x.off AS n FROM bench_resident
                WHERE street_id = a.street_id AND street_rn > x.off AND street_rn <= x.off + x.size) r ON true
  WHERE a.street_id IN ${bench}`,
);
if (cases > 0) await generateCases(cases);
await client.query('COMMIT');
// Vacuumed as autovacuum would have (it may be off, as on the development machine): index-only
// scans need the visibility map, and every run should find the tables in the same state.
await client.query('VACUUM (ANALYZE)');
const counts = (
  await client.query(
    `SELECT (SELECT count(*) FROM grid)::int AS grids, (SELECT count(*) FROM person)::int AS people,
       (SELECT count(*) FROM volunteer)::int AS volunteers,
       (SELECT count(*) FROM service_record)::int AS "service records",
       (SELECT count(*) FROM activity)::int AS activities,
       (SELECT count(*) FROM activity_participant)::int AS participants,
       (SELECT count(*) FROM case_file)::int AS cases,
       (SELECT count(*) FROM case_department)::int AS "case departments",
       (SELECT count(*) FROM case_timeline)::int AS "timeline entries"`,
  )
).rows[0];
console.log(
  `done in ${((Date.now() - started) / 1000).toFixed(1)} s; in the database: ` +
    Object.entries(counts)
      .map(([what, n]) => `${n} ${what}`)
      .join(', '),
);
await client.end();

/**
 * Cases (issue 17): `total` cases reported over the last 365 days (uniformly, at local working
 * hours), spread evenly over the streets, in their unit and building grids, under the platform's
 * minor categories (version 1), urgencies A:B:C 1:3:6. Their status follows their age: of those
 * older than 30 days about 88 % are closed, 4 % cancelled, 4 % rejected and 4 % still open
 * (stuck, mostly overdue); younger ones are spread over every status. Due times: the intake
 * deadline (hours) until dispatched, then 1 to 10 days after dispatch, so some open cases are
 * overdue. Numbers are gap-free per street and local day (the counters are set to match). Each
 * street gets five departments; every dispatched case one of them (case_department). Timelines
 * follow the status (report, accept, dispatch, acknowledge, start, resolve, verify, rate; or
 * reject, cancel, suspend); one case in ten that got as far as being started has 6 to 25 more
 * entries of postponement requests and decisions, so 12 to 30 in all. Secondary indexes are
 * dropped for the load and built again after it.
 */
async function generateCases(total) {
  await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  await client.query(`SET LOCAL work_mem = '256MB'`);
  await client.query(`SELECT setseed(0.17)`);
  await step(
    'departments',
    `
    INSERT INTO organization (street_id, path, kind, name, code)
    SELECT s.id, '0', 'DEPARTMENT', s.name || d.name, 'D' || s.code || '-' || d.i
    FROM street s CROSS JOIN unnest(ARRAY['城管执法中队', '市场监管所', '环卫所', '住建办', '派出所']) WITH ORDINALITY d(name, i)
    WHERE s.code LIKE '990001%'`,
  );
  await client.query(
    `UPDATE organization SET path = text2ltree(id::text) WHERE kind = 'DEPARTMENT' AND street_id IN ${bench}`,
  );
  // Secondary indexes of the case tables, dropped now and built after the load.
  const indexes = (
    await client.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
       WHERE i.schemaname = 'public' AND i.tablename IN ('case_file', 'case_timeline', 'case_department')
         AND NOT x.indisprimary AND NOT x.indisunique`,
    )
  ).rows;
  for (const { indexname } of indexes) await client.query(`DROP INDEX ${indexname}`);
  await step(
    'case grids',
    `
    CREATE TEMP TABLE bench_case_grid ON COMMIT DROP AS
    SELECT street_id, array_agg(id ORDER BY id) AS ids FROM grid
    WHERE level IN ('UNIT', 'BUILDING') AND street_id IN ${bench} GROUP BY street_id`,
  );
  await step(
    'case plan',
    `
    CREATE TEMP TABLE bench_case ON COMMIT DROP AS
    WITH s AS (SELECT id, code, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n
               FROM street WHERE code LIKE '990001%'),
    cat AS (SELECT array_agg(c.id ORDER BY c.code) AS ids FROM case_category c
            WHERE c.street_id IS NULL AND c.parent_id IS NOT NULL AND c.archived_at IS NULL),
    raw AS (
      SELECT i, s.id AS street_id, s.code AS street_code,
        -- a moment of local (UTC+8) working hours, 0 to 365 days back
        date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') - (floor(random() * 365))::int * interval '1 day'
          + interval '8 hours 30 minutes' + (random() * 540)::int * interval '1 minute' AS local_at,
        random() AS r_status, random() AS r_extra, random() AS r_due
      FROM generate_series(0, $1::int - 1) i JOIN s ON s.k = i % s.n)
    SELECT r.*, (r.local_at AT TIME ZONE 'Asia/Shanghai') AS reported_at,
      g.ids[1 + (random() * (array_length(g.ids, 1) - 1))::int] AS grid_id,
      cat.ids[1 + (random() * (array_length(cat.ids, 1) - 1))::int] AS category_id,
      (ARRAY['A','B','B','B','C','C','C','C','C','C'])[1 + (r.i * 7) % 10] AS urgency,
      (ARRAY['PATROL','PATROL','PATROL','RESIDENT','HOTLINE'])[1 + (r.i * 3) % 5] AS source,
      CASE WHEN r.local_at < now() AT TIME ZONE 'Asia/Shanghai' - interval '30 days' THEN
        CASE WHEN r_status < 0.88 THEN 'CLOSED' WHEN r_status < 0.92 THEN 'CANCELLED'
             WHEN r_status < 0.96 THEN 'REJECTED' WHEN r_status < 0.97 THEN 'SUSPENDED'
             WHEN r_status < 0.985 THEN 'IN_PROGRESS' ELSE 'DISPATCHED' END
      ELSE
        CASE WHEN r_status < 0.08 THEN 'REPORTED' WHEN r_status < 0.16 THEN 'ACCEPTED'
             WHEN r_status < 0.31 THEN 'DISPATCHED' WHEN r_status < 0.51 THEN 'IN_PROGRESS'
             WHEN r_status < 0.54 THEN 'SUSPENDED' WHEN r_status < 0.64 THEN 'VERIFYING'
             WHEN r_status < 0.94 THEN 'CLOSED' WHEN r_status < 0.97 THEN 'CANCELLED' ELSE 'REJECTED' END
      END AS status
    FROM raw r JOIN bench_case_grid g ON g.street_id = r.street_id CROSS JOIN cat
    WHERE r.local_at < now() AT TIME ZONE 'Asia/Shanghai'`,
    [total],
  );
  await step(
    'cases',
    `
    INSERT INTO case_file (street_id, number, title, description, category_id, category_version, source,
      urgency, status, level, grid_id, address, reported_by, reported_at, accept_due_at, accepted_at,
      rejected_at, dispatched_at, allowed_minutes, stage_started_at, due_at, suspended_at, remaining_minutes,
      overdue_at, resolved_at, resolution, handling_minutes, verified_at, closed_at, cancelled_at,
      cancel_reason, rating, rated_at, created_at, updated_at)
    SELECT b.street_id,
      b.street_code || to_char(b.local_at, 'YYYYMMDD')
        || lpad(row_number() OVER (PARTITION BY b.street_id, b.local_at::date ORDER BY b.reported_at, b.i)::text, 4, '0'),
      cc.name || ' ' || g.name, '巡查发现：' || cc.name || '，位于' || g.name || '，请尽快处置。', b.category_id, 1,
      b.source, b.urgency, b.status, 'GRID', b.grid_id, g.name || '附近', 'user:0', b.reported_at,
      t.accept_due_at,
      CASE WHEN b.status NOT IN ('REPORTED', 'REJECTED') THEN b.reported_at + interval '30 minutes' END,
      CASE WHEN b.status = 'REJECTED' THEN b.reported_at + interval '40 minutes' END,
      t.dispatched_at,
      CASE WHEN t.dispatched_at IS NULL THEN 240 ELSE 420 * (1 + (b.r_due * 9)::int) END,
      coalesce(t.dispatched_at, b.reported_at),
      coalesce(t.dispatched_at + (1 + (b.r_due * 9)::int) * interval '1 day', t.accept_due_at),
      CASE WHEN b.status = 'SUSPENDED' THEN t.dispatched_at + interval '1 day' END,
      CASE WHEN b.status = 'SUSPENDED' THEN 600 END,
      CASE WHEN b.status IN ('DISPATCHED', 'IN_PROGRESS', 'VERIFYING')
             AND t.dispatched_at + (1 + (b.r_due * 9)::int) * interval '1 day' < now()
           THEN t.dispatched_at + (1 + (b.r_due * 9)::int) * interval '1 day' END,
      t.resolved_at, CASE WHEN t.resolved_at IS NOT NULL THEN '已处置完毕' END,
      CASE WHEN t.resolved_at IS NOT NULL THEN 420 * (1 + (b.r_due * 5)::int) END,
      CASE WHEN b.status = 'CLOSED' THEN t.resolved_at + interval '3 hours' END,
      CASE WHEN b.status = 'CLOSED' THEN t.resolved_at + interval '3 hours' END,
      CASE WHEN b.status = 'CANCELLED' THEN b.reported_at + interval '1 hour' END,
      CASE WHEN b.status = 'CANCELLED' THEN '重复上报' END,
      CASE WHEN b.status = 'CLOSED' AND b.r_extra < 0.6 THEN (ARRAY['SATISFIED','SATISFIED','SATISFIED','NEUTRAL','DISSATISFIED'])[1 + b.i % 5] END,
      CASE WHEN b.status = 'CLOSED' AND b.r_extra < 0.6 THEN t.resolved_at + interval '1 day' END,
      b.reported_at, b.reported_at
    FROM bench_case b
    JOIN case_category cc ON cc.id = b.category_id
    JOIN grid g ON g.id = b.grid_id
    CROSS JOIN LATERAL (SELECT
      b.reported_at + CASE b.urgency WHEN 'A' THEN interval '30 minutes' WHEN 'B' THEN interval '2 hours' ELSE interval '7 hours' END AS accept_due_at,
      CASE WHEN b.status IN ('DISPATCHED', 'IN_PROGRESS', 'SUSPENDED', 'VERIFYING', 'CLOSED') THEN b.reported_at + interval '2 hours' END AS dispatched_at,
      CASE WHEN b.status IN ('VERIFYING', 'CLOSED')
           THEN least(b.reported_at + interval '2 hours' + (1 + (b.r_due * 12)::int) * interval '12 hours', now() - interval '4 hours') END AS resolved_at) t
    ORDER BY b.reported_at, b.i`,
  );
  await step(
    'case number counters',
    `
    INSERT INTO case_number_counter (street_id, day, last)
    SELECT c.street_id, to_date(substr(c.number, length(s.code) + 1, 8), 'YYYYMMDD'), count(*)
    FROM case_file c JOIN street s ON s.id = c.street_id WHERE c.street_id IN ${bench}
    GROUP BY 1, 2`,
  );
  await step(
    'case departments',
    `
    INSERT INTO case_department (street_id, case_id, department_id, state, dispatched_at, acknowledge_due_at,
      acknowledged_at, started_at, due_at, resolved_at, resolution, overdue_at, suspended_at)
    SELECT c.street_id, c.id, d.id,
      CASE c.status WHEN 'DISPATCHED' THEN 'DISPATCHED' WHEN 'IN_PROGRESS' THEN 'IN_PROGRESS'
                    WHEN 'SUSPENDED' THEN 'IN_PROGRESS' ELSE 'RESOLVED' END,
      c.dispatched_at, c.dispatched_at + interval '1 hour',
      CASE WHEN c.status <> 'DISPATCHED' THEN c.dispatched_at + interval '40 minutes' END,
      CASE WHEN c.status <> 'DISPATCHED' THEN c.dispatched_at + interval '2 hours' END,
      c.due_at, c.resolved_at, c.resolution, c.overdue_at, c.suspended_at
    FROM case_file c JOIN street s ON s.id = c.street_id
    JOIN organization d ON d.street_id = c.street_id AND d.kind = 'DEPARTMENT'
      AND d.code = 'D' || s.code || '-' || (1 + c.id % 5)
    WHERE c.dispatched_at IS NOT NULL AND c.street_id IN ${bench}`,
  );
  // The chain of a case's handling, step by step; a status ends it at its step.
  const chain = `(VALUES
    (1, 'REPORT', NULL, 'REPORTED', interval '0'),
    (2, 'ACCEPT', 'REPORTED', 'ACCEPTED', interval '30 minutes'),
    (3, 'DISPATCH', 'ACCEPTED', 'DISPATCHED', interval '2 hours'),
    (4, 'ACKNOWLEDGE', 'DISPATCHED', 'DISPATCHED', interval '2 hours 40 minutes'),
    (5, 'START', 'DISPATCHED', 'IN_PROGRESS', interval '4 hours'),
    (7, 'RESOLVE', 'IN_PROGRESS', 'VERIFYING', NULL),
    (8, 'VERIFY', 'VERIFYING', 'CLOSED', NULL),
    (9, 'RATE', 'CLOSED', 'CLOSED', NULL)) s(step, action, from_status, to_status, after)`;
  await step(
    'case timelines',
    `
    INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind, actor_id,
      actor_role, department_id, note, occurred_at)
    SELECT street_id, case_id, action, from_status, to_status, actor_kind, actor_id, actor_role, department_id, note, occurred_at
    FROM (
      -- the chain up to the case's status
      SELECT c.street_id, c.id AS case_id, s.action, s.from_status, s.to_status, 'user' AS actor_kind,
        '0' AS actor_id, CASE WHEN s.step IN (4, 5, 7) THEN 'DEPARTMENT_STAFF' ELSE 'STREET_ADMIN' END AS actor_role,
        CASE WHEN s.step IN (4, 5, 7) THEN d.department_id END AS department_id,
        CASE s.action WHEN 'RESOLVE' THEN c.resolution WHEN 'VERIFY' THEN '核查通过' END AS note,
        CASE s.action WHEN 'RESOLVE' THEN c.resolved_at WHEN 'VERIFY' THEN c.verified_at WHEN 'RATE' THEN c.rated_at
          ELSE c.reported_at + s.after END AS occurred_at, s.step AS ord
      FROM case_file c
      LEFT JOIN case_department d ON d.case_id = c.id
      JOIN ${chain} ON s.step <= CASE c.status WHEN 'REPORTED' THEN 1 WHEN 'ACCEPTED' THEN 2 WHEN 'REJECTED' THEN 1
          WHEN 'CANCELLED' THEN 2 WHEN 'DISPATCHED' THEN 4 WHEN 'IN_PROGRESS' THEN 5 WHEN 'SUSPENDED' THEN 5
          WHEN 'VERIFYING' THEN 7 WHEN 'CLOSED' THEN CASE WHEN c.rated_at IS NULL THEN 8 ELSE 9 END END
      WHERE c.street_id IN ${bench}
      UNION ALL
      -- how it ended otherwise: rejected, cancelled, suspended
      SELECT c.street_id, c.id, e.action, e.from_status, c.status, 'user', '0', 'STREET_ADMIN', NULL, e.note,
        coalesce(c.rejected_at, c.cancelled_at, c.suspended_at), 10
      FROM case_file c CROSS JOIN LATERAL (SELECT
        CASE c.status WHEN 'REJECTED' THEN 'REJECT' WHEN 'CANCELLED' THEN 'CANCEL' ELSE 'SUSPEND' END AS action,
        CASE c.status WHEN 'REJECTED' THEN 'REPORTED' WHEN 'CANCELLED' THEN 'ACCEPTED' ELSE 'IN_PROGRESS' END AS from_status,
        CASE c.status WHEN 'REJECTED' THEN '不属于受理范围' WHEN 'CANCELLED' THEN c.cancel_reason ELSE '等待天气好转' END AS note) e
      WHERE c.status IN ('REJECTED', 'CANCELLED', 'SUSPENDED') AND c.street_id IN ${bench}
      UNION ALL
      -- one started case in ten: postponement requests and decisions while in progress
      SELECT c.street_id, c.id, CASE WHEN k % 2 = 1 THEN 'REQUEST_POSTPONEMENT' ELSE 'DECIDE_POSTPONEMENT' END,
        'IN_PROGRESS', 'IN_PROGRESS', 'user', '0', CASE WHEN k % 2 = 1 THEN 'DEPARTMENT_STAFF' ELSE 'STREET_ADMIN' END,
        CASE WHEN k % 2 = 1 THEN d.department_id END,
        CASE WHEN k % 2 = 1 THEN '需协调第' || k || '次延期' ELSE '同意延期' END,
        c.dispatched_at + interval '4 hours' + k * interval '10 minutes', 6
      FROM case_file c JOIN case_department d ON d.case_id = c.id
      CROSS JOIN LATERAL generate_series(1, 6 + (c.id * 7919 % 20)::int) k
      WHERE c.status IN ('IN_PROGRESS', 'SUSPENDED', 'VERIFYING', 'CLOSED') AND c.id % 10 = 3
        AND c.street_id IN ${bench}
    ) e
    ORDER BY case_id, ord, occurred_at`,
  );
  await client.query(`DROP TABLE bench_case`);
  for (const { indexname, indexdef } of indexes) {
    const t = Date.now();
    await client.query(indexdef);
    console.log(`${('index ' + indexname).padEnd(38)} ${Date.now() - t} ms`);
  }
}
