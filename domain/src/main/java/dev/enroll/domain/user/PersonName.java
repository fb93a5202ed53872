package dev.enroll.domain.user;

import static dev.enroll.domain.Invariants.check;
import static dev.enroll.domain.Text.required;
import static dev.enroll.domain.Text.trimmed;

/** A person's first and last name, trimmed, each 1-100 characters. */
public record PersonName(String first, String last) {

    public static final int MAX_LENGTH = 100;

    public PersonName {
        first = trimmed(first);
        last = trimmed(last);
        check(required("name.first", first, MAX_LENGTH), required("name.last", last, MAX_LENGTH));
    }

    @Override
    public String toString() {
        return "PersonName[redacted]";
    }
}
