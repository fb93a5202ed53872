package dev.enroll.domain.user;

import static dev.enroll.domain.Invariants.check;
import static dev.enroll.domain.Text.optional;
import static dev.enroll.domain.Text.tooLong;

/**
 * The five free fields a partner may use as it likes; each trimmed and at most 255 characters,
 * or absent. A blank field is stored as absent, like the address lines: "nothing given" has one spelling.
 */
public record CustomFields(String field1, String field2, String field3, String field4, String field5) {

    public static final int MAX_LENGTH = 255;
    public static final CustomFields NONE = new CustomFields(null, null, null, null, null);

    public CustomFields {
        field1 = optional(field1);
        field2 = optional(field2);
        field3 = optional(field3);
        field4 = optional(field4);
        field5 = optional(field5);
        check(tooLong("customFields.field1", field1, MAX_LENGTH),
                tooLong("customFields.field2", field2, MAX_LENGTH),
                tooLong("customFields.field3", field3, MAX_LENGTH),
                tooLong("customFields.field4", field4, MAX_LENGTH),
                tooLong("customFields.field5", field5, MAX_LENGTH));
    }
}
