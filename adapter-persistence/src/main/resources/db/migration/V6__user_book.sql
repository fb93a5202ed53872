-- A partner's whole book: its own key for a user, a change sequence to page and sync by,
-- tombstones of erased users, and an index for every list filter. docs/persistence.md explains.

-- The partner's own key: unique per contributor when present (NULLs are distinct in a unique
-- index, so users without one never conflict), and the index for lookups by it.
ALTER TABLE users ADD COLUMN external_user_id text;
CREATE UNIQUE INDEX users_external_user_id_key ON users (contributor_id, external_user_id);

-- Change sequence: per contributor, one number per write of a user (insert, update, erasure),
-- handed out by the writing transaction from the contributor's counter row. The row stays locked
-- until that transaction ends, so numbers are handed out in commit order: once a reader sees
-- number n, every lower number of that contributor is already visible (or rolled back and
-- reused). That is what lets a client page by it without ever skipping a late commit.
CREATE TABLE user_change_counters (
    contributor_id text   NOT NULL,
    last_change    bigint NOT NULL,
    CONSTRAINT user_change_counters_pkey PRIMARY KEY (contributor_id)
);

CREATE FUNCTION next_user_change(contributor text) RETURNS bigint
    LANGUAGE sql VOLATILE AS $$
    INSERT INTO user_change_counters AS c (contributor_id, last_change) VALUES (contributor, 1)
    ON CONFLICT (contributor_id) DO UPDATE SET last_change = c.last_change + 1
    RETURNING last_change
$$;

ALTER TABLE users ADD COLUMN change_seq bigint;
UPDATE users u SET change_seq = numbered.n
FROM (SELECT contributor_id, id, row_number() OVER (PARTITION BY contributor_id ORDER BY updated, id) AS n
      FROM users) numbered
WHERE u.contributor_id = numbered.contributor_id AND u.id = numbered.id;
INSERT INTO user_change_counters (contributor_id, last_change)
SELECT contributor_id, max(change_seq) FROM users GROUP BY contributor_id;
ALTER TABLE users ALTER COLUMN change_seq SET NOT NULL;

-- Erased users: no personal data, only what a syncing client needs to drop its copy.
CREATE TABLE user_tombstones (
    contributor_id text           NOT NULL,
    id             uuid           NOT NULL,
    deleted        timestamptz(3) NOT NULL,
    change_seq     bigint         NOT NULL,
    CONSTRAINT user_tombstones_pkey PRIMARY KEY (contributor_id, id)
);

-- Every write of a user or a tombstone takes the next number, whoever writes it: the writers
-- in Java do not need to know.
CREATE FUNCTION stamp_user_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := next_user_change(NEW.contributor_id);
    RETURN NEW;
END
$$;

CREATE TRIGGER users_stamp_change BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION stamp_user_change();
CREATE TRIGGER user_tombstones_stamp_change BEFORE INSERT ON user_tombstones
    FOR EACH ROW EXECUTE FUNCTION stamp_user_change();

-- Keyset paging in change order, and the list filters; each begins with contributor_id.
-- Phone uses users_phone_policy_key's prefix, email users_email_idx.
CREATE UNIQUE INDEX users_change_key ON users (contributor_id, change_seq);
CREATE INDEX users_policy_number_idx ON users (contributor_id, policy_number, change_seq)
    WHERE policy_number IS NOT NULL;
CREATE INDEX users_updated_idx ON users (contributor_id, updated);
CREATE UNIQUE INDEX user_tombstones_change_key ON user_tombstones (contributor_id, change_seq);
CREATE INDEX user_tombstones_deleted_idx ON user_tombstones (contributor_id, deleted);
