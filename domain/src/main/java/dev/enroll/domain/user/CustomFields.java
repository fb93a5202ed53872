package dev.enroll.domain.user;

import static dev.enroll.domain.Invariants.check;
import static dev.enroll.domain.Text.tooLong;

/** The five free fields a partner may use as it likes; each at most 255 characters, or absent. */
public record CustomFields(String field1, String field2, String field3, String field4, String field5) {

    public static final int MAX_LENGTH = 255;
    public static final CustomFields NONE = new CustomFields(null, null, null, null, null);

    public CustomFields {
        check(tooLong("customField1", field1, MAX_LENGTH),
                tooLong("customField2", field2, MAX_LENGTH),
                tooLong("customField3", field3, MAX_LENGTH),
                tooLong("customField4", field4, MAX_LENGTH),
                tooLong("customField5", field5, MAX_LENGTH));
    }
}
