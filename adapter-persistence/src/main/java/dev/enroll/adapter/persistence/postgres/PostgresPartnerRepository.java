package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Partners in PostgreSQL; the primary key and the unique client id decide what {@link #insert}
 * refuses. Each change is one UPDATE of the columns it changes, so changes made at the same time
 * never undo each other. Every change also tells every listening instance (a trigger NOTIFYs on
 * {@value PartnerChanges#CHANNEL}; see V4__partner_credentials.sql).
 */
final class PostgresPartnerRepository implements PartnerRepository {

    private static final String SELECT = "SELECT " + PartnerRow.COLUMN_LIST + " FROM partners ";
    // Whichever key is taken, the answer is the same: not inserted.
    private static final String INSERT = "INSERT INTO partners (" + PartnerRow.COLUMN_LIST + ") VALUES ("
            + PartnerRow.PLACEHOLDERS + ") ON CONFLICT DO NOTHING";
    private static final String RETURNING = " WHERE contributor_id = ? RETURNING " + PartnerRow.COLUMN_LIST;
    private static final String SET_ENABLED = "UPDATE partners SET enabled = ?" + RETURNING;
    private static final String REPLACE_SECRET =
            "UPDATE partners SET secret_hash = ?, credential_version = credential_version + 1" + RETURNING;

    private final DataSource dataSource;

    PostgresPartnerRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean insert(Partner partner) {
        return Queries.update(dataSource, INSERT, PartnerRow.from(partner).values()) == 1;
    }

    @Override
    public Optional<Partner> findById(ContributorId id) {
        return Queries.one(dataSource, SELECT + "WHERE contributor_id = ?", PartnerRow::read, id.value())
                .map(PartnerRow::toDomain);
    }

    @Override
    public Optional<Partner> findByClientId(ClientId clientId) {
        return Queries.one(dataSource, SELECT + "WHERE client_id = ?", PartnerRow::read, clientId.value())
                .map(PartnerRow::toDomain);
    }

    @Override
    public List<Partner> findAll() {
        // Ids are ASCII; the C collation orders them as Java's String.compareTo does, whatever the database's locale.
        return Queries.list(dataSource, SELECT + "ORDER BY contributor_id COLLATE \"C\"", PartnerRow::read)
                .stream().map(PartnerRow::toDomain).toList();
    }

    @Override
    public Optional<Partner> setEnabled(ContributorId id, boolean enabled) {
        return Queries.one(dataSource, SET_ENABLED, PartnerRow::read, enabled, id.value()).map(PartnerRow::toDomain);
    }

    @Override
    public Optional<Partner> replaceSecret(ContributorId id, SecretHash secretHash) {
        return Queries.one(dataSource, REPLACE_SECRET, PartnerRow::read, secretHash.digest(), id.value())
                .map(PartnerRow::toDomain);
    }
}
