package dev.enroll.benchmark;

/**
 * One made-up policy holder, derived entirely from its serial number, so the same serial always
 * gives the same user: that is how the mix re-sends an existing phone and policy exactly. Every
 * value passes the API's validation (E.164 phone, USPS state, 5-digit zip).
 */
record SyntheticUser(long serial, String firstName, String lastName, String email, String phone,
                     String addressLine1, String city, String state, String zip, String policyNumber,
                     String policyStart, String policyEnd) {

    /** The NANP's fictional 555 prefix and seven digits: ten million distinct numbers. */
    static final long MAX_SERIAL = 9_999_999L;

    static SyntheticUser of(String runTag, long serial) {
        if (serial < 1 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("serial must be 1.." + MAX_SERIAL);
        }
        return new SyntheticUser(serial, "Bench", "Holder" + serial,
                "bench." + runTag + "." + serial + "@example.com",
                "+1555" + String.format("%07d", serial),
                serial + " Load Street", "Austin", "TX", "78701",
                "BP-" + runTag + "-" + serial, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    }

    /** The body of {@code POST /api/users}. Values are ASCII letters, digits and '.-+@ ' only: no escaping needed. */
    String json() {
        return "{" + userFields() + "}";
    }

    /** The body of {@code POST /api/users/with-policy}. */
    String jsonWithPolicy() {
        return "{" + userFields() + ",\"policyInfo\":{\"policyNumber\":\"" + policyNumber
                + "\",\"startDate\":\"" + policyStart + "\",\"endDate\":\"" + policyEnd + "\"}}";
    }

    private String userFields() {
        return "\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\",\"email\":\"" + email
                + "\",\"phone\":\"" + phone + "\",\"address\":{\"addressLine1\":\"" + addressLine1
                + "\",\"city\":\"" + city + "\",\"state\":\"" + state + "\",\"zip\":\"" + zip + "\"}";
    }

    /**
     * The body of an update that always changes something (so the server really writes a new
     * version) without touching phone or email (so it never collides with another user).
     */
    static String updateJson(long revision) {
        return "{\"customField1\":\"rev-" + revision + "\",\"isEmailVerified\":" + (revision % 2 == 0)
                + ",\"address\":{\"city\":\"" + (revision % 2 == 0 ? "Dallas" : "Houston") + "\"}}";
    }
}
