package dev.enroll.application.port.in;

import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;

/**
 * Idempotency keys on writes, as Stripe has them: the first request with a key runs, its answer
 * is kept for {@link #RETENTION_HOURS} hours if it succeeded, and a repeat of the same request
 * with the same key gets that answer again without running. A refusal or a failure is not kept:
 * it wrote nothing, so the same key may carry the request again, fixed or later.
 */
public interface IdempotentRequests {

    int RETENTION_HOURS = 24;
    String FIELD = "Idempotency-Key";

    /** What to do with a request carrying a key. */
    sealed interface Decision {
        /** Run the request, then hand its answer to {@link #finish}. */
        record Run(Ticket ticket) implements Decision {
        }

        /** Answer with what the first request answered; run nothing. */
        record Replay(RecordedAnswer answer) implements Decision {
        }
    }

    /** The claim of one key by one request, which holds it until {@code leaseUntil} at most. */
    record Ticket(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil) {
    }

    /**
     * @param fingerprint what identifies the request (method, path and body as JSON)
     * @throws InvalidInputException the key is not 1 to 255 printable characters
     * @throws IdempotencyKeyReusedException the key was used for another request
     * @throws IdempotencyKeyInUseException the first request with the key is still running
     */
    Decision begin(ContributorId partner, String key, byte[] fingerprint);

    /**
     * Keeps {@code answer} for the ticket's key if it succeeded (2xx); otherwise frees the key, or,
     * when the store fails to, frees it before this instance's next claim, while the lease holds it.
     */
    void finish(Ticket ticket, RecordedAnswer answer);
}
