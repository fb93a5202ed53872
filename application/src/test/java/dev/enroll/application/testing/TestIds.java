package dev.enroll.application.testing;

import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh identifiers for tests. They are random enough that tests sharing one database never
 * meet each other's data: every test works in contributors of its own, and phone numbers and
 * emails are new on every call within a run.
 */
public final class TestIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    // Seven digits after +1555; a random start keeps two runs against one database apart as well.
    private static final AtomicLong PHONE_SEQUENCE = new AtomicLong(RANDOM.nextInt(5_000_000));
    private static final AtomicLong EMAIL_SEQUENCE = new AtomicLong();
    private static final String RUN = HEX.formatHex(randomBytes(4));

    private TestIds() {
    }

    /** A new server secret (32 random bytes), as a store keeps one for all instances. */
    public static byte[] serverSecret() {
        return randomBytes(32);
    }

    /** A new UUID version 7 id, built here so that tests need no id library. */
    public static UserId userId() {
        long millis = Instant.now().toEpochMilli();
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong() & 0x3fff_ffff_ffff_ffffL;
        long mostSignificant = (millis << 16) | 0x7000L | randA;
        long leastSignificant = 0x8000_0000_0000_0000L | randB;
        return new UserId(new UUID(mostSignificant, leastSignificant));
    }

    /** A contributor id no one else uses. */
    public static ContributorId contributor() {
        return new ContributorId("test-" + HEX.formatHex(randomBytes(8)));
    }

    /**
     * A new E.164 number in the +1 555 range, possible (ten digits after +1) though never
     * assigned, so it passes the services' phone check too.
     */
    public static String phone() {
        return String.format("+1555%07d", PHONE_SEQUENCE.incrementAndGet() % 10_000_000);
    }

    /** A new email address. */
    public static String email() {
        return "user" + EMAIL_SEQUENCE.incrementAndGet() + "." + RUN + "@example.com";
    }

    /** A random partner code. */
    public static PartnerCode partnerCode() {
        return PartnerCode.random(RANDOM);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
