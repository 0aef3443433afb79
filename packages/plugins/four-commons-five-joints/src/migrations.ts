import type { PluginMigration } from '@lianxin/sdk';

/** The plugin's tables, in its own schema (the host adds each street's row-level security). */
export const migrations: PluginMigration[] = [
  {
    name: '001-deliberations',
    up: `
      CREATE TABLE deliberation (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id              bigint NOT NULL REFERENCES public.street (id),
        kind                   text NOT NULL CHECK (kind IN ('MAJOR', 'PRACTICAL', 'IMPORTANT', 'URGENT')),
        title                  text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        agenda                 text CHECK (length(agenda) <= 2000),
        status                 text NOT NULL
                                 CHECK (status IN ('PROPOSED', 'DISCUSSING', 'DECIDED', 'CLOSED', 'CANCELLED')),
        origin                 text NOT NULL DEFAULT 'MANUAL' CHECK (origin IN ('MANUAL', 'CASE_ESCALATION')),
        case_id                bigint REFERENCES public.case_file (id),
        meeting_on             date,
        decision               text CHECK (length(decision) <= 2000),
        outcome                text CHECK (length(outcome) <= 2000),
        cancel_reason          text CHECK (length(cancel_reason) <= 500),
        proposed_at            timestamptz NOT NULL DEFAULT now(),
        discussion_started_at  timestamptz,
        decided_at             timestamptz,
        closed_at              timestamptz,
        cancelled_at           timestamptz,
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (status NOT IN ('DECIDED', 'CLOSED') OR decision IS NOT NULL),
        CHECK (origin = 'MANUAL' OR case_id IS NOT NULL)
      );
      -- 急事共商 for a case: one at most, whoever opens it (the escalation hook, or staff).
      CREATE UNIQUE INDEX deliberation_urgent_case_key ON deliberation (case_id) WHERE kind = 'URGENT';
      CREATE INDEX deliberation_case_idx ON deliberation (case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX deliberation_street_idx ON deliberation (street_id, proposed_at);

      CREATE TABLE deliberation_unit (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id        bigint NOT NULL REFERENCES public.street (id),
        deliberation_id  bigint NOT NULL REFERENCES deliberation (id),
        organization_id  bigint NOT NULL REFERENCES public.organization (id),
        added_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (deliberation_id, organization_id)
      );
      CREATE INDEX deliberation_unit_organization_idx ON deliberation_unit (organization_id);

      CREATE TABLE deliberation_task (
        id                           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id                    bigint NOT NULL REFERENCES public.street (id),
        deliberation_id              bigint NOT NULL REFERENCES deliberation (id),
        title                        text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        responsible_organization_id  bigint NOT NULL REFERENCES public.organization (id),
        due_on                       date NOT NULL,
        status                       text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE')),
        note                         text CHECK (length(note) <= 1000),
        created_at                   timestamptz NOT NULL DEFAULT now(),
        done_at                      timestamptz,
        CHECK ((status = 'DONE') = (done_at IS NOT NULL))
      );
      CREATE INDEX deliberation_task_deliberation_idx ON deliberation_task (deliberation_id, due_on);
      CREATE INDEX deliberation_task_street_idx ON deliberation_task (street_id, status, due_on);
      CREATE INDEX deliberation_task_organization_idx ON deliberation_task (responsible_organization_id);
    `,
  },
  {
    name: '002-joint-activities',
    up: `
      CREATE TABLE joint_activity (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id     bigint NOT NULL REFERENCES public.street (id),
        kind          text NOT NULL CHECK (kind IN ('SPIRITUAL_CIVILIZATION', 'PUBLIC_SECURITY',
                        'PUBLIC_WELFARE', 'HEALTHY_ENVIRONMENT', 'CULTURE_AND_SPORTS')),
        title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        held_on       date NOT NULL,
        place         text CHECK (length(place) <= 200),
        participants  integer NOT NULL CHECK (participants BETWEEN 0 AND 100000),
        results       text CHECK (length(results) <= 2000),
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX joint_activity_street_idx ON joint_activity (street_id, held_on);

      CREATE TABLE joint_activity_unit (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id        bigint NOT NULL REFERENCES public.street (id),
        activity_id      bigint NOT NULL REFERENCES joint_activity (id),
        organization_id  bigint NOT NULL REFERENCES public.organization (id),
        added_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (activity_id, organization_id)
      );
      CREATE INDEX joint_activity_unit_organization_idx ON joint_activity_unit (organization_id);
    `,
  },
];
