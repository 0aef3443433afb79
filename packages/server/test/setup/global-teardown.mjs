import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const { adminUrl, template } = globalThis.__LIANXIN_TEMPLATE__ ?? {};
  if (adminUrl && !globalThis.__LIANXIN_EMBEDDED__) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.end();
  }
  const embedded = globalThis.__LIANXIN_EMBEDDED__;
  if (embedded) {
    await embedded.embedded.stop();
    rmSync(embedded.dataDir, { recursive: true, force: true });
  }
}
