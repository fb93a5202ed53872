package dev.enroll.bootstrap.wiring;

import dev.enroll.application.port.in.ManagePartnersUseCase;

/** The partner use case over an open store, closed with it. */
public record PartnerAdministration(ManagePartnersUseCase partners, Stores stores) implements AutoCloseable {

    @Override
    public void close() {
        stores.close();
    }
}
