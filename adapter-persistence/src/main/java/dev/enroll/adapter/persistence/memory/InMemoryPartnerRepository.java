package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Partners in memory; one lock, since partners change rarely. */
public final class InMemoryPartnerRepository implements PartnerRepository {

    private final Map<String, Partner> byId = new TreeMap<>();

    @Override
    public synchronized boolean insert(Partner partner) {
        boolean clientIdTaken = byId.values().stream().anyMatch(p -> p.clientId().equals(partner.clientId()));
        if (clientIdTaken || byId.containsKey(partner.id().value())) {
            return false;
        }
        byId.put(partner.id().value(), partner);
        return true;
    }

    @Override
    public synchronized Optional<Partner> findById(ContributorId id) {
        return Optional.ofNullable(byId.get(id.value()));
    }

    @Override
    public synchronized Optional<Partner> findByClientId(ClientId clientId) {
        return byId.values().stream().filter(p -> p.clientId().equals(clientId)).findFirst();
    }

    @Override
    public synchronized List<Partner> findAll() {
        return byId.values().stream().sorted(Comparator.comparing(p -> p.id().value())).toList();
    }

    @Override
    public synchronized Optional<Partner> setEnabled(ContributorId id, boolean enabled) {
        return Optional.ofNullable(byId.computeIfPresent(id.value(), (key, partner) -> partner.withEnabled(enabled)));
    }

    @Override
    public synchronized Optional<Partner> replaceSecret(ContributorId id, SecretHash secretHash) {
        return Optional.ofNullable(byId.computeIfPresent(id.value(), (key, partner) -> partner.withNewSecret(secretHash)));
    }
}
