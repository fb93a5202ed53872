package dev.enroll.domain.user;

import static dev.enroll.domain.user.DomainFixtures.ACME;
import static dev.enroll.domain.user.DomainFixtures.T0;
import static dev.enroll.domain.user.DomainFixtures.profile;
import static dev.enroll.domain.user.DomainFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.policy.PolicyNumber;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final PartnerCode CODE = new PartnerCode("K7WX2ZPQ");

    private final User registered = User.register(userId(1), ACME, profile("+15556667777", "ann@example.com"),
            null, CODE, T0);

    @Test
    void aRegisteredUserStartsAtVersion1WithNoTermsAnswer() {
        assertThat(registered.version()).isEqualTo(1);
        assertThat(registered.tosAnswer()).isEqualTo(TosAnswer.NONE);
        assertThat(registered.fraud()).isFalse();
        assertThat(registered.adminNote()).isNull();
        assertThat(registered.dateRegistered()).isEqualTo(T0);
        assertThat(registered.updated()).isEqualTo(T0);
    }

    @Test
    void timestampsKeepMilliseconds() {
        User user = User.register(userId(1), ACME, registered.profile(), null, CODE,
                Instant.parse("2024-05-01T12:00:00.123456789Z"));

        assertThat(user.dateRegistered()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
        assertThat(user.updated()).isEqualTo(user.dateRegistered());
    }

    @Test
    void aProfileChangeMovesUpdatedToNowAndBumpsTheVersion() {
        UserProfile newProfile = profile("+15556667778", null);
        Instant later = T0.plusSeconds(60);

        User changed = registered.withProfile(newProfile, later);

        assertThat(changed.profile()).isEqualTo(newProfile);
        assertThat(changed.updated()).isEqualTo(later);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.dateRegistered()).isEqualTo(T0);
        assertThat(changed.id()).isEqualTo(registered.id());
        assertThat(changed.partnerCode()).isEqualTo(CODE);
    }

    @Test
    void aPolicyChangeMovesUpdatedToNowAndBumpsTheVersion() {
        Policy policy = new Policy(new PolicyNumber("P-1"), null, null);
        Instant later = T0.plusSeconds(60);

        User changed = registered.withPolicy(policy, later);

        assertThat(changed.policy()).isEqualTo(policy);
        assertThat(changed.updated()).isEqualTo(later);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.profile()).isEqualTo(registered.profile());
    }

    @Test
    void updatedMovesForwardEvenWhenTheClockHasNot() {
        User sameInstant = registered.withProfile(registered.profile(), T0);
        User sameMillisecond = sameInstant.withPolicy(null, sameInstant.updated().plusNanos(900_000));

        assertThat(sameInstant.updated()).isEqualTo(T0.plusMillis(1));
        assertThat(sameMillisecond.updated()).isEqualTo(T0.plusMillis(2));
        assertThat(sameMillisecond.version()).isEqualTo(3);
    }

    @Test
    void updatedMovesForwardEvenWhenTheClockSteppedBack() {
        User changed = registered.withProfile(registered.profile(), T0.minusSeconds(3600));

        assertThat(changed.updated()).isEqualTo(T0.plusMillis(1));
    }

    @Test
    void aNewPartnerCodeIsNotARevision() {
        PartnerCode other = new PartnerCode("ABCDEFGH");

        User redrawn = registered.withPartnerCode(other);

        assertThat(redrawn.partnerCode()).isEqualTo(other);
        assertThat(redrawn.version()).isEqualTo(registered.version());
        assertThat(redrawn.updated()).isEqualTo(registered.updated());
    }

    @Test
    void refusesAnUpdateBeforeRegistrationOrAVersionBelow1() {
        assertThatThrownBy(() -> new User(userId(1), ACME, registered.profile(), null, null, TosAnswer.NONE, CODE,
                T0, T0.minusMillis(1), false, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User(userId(1), ACME, registered.profile(), null, null, TosAnswer.NONE, CODE,
                T0, T0, false, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsNoPersonalData() {
        String printed = registered.toString();

        assertThat(printed).contains(registered.id().toString())
                .doesNotContain("Ann", "Smith", "5556667777", "ann@example.com", "Main St", "Springfield");
    }
}
