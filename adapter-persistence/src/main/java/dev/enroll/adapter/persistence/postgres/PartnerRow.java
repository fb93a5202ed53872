package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.statement.SqlStatement;

/** A row of the {@code partners} table, and the mapping between it and {@link Partner}. */
record PartnerRow(String contributorId, String name, String clientId, byte[] secretHash, boolean enabled,
                  OffsetDateTime created) {

    static final String COLUMN_LIST = "contributor_id, name, client_id, secret_hash, enabled, created";

    static PartnerRow from(Partner partner) {
        return new PartnerRow(partner.id().value(), partner.name(), partner.clientId().value(),
                partner.secretHash().digest(), partner.enabled(), partner.created().atOffset(ZoneOffset.UTC));
    }

    Partner toDomain() {
        try {
            return new Partner(new ContributorId(contributorId), name, new ClientId(clientId),
                    new SecretHash(secretHash), enabled, created.toInstant());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Stored partner " + contributorId + " does not meet the domain's rules: "
                    + e.getMessage(), e);
        }
    }

    <S extends SqlStatement<S>> S bindTo(S statement) {
        return statement.bind("contributor_id", contributorId).bind("name", name).bind("client_id", clientId)
                .bind("secret_hash", secretHash).bind("enabled", enabled)
                .bindByType("created", created, OffsetDateTime.class);
    }

    static PartnerRow read(ResultSet rs) throws SQLException {
        return new PartnerRow(rs.getString("contributor_id"), rs.getString("name"), rs.getString("client_id"),
                rs.getBytes("secret_hash"), rs.getBoolean("enabled"), rs.getObject("created", OffsetDateTime.class));
    }

    @Override
    public String toString() {
        return "PartnerRow[contributorId=" + contributorId + ", redacted]";
    }
}
