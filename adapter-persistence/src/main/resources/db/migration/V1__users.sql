-- Users: one row per user, the whole aggregate.
--
-- Every key and index begins with contributor_id, so the table can be distributed by
-- contributor (a Citus distribution column, say) and every lookup and every uniqueness check
-- stays on one shard. A user is always looked up with its contributor: another contributor's
-- user must be "not found" anyway.
--
-- Phone uniqueness depends on how a user was created (see docs/persistence.md), which no
-- constraint can express; the adapter enforces it under advisory locks. What a constraint
-- can say, it says here, as a second line of defence.
CREATE TABLE users (
    contributor_id     text           NOT NULL,
    id                 uuid           NOT NULL,
    first_name         text           NOT NULL,
    last_name          text           NOT NULL,
    -- As the partner sent it, for display ...
    email              text,
    -- ... and as uniqueness is decided on: EmailAddress.normalized(), computed by the domain,
    -- so that the database and the domain can never disagree on what "the same email" is.
    email_normalized   text,
    phone              text           NOT NULL,
    email_verified     boolean        NOT NULL,
    phone_verified     boolean        NOT NULL,
    custom_field_1     text,
    custom_field_2     text,
    custom_field_3     text,
    custom_field_4     text,
    custom_field_5     text,
    address_line_1     text,
    address_line_2     text,
    city               text,
    state              text           NOT NULL,
    country            text           NOT NULL,
    zip                text,
    policy_number      text,
    -- Millisecond precision, the domain's and the wire format's: what is stored reads back exactly.
    policy_start_date  timestamptz(3),
    policy_end_date    timestamptz(3),
    admin_note         text,
    tos_answer         text           NOT NULL,
    partner_code       text           NOT NULL,
    date_registered    timestamptz(3) NOT NULL,
    updated            timestamptz(3) NOT NULL,
    fraud              boolean        NOT NULL,
    -- Optimistic concurrency: an update names the version it was based on.
    version            bigint         NOT NULL,

    CONSTRAINT users_pkey PRIMARY KEY (contributor_id, id),
    CONSTRAINT users_partner_code_key UNIQUE (contributor_id, partner_code),
    CONSTRAINT users_email_normalized_check CHECK ((email IS NULL) = (email_normalized IS NULL)),
    CONSTRAINT users_policy_dates_check CHECK (policy_number IS NOT NULL
        OR (policy_start_date IS NULL AND policy_end_date IS NULL)),
    CONSTRAINT users_tos_answer_check CHECK (tos_answer IN ('None', 'Accepted', 'Declined')),
    CONSTRAINT users_version_check CHECK (version >= 1),
    CONSTRAINT users_updated_check CHECK (updated >= date_registered)
);

-- No two users of a contributor share phone and policy number: no rule ever allows it.
-- Rows without a policy never conflict here (NULLs are distinct in a unique index), which makes
-- this the "where policy_number is not null" constraint and, through its prefix, the index for
-- lookups by phone as well: one index instead of two on the insert path.
CREATE UNIQUE INDEX users_phone_policy_key ON users (contributor_id, phone, policy_number);

-- Lookups by email, case-insensitively: on the normalized form.
CREATE INDEX users_email_idx ON users (contributor_id, email_normalized) WHERE email_normalized IS NOT NULL;
