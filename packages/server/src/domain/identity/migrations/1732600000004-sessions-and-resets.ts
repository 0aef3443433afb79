import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-ins as rows (`user_session`: device, address, last use; a refresh token family is one,
 * and access tokens name it by the family's id),
 * one-time password reset tokens, and when a password last changed.
 */
export class SessionsAndResets1732600000004 implements MigrationInterface {
  name = 'SessionsAndResets1732600000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_session (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        family_id      uuid NOT NULL UNIQUE,
        user_id        bigint NOT NULL REFERENCES app_user (id),
        user_agent     text CHECK (length(user_agent) <= 300),
        client_address text CHECK (length(client_address) <= 100),
        created_at     timestamptz NOT NULL DEFAULT now(),
        last_used_at   timestamptz NOT NULL DEFAULT now(),
        ended_at       timestamptz,
        ended_reason   text CHECK (ended_reason IN ('SIGNED_OUT', 'ENDED', 'SIGNED_OUT_EVERYWHERE',
                         'PASSWORD_CHANGED', 'PASSWORD_RESET', 'DISABLED', 'TOKEN_REUSED')),
        CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id, ended_at)`);
    // Sign-ins made before sessions were rows: one per refresh token family.
    await q.query(`
      INSERT INTO user_session (family_id, user_id, created_at, last_used_at, ended_at, ended_reason)
      SELECT family_id, min(user_id), min(created_at), max(coalesce(used_at, created_at)),
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END,
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN 'SIGNED_OUT' END
      FROM refresh_token GROUP BY family_id`);
    await q.query(`
      ALTER TABLE refresh_token ADD CONSTRAINT refresh_token_session_fk
        FOREIGN KEY (family_id) REFERENCES user_session (family_id)`);

    await q.query(`
      CREATE TABLE password_reset (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id     bigint NOT NULL REFERENCES app_user (id),
        token_hash  text NOT NULL UNIQUE,
        created_by  jsonb NOT NULL,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz,
        revoked_at  timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_reset_user_idx ON password_reset (user_id)`);

    await q.query(`ALTER TABLE app_user ADD COLUMN password_changed_at timestamptz`);
    await q.query(`CREATE INDEX app_user_street_idx ON app_user (street_id, username)`);
    // Sign-ins and resets are history: the server ends them, never deletes them.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON user_session, password_reset TO lianxin_app`);
    await q.query(`REVOKE DELETE ON user_session, password_reset FROM lianxin_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX app_user_street_idx`);
    await q.query(`ALTER TABLE app_user DROP COLUMN password_changed_at`);
    await q.query(`DROP TABLE password_reset`);
    await q.query(`ALTER TABLE refresh_token DROP CONSTRAINT refresh_token_session_fk`);
    await q.query(`DROP TABLE user_session`);
  }
}
