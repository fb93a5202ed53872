package dev.enroll.application.port.out;

import java.util.Arrays;
import java.util.Objects;

/** An answer kept for an idempotency key: status, entity tag (or {@code null}) and body bytes (empty for none). */
public record RecordedAnswer(int status, String etag, byte[] body) {

    public RecordedAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedAnswer that && status == that.status
                && Objects.equals(etag, that.etag) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + Objects.hashCode(etag)) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "RecordedAnswer[status=" + status + ", " + body.length + " bytes]";
    }
}
