-- The user a kept answer is about (the user its path names, or the user it returns), so that
-- erasing the user forgets the answers that hold their personal data. NULL: about no user.
ALTER TABLE idempotency_keys ADD COLUMN user_id uuid;

-- The erasure finds a user's answers by this; most answers are about a user.
CREATE INDEX idempotency_keys_user_idx ON idempotency_keys (contributor_id, user_id) WHERE user_id IS NOT NULL;
