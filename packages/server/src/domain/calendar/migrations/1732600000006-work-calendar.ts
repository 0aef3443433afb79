import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work calendars per district: work hours and weekend days (a district without a row has the
 * default ones), and the dates that differ: public holidays and make-up working days (调休).
 */
export class WorkCalendar1732600000006 implements MigrationInterface {
  name = 'WorkCalendar1732600000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_calendar (
        district_id         bigint PRIMARY KEY REFERENCES district (id),
        work_periods        jsonb NOT NULL CHECK (jsonb_typeof(work_periods) = 'array'),
        weekend_days        smallint[] NOT NULL CHECK (weekend_days <@ '{1,2,3,4,5,6,7}'),
        utc_offset_minutes  integer NOT NULL DEFAULT 480 CHECK (utc_offset_minutes BETWEEN -720 AND 840),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE work_calendar_day (
        district_id  bigint NOT NULL REFERENCES district (id),
        day          date NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        PRIMARY KEY (district_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE work_calendar_day`);
    await q.query(`DROP TABLE work_calendar`);
  }
}
