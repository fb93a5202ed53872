package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A row of the {@code partners} table, and the mapping between it and {@link Partner}. */
record PartnerRow(String contributorId, String name, String clientId, byte[] secretHash, boolean enabled,
                  OffsetDateTime created, long credentialVersion) {

    /** The columns, in the order of {@link #values()}. */
    static final String COLUMN_LIST = "contributor_id, name, client_id, secret_hash, enabled, created, credential_version";
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?";

    static PartnerRow from(Partner partner) {
        return new PartnerRow(partner.id().value(), partner.name(), partner.clientId().value(),
                partner.secretHash().digest(), partner.enabled(), partner.created().atOffset(ZoneOffset.UTC),
                partner.credentialVersion());
    }

    Partner toDomain() {
        try {
            return new Partner(new ContributorId(contributorId), name, new ClientId(clientId),
                    new SecretHash(secretHash), enabled, created.toInstant(), credentialVersion);
        } catch (IllegalArgumentException | InvalidValueException e) {
            throw new IllegalStateException("Stored partner " + contributorId + " does not meet the domain's rules: "
                    + e.getMessage(), e);
        }
    }

    /** The column values, in {@link #COLUMN_LIST} order. */
    Object[] values() {
        return new Object[] {contributorId, name, clientId, secretHash, enabled, created, credentialVersion};
    }

    static PartnerRow read(ResultSet rs) throws SQLException {
        return new PartnerRow(rs.getString("contributor_id"), rs.getString("name"), rs.getString("client_id"),
                rs.getBytes("secret_hash"), rs.getBoolean("enabled"), rs.getObject("created", OffsetDateTime.class),
                rs.getLong("credential_version"));
    }

    @Override
    public String toString() {
        return "PartnerRow[contributorId=" + contributorId + ", redacted]";
    }
}
