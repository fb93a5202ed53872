package dev.enroll.application.port.out;

import dev.enroll.domain.user.UserId;
import java.util.Arrays;
import java.util.Objects;

/**
 * An answer kept for an idempotency key: status, entity tag (or {@code null}) and body bytes
 * (empty for none), and the user it is about ({@code null} for none): the user its path names or
 * its body shows, whose personal data it may hold. Erasing that user forgets the answer.
 */
public record RecordedAnswer(int status, String etag, byte[] body, UserId about) {

    public RecordedAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        body = body == null ? new byte[0] : body.clone();
    }

    /** An answer about no user. */
    public RecordedAnswer(int status, String etag, byte[] body) {
        this(status, etag, body, null);
    }

    /** A 2xx: the request did what it asked. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedAnswer that && status == that.status
                && Objects.equals(etag, that.etag) && Arrays.equals(body, that.body) && Objects.equals(about, that.about);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * status + Objects.hashCode(etag)) + Arrays.hashCode(body)) + Objects.hashCode(about);
    }

    @Override
    public String toString() {
        return "RecordedAnswer[status=" + status + ", " + body.length + " bytes]";
    }
}
