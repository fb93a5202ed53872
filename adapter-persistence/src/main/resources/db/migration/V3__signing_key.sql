-- The one token-signing key all server instances share, so a token issued by one is accepted
-- by all. A single row, enforced; like partners, a reference table under Citus.
-- The key is a secret: whoever can read this table can mint tokens.
CREATE TABLE signing_key (
    id          smallint     NOT NULL DEFAULT 1,
    key         bytea        NOT NULL,
    created     timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT signing_key_pkey PRIMARY KEY (id),
    CONSTRAINT signing_key_single_row_check CHECK (id = 1)
);
