import type { PluginMigration } from '@lianxin/sdk';

/** The plugin's tables, in its own schema (the host adds each street's row-level security). */
export const migrations: PluginMigration[] = [
  {
    name: '001-wishes',
    up: `
      CREATE TABLE wish (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id           bigint NOT NULL REFERENCES public.street (id),
        grid_id             bigint NOT NULL REFERENCES public.grid (id),
        title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        description         text CHECK (length(description) <= 1000),
        status              text NOT NULL DEFAULT 'OPEN'
                              CHECK (status IN ('OPEN', 'CLAIMED', 'FULFILLED', 'CANCELLED')),
        poster_person_id    bigint REFERENCES public.person (id),
        claimant_person_id  bigint REFERENCES public.person (id),
        fulfilment_note     text CHECK (length(fulfilment_note) <= 1000),
        version             integer NOT NULL DEFAULT 1,
        posted_at           timestamptz NOT NULL DEFAULT now(),
        claimed_at          timestamptz,
        fulfilled_at        timestamptz,
        cancelled_at        timestamptz
      );
      CREATE INDEX wish_grid_idx ON wish (grid_id, posted_at);
      CREATE INDEX wish_street_status_idx ON wish (street_id, status);
      CREATE INDEX wish_claimant_idx ON wish (claimant_person_id) WHERE claimant_person_id IS NOT NULL;
      CREATE TABLE wish_photo (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id   bigint NOT NULL REFERENCES public.street (id),
        wish_id     bigint NOT NULL REFERENCES wish (id),
        url         text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
        stage       text NOT NULL CHECK (stage IN ('POSTED', 'FULFILLED')),
        added_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX wish_photo_wish_idx ON wish_photo (wish_id);
    `,
  },
];
