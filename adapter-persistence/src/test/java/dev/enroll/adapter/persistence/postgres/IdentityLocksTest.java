package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.domain.user.ContributorId;
import org.junit.jupiter.api.Test;

/**
 * Lock keys are a protocol between running instances (and the bulk import, which takes the same
 * locks): every one must derive the same key from the same identity. Pinned values catch a change
 * to the hash, which would let two instances of different versions write the same phone at once.
 */
class IdentityLocksTest {

    private static final ContributorId ACME = new ContributorId("acme");

    @Test
    void the_key_of_an_identity_is_the_same_in_every_instance_and_version() {
        assertThat(IdentityLocks.key(ACME, 'p', "+15556667777")).isEqualTo(PHONE_KEY);
        assertThat(IdentityLocks.key(ACME, 'e', "ann@example.com")).isEqualTo(EMAIL_KEY);
    }

    @Test
    void contributor_kind_and_value_each_change_the_key() {
        long phone = IdentityLocks.key(ACME, 'p', "+15556667777");

        assertThat(IdentityLocks.key(new ContributorId("acme2"), 'p', "+15556667777")).isNotEqualTo(phone);
        assertThat(IdentityLocks.key(ACME, 'e', "+15556667777")).isNotEqualTo(phone);
        assertThat(IdentityLocks.key(ACME, 'p', "+15556667778")).isNotEqualTo(phone);
        // The separator keeps "acme" + "1..." apart from "acme1" + "...".
        assertThat(IdentityLocks.key(new ContributorId("acme1"), 'p', "5556667777"))
                .isNotEqualTo(IdentityLocks.key(ACME, 'p', "15556667777"));
    }

    private static final long PHONE_KEY = 4834268206483075154L;
    private static final long EMAIL_KEY = -7511616032355105062L;
}
