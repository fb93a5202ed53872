package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.ContributorId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Partners in PostgreSQL; the primary key and the unique client id decide what {@link #insert} refuses. */
final class JdbiPartnerRepository implements PartnerRepository {

    private static final RowMapper<PartnerRow> ROWS = (rs, context) -> PartnerRow.read(rs);

    private static final String SELECT = "SELECT " + PartnerRow.COLUMN_LIST + " FROM partners ";
    // Whichever key is taken, the answer is the same: not inserted.
    private static final String INSERT = "INSERT INTO partners (" + PartnerRow.COLUMN_LIST + ") VALUES "
            + "(:contributor_id, :name, :client_id, :secret_hash, :enabled, :created) ON CONFLICT DO NOTHING";
    private static final String UPDATE = "UPDATE partners SET name = :name, client_id = :client_id, "
            + "secret_hash = :secret_hash, enabled = :enabled, created = :created WHERE contributor_id = :contributor_id";

    private static final String FIND_BY_ID = SELECT + "WHERE contributor_id = ?";

    private final DataSource dataSource;
    private final Jdbi jdbi;

    JdbiPartnerRepository(DataSource dataSource, Jdbi jdbi) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(Partner partner) {
        return guarded(handle -> PartnerRow.from(partner).bindTo(handle.createUpdate(INSERT)).execute() == 1);
    }

    @Override
    public Optional<Partner> findById(ContributorId id) {
        // Every authenticated request asks this (a disabled partner is shut out at once): plain JDBC.
        return KeyLookup.one(dataSource, FIND_BY_ID, PartnerRow::read, id.value()).map(PartnerRow::toDomain);
    }

    @Override
    public Optional<Partner> findByClientId(ClientId clientId) {
        return guarded(handle -> handle.createQuery(SELECT + "WHERE client_id = :client_id")
                .bind("client_id", clientId.value()).map(ROWS).findOne())
                .map(PartnerRow::toDomain);
    }

    @Override
    public List<Partner> findAll() {
        // Ids are ASCII; the C collation orders them as Java's String.compareTo does, whatever the database's locale.
        return guarded(handle -> handle.createQuery(SELECT + "ORDER BY contributor_id COLLATE \"C\"")
                .map(ROWS).list())
                .stream().map(PartnerRow::toDomain).toList();
    }

    @Override
    public boolean update(Partner partner) {
        return guarded(handle -> PartnerRow.from(partner).bindTo(handle.createUpdate(UPDATE)).execute() == 1);
    }

    private <T> T guarded(HandleCallback<T, RuntimeException> work) {
        return StoreFailures.guard(() -> jdbi.withHandle(work));
    }
}
