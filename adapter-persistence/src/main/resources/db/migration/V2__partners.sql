-- Partners: the API's callers, each the contributor of its users; contributor_id is the partner id.
--
-- A handful of rows, read on every authentication and looked up by client id before the
-- contributor is known, so this table is not distributed by contributor: under Citus it would
-- be a reference table, copied to every node. That is why partners_client_id_key, alone in the
-- schema, does not begin with contributor_id.
CREATE TABLE partners (
    contributor_id  text         NOT NULL,
    name            text         NOT NULL,
    client_id       text         NOT NULL,
    -- SHA-256 of the client secret; the secret itself is never stored.
    secret_hash     bytea        NOT NULL,
    enabled         boolean      NOT NULL,
    created         timestamptz  NOT NULL,

    CONSTRAINT partners_pkey PRIMARY KEY (contributor_id),
    CONSTRAINT partners_client_id_key UNIQUE (client_id),
    CONSTRAINT partners_secret_hash_check CHECK (octet_length(secret_hash) = 32)
);
