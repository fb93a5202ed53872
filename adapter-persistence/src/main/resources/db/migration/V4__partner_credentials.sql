-- Credential versions, and change notices for every instance's partner cache.
--
-- credential_version counts a partner's secrets: an access token names the version it was
-- issued under, and rotating the secret bumps it, which revokes every token issued before.
ALTER TABLE partners ADD COLUMN credential_version bigint NOT NULL DEFAULT 1
    CONSTRAINT partners_credential_version_check CHECK (credential_version >= 1);

-- Every change to a partner is announced on enroll_partner_changed with the partner id, when
-- (and only if) it commits. Serving instances LISTEN and drop their cached copy of that partner,
-- so a disabled partner or a rotated secret is refused everywhere within moments. A trigger,
-- not a NOTIFY in each command: no change to the table can forget to announce itself.
CREATE FUNCTION partners_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('enroll_partner_changed', COALESCE(NEW.contributor_id, OLD.contributor_id));
    RETURN NULL;
END
$$;

CREATE TRIGGER partners_changed AFTER INSERT OR UPDATE OR DELETE ON partners
    FOR EACH ROW EXECUTE FUNCTION partners_notify_change();
