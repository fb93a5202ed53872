-- Idempotency keys: the first request's answer per (partner, key), for 24 hours, shared by every
-- instance. A row whose status is NULL is a request still running; lease_until says when it
-- counts as abandoned (its instance died) and may be claimed again by the same request.
CREATE TABLE idempotency_keys (
    contributor_id text           NOT NULL,
    key            text           NOT NULL,
    -- SHA-256 of method, path and body as JSON: a different request with the same key is refused.
    fingerprint    bytea          NOT NULL,
    expires        timestamptz(3) NOT NULL,
    lease_until    timestamptz(3) NOT NULL,
    status         integer,
    etag           text,
    body           bytea,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (contributor_id, key),
    CONSTRAINT idempotency_keys_fingerprint_check CHECK (octet_length(fingerprint) = 32),
    CONSTRAINT idempotency_keys_answer_check CHECK ((status IS NULL) = (body IS NULL))
);

-- The purge finds expired rows by this, a few at a time.
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires);
