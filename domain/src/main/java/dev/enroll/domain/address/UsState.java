package dev.enroll.domain.address;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Text;
import dev.enroll.domain.Violation;
import java.util.Locale;

/** A USPS state code: the 50 states, DC, the territories, and the military codes. */
public enum UsState {
    AL, AK, AZ, AR, CA, CO, CT, DE, FL, GA, HI, ID, IL, IN, IA, KS, KY, LA, ME, MD,
    MA, MI, MN, MS, MO, MT, NE, NV, NH, NJ, NM, NY, NC, ND, OH, OK, OR, PA, RI, SC,
    SD, TN, TX, UT, VT, VA, WA, WV, WI, WY,
    DC,
    PR, GU, VI, AS, MP,
    AA, AE, AP;

    public static final String FIELD = "address.state";

    /** Accepts any case ({@code ca} becomes {@code CA}); an unknown code is an invalid state code. */
    public static UsState parse(String code) {
        String trimmed = Text.optional(code);
        if (trimmed == null) {
            throw new InvalidValueException(FIELD, "is required");
        }
        String normalized = trimmed.toUpperCase(Locale.ROOT);
        if (normalized.length() == 2) {
            for (UsState state : values()) {
                if (state.name().equals(normalized)) {
                    return state;
                }
            }
        }
        throw InvalidValueException.of(new Violation(FIELD,
                "must be a 2-letter USPS state code such as CA, NY or DC", Violation.Kind.INVALID_STATE_CODE));
    }
}
