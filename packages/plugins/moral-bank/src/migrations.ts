import type { PluginMigration } from '@lianxin/sdk';

/** Kinds of ledger entry (GraphQL `MoralEntryKind`). */
export const ENTRY_KINDS = ['SERVICE', 'GOOD_DEED', 'WISH', 'REDEMPTION', 'REVERSAL'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Kinds of good deed (GraphQL `MoralDeedCategory`), after the five kinds of 道德模范 and more. */
export const DEED_CATEGORIES = [
  'FILIAL_PIETY',
  'HELPING_OTHERS',
  'HONESTY',
  'BRAVERY',
  'DEDICATION',
  'NEIGHBOURLINESS',
  'ENVIRONMENT',
  'CIVILITY',
] as const;
export type DeedCategory = (typeof DEED_CATEGORIES)[number];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The plugin's tables, in its own schema (the host adds each street's row-level security).
 * Cross-row links are composite foreign keys with the street, as the core's are, so PostgreSQL
 * itself refuses a link across streets. `entry` is append-only (the plugin's role may not
 * UPDATE or DELETE it): a mistake is put right by a reversing entry.
 */
export const migrations: PluginMigration[] = [
  {
    name: '001-ledger',
    up: `
      CREATE TABLE passbook (
        -- The person's own id: one passbook a person (Person.moralPassbook follows it).
        id          bigint PRIMARY KEY,
        person_id   bigint NOT NULL GENERATED ALWAYS AS (id) STORED,
        street_id   bigint NOT NULL REFERENCES public.street (id),
        -- The sum of the passbook's entries, kept in the same transaction as each entry.
        balance     integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
        opened_at   timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, id) REFERENCES public.person (street_id, id)
      );
      CREATE INDEX passbook_street_balance_idx ON passbook (street_id, balance DESC);

      CREATE TABLE reward (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id   bigint NOT NULL REFERENCES public.street (id),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        description text CHECK (length(description) <= 500),
        cost        integer NOT NULL CHECK (cost BETWEEN 1 AND 100000),
        stock       integer NOT NULL CHECK (stock BETWEEN 0 AND 100000),
        redeemed    integer NOT NULL DEFAULT 0 CHECK (redeemed >= 0),
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (street_id, id),
        UNIQUE (street_id, name)
      );

      CREATE TABLE entry (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id           bigint NOT NULL REFERENCES public.street (id),
        passbook_id         bigint NOT NULL,
        -- The passbook's person, for the read rule (residents read their own entries).
        person_id           bigint NOT NULL CHECK (person_id = passbook_id),
        kind                text NOT NULL CHECK (kind IN (${list(ENTRY_KINDS)})),
        points              integer NOT NULL CHECK (points <> 0),
        balance_after       integer NOT NULL CHECK (balance_after >= 0),
        category            text CHECK (category IN (${list(DEED_CATEGORIES)})),
        note                text CHECK (length(note) <= 500),
        occurred_on         date NOT NULL DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date,
        -- The event an entry was made for ('service_record:12'): at most one entry each.
        source              text UNIQUE,
        service_record_id   bigint,
        reward_id           bigint,
        reverses_id         bigint UNIQUE,
        recorded_by_user_id bigint REFERENCES public.app_user (id),
        recorded_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (passbook_id, id),
        FOREIGN KEY (street_id, passbook_id) REFERENCES passbook (street_id, id),
        FOREIGN KEY (street_id, reward_id) REFERENCES reward (street_id, id),
        -- A reversal is of an entry of the same passbook.
        FOREIGN KEY (passbook_id, reverses_id) REFERENCES entry (passbook_id, id),
        CHECK ((kind = 'GOOD_DEED') = (category IS NOT NULL)),
        CHECK ((kind = 'SERVICE') = (service_record_id IS NOT NULL)),
        CHECK ((kind = 'REDEMPTION') = (reward_id IS NOT NULL)),
        CHECK ((kind = 'REVERSAL') = (reverses_id IS NOT NULL)),
        CHECK (kind NOT IN ('GOOD_DEED', 'WISH') OR points > 0),
        CHECK (kind <> 'REDEMPTION' OR points < 0)
      );
      CREATE INDEX entry_passbook_idx ON entry (passbook_id, recorded_at);
      CREATE INDEX entry_street_idx ON entry (street_id, recorded_at);
      CREATE INDEX entry_reward_idx ON entry (reward_id) WHERE reward_id IS NOT NULL;
      CREATE INDEX entry_service_record_idx ON entry (service_record_id)
        WHERE service_record_id IS NOT NULL;
    `,
  },
];
