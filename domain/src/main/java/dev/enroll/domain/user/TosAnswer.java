package dev.enroll.domain.user;

import java.util.Arrays;

/** The user's answer to the terms of service for sharing data with the partner. */
public enum TosAnswer {
    NONE("None"), ACCEPTED("Accepted"), DECLINED("Declined");

    private final String wireName;

    TosAnswer(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling the API and the database use. */
    public String wireName() {
        return wireName;
    }

    public static TosAnswer fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown tosAnswer"));
    }
}
