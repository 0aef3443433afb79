import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job queue's door for the app role. graphile-worker's schema (`graphile_worker`, installed
 * and upgraded by `migrateJobQueue` before these migrations run) belongs to the owner, and its
 * `add_job` needs the owner's rights. Requests run as `lianxin_app`, so they add and remove jobs
 * through these two `SECURITY DEFINER` functions, in their own transaction, and can do nothing
 * else to the queue (not read other streets' payloads, not touch jobs by id).
 */
export class JobQueue1732600000007 implements MigrationInterface {
  name = 'JobQueue1732600000007';

  async up(q: QueryRunner): Promise<void> {
    // `replace`: scheduling a key again moves the pending job (new time, payload, attempts);
    // a job with that key already running is left to finish and a new one is added.
    await q.query(`
      CREATE FUNCTION lianxin_schedule_job(
        p_task text, p_payload json, p_run_at timestamptz, p_job_key text, p_max_attempts integer
      ) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        v_id bigint;
      BEGIN
        SELECT j.id INTO v_id FROM graphile_worker.add_job(
          p_task, p_payload, run_at := p_run_at, job_key := p_job_key,
          max_attempts := p_max_attempts, job_key_mode := 'replace') j;
        -- Two transactions racing on one key: add_job answers null (graphile/worker#580).
        IF v_id IS NULL THEN
          RAISE EXCEPTION 'job % could not be scheduled (key % contended); try again', p_task, p_job_key
            USING ERRCODE = '40001';
        END IF;
        RETURN v_id;
      END $$`);
    // A job that is running is not removed, but it will not be tried again if it fails.
    await q.query(`
      CREATE FUNCTION lianxin_cancel_job(p_job_key text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        RETURN (SELECT j.id FROM graphile_worker.remove_job(p_job_key) j) IS NOT NULL;
      END $$`);
    for (const fn of [
      'lianxin_schedule_job(text, json, timestamptz, text, integer)',
      'lianxin_cancel_job(text)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO lianxin_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION lianxin_cancel_job(text)`);
    await q.query(`DROP FUNCTION lianxin_schedule_job(text, json, timestamptz, text, integer)`);
  }
}
