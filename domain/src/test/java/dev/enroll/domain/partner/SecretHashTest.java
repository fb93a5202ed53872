package dev.enroll.domain.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretHashTest {

    private static byte[] bytes(int fill) {
        byte[] digest = new byte[SecretHash.LENGTH];
        Arrays.fill(digest, (byte) fill);
        return digest;
    }

    @Test
    void matchesTheSameDigestOnly() {
        byte[] almost = bytes(1);
        almost[SecretHash.LENGTH - 1] = 2;

        assertThat(new SecretHash(bytes(1)).matches(new SecretHash(bytes(1)))).isTrue();
        assertThat(new SecretHash(bytes(1)).matches(new SecretHash(almost))).isFalse();
        assertThat(new SecretHash(bytes(1)).matches(null)).isFalse();
    }

    @Test
    void equalityFollowsTheDigestContent() {
        assertThat(new SecretHash(bytes(1))).isEqualTo(new SecretHash(bytes(1)))
                .hasSameHashCodeAs(new SecretHash(bytes(1)))
                .isNotEqualTo(new SecretHash(bytes(2)));
    }

    @Test
    void cannotBeChangedThroughTheArraysItWasGivenOrGave() {
        byte[] given = bytes(1);
        SecretHash hash = new SecretHash(given);
        given[0] = 9;
        hash.digest()[1] = 9;

        assertThat(hash.digest()).isEqualTo(bytes(1));
    }

    @Test
    void isExactly32Bytes() {
        assertThatThrownBy(() -> new SecretHash(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretHash(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretHash(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void doesNotPrintTheDigest() {
        assertThat(new SecretHash(bytes(0x41))).hasToString("SecretHash[redacted]");
    }
}
