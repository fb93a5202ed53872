package dev.enroll.application.testing;

import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.time.Instant;

/** An idempotency store of which a test uses only what it overrides: anything else is a test's mistake. */
public abstract class UnusedIdempotencyStore implements IdempotencyStore {

    @Override
    public Claim claim(ContributorId partner, String key, byte[] fingerprint, Instant now, Instant expires,
                       Instant leaseUntil) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void complete(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil,
                         RecordedAnswer answer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void release(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void forget(ContributorId partner, UserId user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int purgeExpired(Instant now, int max) {
        throw new UnsupportedOperationException();
    }
}
