// The "hand-written SQL floor" for a benchmark query (QUERY=page20|gridTree|organizations): a bare Node HTTP
// server that answers with one prepared statement in which PostgreSQL builds the whole JSON response. No GraphQL,
// no validation, no auth: the fastest this data can be served from Node on this machine.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL ?? 10),
});
const page20 = {
  name: 'floor_page20',
  text: `SELECT json_build_object('data', json_build_object('grids', json_build_object(
      'totalCount', (SELECT count(*) FROM grid WHERE street_id = (SELECT id FROM street WHERE code = $1) AND level = 'UNIT' AND archived_at IS NULL),
      'nodes', coalesce(json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'households', u.households, 'staff', (
        SELECT coalesce(json_agg(json_build_object('role', a.role, 'person', json_build_object('name', p.name)) ORDER BY a.id), '[]')
        FROM grid_assignment a JOIN person p ON p.id = a.person_id WHERE a.grid_id = u.id AND a.ended_on IS NULL)) ORDER BY u.code), '[]')))) AS body
    FROM (SELECT * FROM grid WHERE street_id = (SELECT id FROM street WHERE code = $1) AND level = 'UNIT'
          AND archived_at IS NULL ORDER BY code LIMIT 20) u`,
};
const gridTree = {
  name: 'floor_grid_tree',
  text: `SELECT json_build_object('data', json_build_object('grids', json_build_object('nodes', coalesce(json_agg(
      json_build_object('code', u.code, 'name', u.name, 'children', json_build_object('nodes', (
        SELECT coalesce(json_agg(json_build_object('code', b.code, 'name', b.name, 'staff', (
          SELECT coalesce(json_agg(json_build_object('role', a.role, 'person',
                   json_build_object('name', p.name)) ORDER BY a.id), '[]')
          FROM grid_assignment a JOIN person p ON p.id = a.person_id
          WHERE a.grid_id = b.id AND a.ended_on IS NULL)) ORDER BY b.code), '[]')
        FROM (SELECT * FROM grid WHERE parent_id = u.id AND archived_at IS NULL ORDER BY code LIMIT 10) b)))
      ORDER BY u.code), '[]')))) AS body
    FROM (SELECT * FROM grid WHERE street_id = (SELECT id FROM street WHERE code = $1) AND level = 'UNIT'
          AND archived_at IS NULL ORDER BY code LIMIT 20) u`,
};
const organizations = {
  name: 'floor_organizations',
  text: `SELECT json_build_object('data', json_build_object('organizations', json_build_object('nodes', coalesce(json_agg(
      json_build_object('name', o.name,
        'grids', (SELECT coalesce(json_agg(json_build_object('code', g.code, 'name', g.name) ORDER BY g.code), '[]')
                  FROM organization_grid og JOIN grid g ON g.id = og.grid_id
                  WHERE og.organization_id = o.id AND g.archived_at IS NULL),
        'brands', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('name', b.name,
            'children', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('name', c.name) ORDER BY c.name), '[]')
              FROM (SELECT name FROM brand WHERE parent_id = b.id AND archived_at IS NULL ORDER BY name, id LIMIT 5) c))) ORDER BY b.name), '[]')
          FROM (SELECT * FROM brand WHERE owner_organization_id = o.id AND archived_at IS NULL ORDER BY name, id LIMIT 5) b)),
        'members', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('role', m.role,
            'person', json_build_object('name', p.name)) ORDER BY m.rank, m.id), '[]')
          FROM (SELECT *, array_position(ARRAY['SECRETARY','DEPUTY_SECRETARY','COMMITTEE_MEMBER','DIRECTOR','DEPUTY_DIRECTOR','STAFF','MEMBER','LIAISON'], role) AS rank
                FROM organization_member WHERE organization_id = o.id AND ended_on IS NULL ORDER BY rank, id LIMIT 5) m
          JOIN person p ON p.id = m.person_id)),
        'children', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('name', c.name, 'kind', c.kind) ORDER BY c.name), '[]')
          FROM (SELECT * FROM organization WHERE parent_id = o.id AND archived_at IS NULL ORDER BY name, id LIMIT 5) c)))
      ORDER BY o.name), '[]')))) AS body
    FROM (SELECT * FROM organization WHERE street_id = (SELECT id FROM street WHERE code = $1) AND kind = 'COMMUNITY'
          AND archived_at IS NULL ORDER BY name, id LIMIT 20) o`,
};
const statement = { page20, gridTree, organizations }[process.env.QUERY ?? 'gridTree'];
const server = http.createServer((req, res) => {
  if (req.url === '/readyz') return res.end('ok');
  req.resume();
  req.on('end', async () => {
    const { rows } = await pool.query({ ...statement, values: [process.env.STREET_CODE] });
    const body = JSON.stringify(rows[0].body);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
