-- A partner's whole book: its own key for a user, a change sequence to page and sync by,
-- tombstones of erased users, and an index for every list filter. docs/persistence.md explains.

-- The partner's own key: unique per contributor when present (NULLs are distinct in a unique
-- index, so users without one never conflict), and the index for lookups by it.
ALTER TABLE users ADD COLUMN external_user_id text;
CREATE UNIQUE INDEX users_external_user_id_key ON users (contributor_id, external_user_id);

-- Change sequence: per contributor, one number per write of a user (insert, update, erasure),
-- handed out inside the writing transaction while it holds the lock of the contributor's row in
-- user_change_locks, which it keeps until it ends. So numbers are handed out in commit order:
-- once a reader sees number n, every lower number of that contributor is already visible (or
-- was rolled back, and is handed out again). That lets a client page by it without ever
-- skipping a late commit (docs/persistence.md).
--
-- The lock row is only locked, never updated: the first number of a transaction is one more
-- than the highest in use (an index lookup each on users and tombstones), the next ones are
-- counted in a transaction-local setting. So a transaction writing many rows (a group of
-- creates, a bulk import) costs one lock and two lookups, not one row version per row.
-- Writers must run READ COMMITTED (the store checks it): the lookup must see the previous
-- lock holder's rows. The unique indexes on change_seq below would refuse a duplicate anyway.
CREATE TABLE user_change_locks (
    contributor_id text NOT NULL,
    CONSTRAINT user_change_locks_pkey PRIMARY KEY (contributor_id)
);

ALTER TABLE users ADD COLUMN change_seq bigint;
UPDATE users u SET change_seq = numbered.n
FROM (SELECT contributor_id, id, row_number() OVER (PARTITION BY contributor_id ORDER BY updated, id) AS n
      FROM users) numbered
WHERE u.contributor_id = numbered.contributor_id AND u.id = numbered.id;
ALTER TABLE users ALTER COLUMN change_seq SET NOT NULL;

-- Erased users: no personal data, only what a syncing client needs to drop its copy.
CREATE TABLE user_tombstones (
    contributor_id text           NOT NULL,
    id             uuid           NOT NULL,
    deleted        timestamptz(3) NOT NULL,
    change_seq     bigint         NOT NULL,
    CONSTRAINT user_tombstones_pkey PRIMARY KEY (contributor_id, id)
);

CREATE FUNCTION next_user_change(contributor text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    counted text := 'enroll.change_' || md5(contributor);
    last bigint := NULLIF(current_setting(counted, true), '')::bigint;
BEGIN
    IF last IS NULL THEN
        INSERT INTO user_change_locks (contributor_id) VALUES (contributor) ON CONFLICT DO NOTHING;
        PERFORM 1 FROM user_change_locks WHERE contributor_id = contributor FOR UPDATE;
        -- A statement of its own, so a snapshot of its own, taken once the lock is held.
        SELECT greatest((SELECT coalesce(max(change_seq), 0) FROM users WHERE contributor_id = contributor),
                        (SELECT coalesce(max(change_seq), 0) FROM user_tombstones WHERE contributor_id = contributor))
        INTO last;
    END IF;
    last := last + 1;
    PERFORM set_config(counted, last::text, true);
    RETURN last;
END
$$;

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
CREATE INDEX users_updated_idx ON users (contributor_id, updated, change_seq);
CREATE UNIQUE INDEX user_tombstones_change_key ON user_tombstones (contributor_id, change_seq);
CREATE INDEX user_tombstones_deleted_idx ON user_tombstones (contributor_id, deleted);
