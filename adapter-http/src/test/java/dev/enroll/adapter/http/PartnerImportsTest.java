package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.domain.user.ContributorId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartnerImportsTest {

    private static final ContributorId ACME = new ContributorId("acme");
    private static final ContributorId GLOBEX = new ContributorId("globex");

    /** Two each, and never every place while there is more than one: the others keep one. */
    @Test
    void a_partner_gets_two_imports_at_once_and_fewer_than_all_the_places_when_there_are_few() {
        assertThat(share(1)).isEqualTo(1);
        assertThat(share(2)).isEqualTo(1);
        assertThat(share(3)).isEqualTo(2);
        assertThat(share(8)).isEqualTo(2);
    }

    @Test
    void a_place_closed_is_free_again_and_partners_do_not_share_them() {
        PartnerImports imports = new PartnerImports(8);
        PartnerImports.Place first = imports.enter(ACME);
        PartnerImports.Place second = imports.enter(ACME);

        assertThatThrownBy(() -> imports.enter(ACME)).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        imports.enter(GLOBEX).close();
        first.close();
        imports.enter(ACME).close();
        second.close();
    }

    /** How many imports one partner gets in at once on a server with {@code places}. */
    private static int share(int places) {
        PartnerImports imports = new PartnerImports(places);
        List<PartnerImports.Place> taken = new ArrayList<>();
        try {
            while (true) {
                taken.add(imports.enter(ACME));
            }
        } catch (RateLimitedException full) {
            taken.forEach(PartnerImports.Place::close);
            return taken.size();
        }
    }
}
