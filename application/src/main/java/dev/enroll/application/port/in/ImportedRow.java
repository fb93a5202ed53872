package dev.enroll.application.port.in;

import dev.enroll.domain.user.UserId;
import java.util.Objects;

/**
 * What became of one row: {@code CREATED} (the new user's {@code id}; none on a dry run, which
 * keeps nothing), {@code EXISTING} (the user holding the row's identity, with
 * returnExistingUserIfExists), or {@code REJECTED} with the {@code refusal} a single create would
 * have thrown: {@link InvalidInputException} or {@link UserAlreadyExistsException}.
 */
public record ImportedRow(long line, Status status, UserId id, RuntimeException refusal) {

    public enum Status { CREATED, EXISTING, REJECTED }

    public ImportedRow {
        Objects.requireNonNull(status, "status");
        if ((status == Status.REJECTED) != (refusal != null)) {
            throw new IllegalArgumentException("a refusal goes with a rejected row, and only with it");
        }
    }

    public static ImportedRow created(long line, UserId id) {
        return new ImportedRow(line, Status.CREATED, id, null);
    }

    public static ImportedRow existing(long line, UserId id) {
        return new ImportedRow(line, Status.EXISTING, Objects.requireNonNull(id, "id"), null);
    }

    public static ImportedRow rejected(long line, RuntimeException refusal) {
        return new ImportedRow(line, Status.REJECTED, null, Objects.requireNonNull(refusal, "refusal"));
    }
}
