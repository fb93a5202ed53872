-- Change numbers without making a partner's writers take turns (docs/persistence.md, "The change
-- feed and the sync guarantee"). V6 handed numbers out under a lock of the contributor's row held
-- to the commit, so one partner's writes committed one at a time. Now:
--
-- * a writer takes the contributor's change lock SHARED (writers never wait for each other on it)
--   before it takes a number from one sequence, and holds it to its commit;
-- * a reader of the feed first reads the sequence's last number, then takes the same lock
--   EXCLUSIVE for an instant: that waits for every writer holding a number up to it to commit or
--   roll back. It then reads only numbers up to that bound, every one of them settled.
--
-- The lock's key is made here, in SQL, and nowhere else: the trigger takes it whoever writes, so an
-- admin script's writes are numbered safely too.

-- CACHE must stay 1 (the default): with a larger cache, last_value would count numbers a session
-- reserved but has not handed out yet, and a reader's bound could pass them.
CREATE SEQUENCE user_change_seq;
SELECT setval('user_change_seq', greatest(
    (SELECT coalesce(max(change_seq), 0) FROM users),
    (SELECT coalesce(max(change_seq), 0) FROM user_tombstones), 1));

-- The advisory key of a contributor's change lock. Identity locks use keys made in Java; a clash
-- between the two would only make writes (and that partner's pages) wait for each other.
CREATE FUNCTION user_change_lock(contributor text) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS $$ SELECT hashtextextended('enroll user changes:' || contributor, 0) $$;

-- Every writer's locks, taken before it touches a row, in the one order that rules out a circle of
-- waits: the change locks of the contributors it writes for, shared, in order; then its identity
-- locks (IdentityLocks in Java), exclusive, ascending as given. A writer that took its change lock
-- later, with a row already locked, could queue behind a waiting reader while another writer
-- waits for that row. Returns how many locks it took.
CREATE FUNCTION lock_user_writes(contributors text[], identity_keys bigint[]) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    changes bigint;
    identities bigint;
BEGIN
    -- A group's entries after its first take no locks; they must cost no query.
    IF cardinality(contributors) = 0 AND cardinality(identity_keys) = 0 THEN
        RETURN 0;
    END IF;
    -- Two statements, in this order; each takes its locks row by row, in the order its rows come.
    SELECT count(pg_advisory_xact_lock_shared(user_change_lock(c)))
    INTO changes FROM (SELECT DISTINCT c FROM unnest(contributors) AS c ORDER BY c) AS sorted;
    SELECT count(pg_advisory_xact_lock(k)) INTO identities FROM unnest(identity_keys) AS k;
    RETURN changes + identities;
END
$$;

-- The trigger's number: the shared lock first (taking it again in the same transaction is free),
-- then the sequence, so a reader that waits for the lock holders waits for every number handed out.
CREATE OR REPLACE FUNCTION next_user_change(contributor text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(user_change_lock(contributor));
    RETURN nextval('user_change_seq');
END
$$;

-- The highest number a reader may page up to: every number at or below it is committed (and
-- visible to a snapshot taken after this call) or rolled back for good. Run it in a transaction of
-- its own (auto-commit), so the exclusive lock is let go at once.
CREATE FUNCTION settled_user_change(contributor text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    bound bigint := (SELECT last_value FROM user_change_seq);
BEGIN
    PERFORM pg_advisory_xact_lock(user_change_lock(contributor));
    RETURN bound;
END
$$;

DROP TABLE user_change_locks;
