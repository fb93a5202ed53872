package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RawInsertLimitTest {

    @Test
    void ids_are_version_7_and_ordered_by_time() {
        UUID earlier = RawInsertLimit.timeOrderedId(1_700_000_000_000L);
        UUID later = RawInsertLimit.timeOrderedId(1_700_000_000_001L);

        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
        assertThat(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits())).isNegative();
    }

    @Test
    void partner_codes_have_the_servers_shape_and_never_repeat() {
        Set<String> codes = new HashSet<>();
        for (long serial = 1; serial <= 200_000; serial++) {
            String code = RawInsertLimit.partnerCode(serial);
            assertThat(codes.add(code)).isTrue();
        }
        assertThat(RawInsertLimit.partnerCode(1)).matches("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}");
    }

    @Test
    void the_insert_fills_every_not_null_column_of_the_users_table() {
        // V1__users.sql: the NOT NULL columns.
        for (String column : new String[] {"contributor_id", "id", "first_name", "last_name", "phone",
                "email_verified", "phone_verified", "state", "country", "tos_answer", "partner_code",
                "date_registered", "updated", "fraud", "version"}) {
            assertThat(RawInsertLimit.INSERT).contains(column);
        }
    }
}
