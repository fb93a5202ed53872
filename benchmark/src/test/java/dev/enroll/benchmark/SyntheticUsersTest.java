package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticUsersTest {

    @Test
    void every_user_handed_out_is_new() {
        SyntheticUsers users = new SyntheticUsers("abc123");
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Set<String> policies = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            SyntheticUser user = users.next();
            assertThat(phones.add(user.phone())).isTrue();
            assertThat(emails.add(user.email())).isTrue();
            assertThat(policies.add(user.policyNumber())).isTrue();
        }
        assertThat(users.handedOut()).isEqualTo(5000);
    }

    @Test
    void phones_are_555_numbers_in_e164() {
        SyntheticUser user = SyntheticUser.of("abc123", 42);

        assertThat(user.phone()).isEqualTo("+15550000042").matches("\\+1555\\d{7}");
        assertThat(SyntheticUser.of("abc123", SyntheticUser.MAX_SERIAL).phone()).isEqualTo("+15559999999");
        assertThatThrownBy(() -> SyntheticUser.of("abc123", SyntheticUser.MAX_SERIAL + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void again_gives_back_exactly_the_same_user() {
        SyntheticUsers users = new SyntheticUsers("abc123");
        SyntheticUser first = users.next();
        users.next();

        assertThat(users.again(first.serial())).isEqualTo(first);
        assertThatThrownBy(() -> users.again(99)).hasMessageContaining("never handed out");
    }

    @Test
    void bodies_are_the_api_wire_format() {
        SyntheticUser user = SyntheticUser.of("abc123", 7);

        assertThat(user.json()).isEqualTo("{\"firstName\":\"Bench\",\"lastName\":\"Holder7\","
                + "\"email\":\"bench.abc123.7@example.com\",\"phone\":\"+15550000007\",\"address\":{\"addressLine1\":"
                + "\"7 Load Street\",\"city\":\"Austin\",\"state\":\"TX\",\"zip\":\"78701\"}}");
        assertThat(user.jsonWithPolicy()).endsWith(",\"policyInfo\":{\"policyNumber\":\"BP-abc123-7\","
                + "\"startDate\":\"2026-01-01T00:00:00Z\",\"endDate\":\"2027-01-01T00:00:00Z\"}}");
        assertThat(SyntheticUser.updateJson(3)).isNotEqualTo(SyntheticUser.updateJson(4))
                .doesNotContain("phone").doesNotContain("email\"");
    }
}
