package dev.enroll.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one step of the benchmark does, named as on the command line. {@link #RAW_INSERT} is not
 * an API call: it is the database's own limit, the yardstick for the create scenarios.
 */
enum Scenario {

    RAW_INSERT("raw-insert", "INSERT INTO users over JDBC, one connection per client (the limit)"),
    CREATE("create", "POST /api/users, every user new"),
    CREATE_WITH_POLICY("create-with-policy", "POST /api/users/with-policy, every user new"),
    UPDATE("update", "PUT /api/users/{id} on seeded users, each client its own users"),
    READ("read", "GET /api/users/{id} on seeded users"),
    MIX("mix", "70% with-policy ?returnExistingUserIfExists=true (1 in 10 a re-send), 20% update, 10% read"),
    LIST_DEEP("list-deep", "GET /api/users?limit=50 at a cursor 90% into the book (--book-users)"),
    FIND_EMAIL("find-email", "GET /api/users?email= a random user of the book"),
    FIND_PHONE("find-phone", "GET /api/users?phone= a random user of the book"),
    FIND_EXTERNAL_ID("find-external-id", "GET /api/users?externalUserId= a random user of the book"),
    FIND_POLICY("find-policy", "GET /api/users?policyNumber= a random policy of the book (4 users each)"),
    FIND_UPDATED_SINCE("find-updated-since", "GET /api/users?updatedSince= within the book's last 1,000 changes");

    private final String label;
    private final String description;

    Scenario(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** Whether the scenario writes new users, so that its throughput compares with the raw insert. */
    boolean creates() {
        return this == CREATE || this == CREATE_WITH_POLICY;
    }

    /** Whether the scenario reads the big book loaded with --book-users. */
    boolean readsTheBook() {
        return ordinal() >= LIST_DEEP.ordinal();
    }

    /** The list filter a find scenario looks up by. */
    String filter() {
        return switch (this) {
            case FIND_EMAIL -> "email";
            case FIND_PHONE -> "phone";
            case FIND_EXTERNAL_ID -> "externalUserId";
            case FIND_POLICY -> "policyNumber";
            case FIND_UPDATED_SINCE -> "updatedSince";
            default -> throw new IllegalArgumentException(label + " looks nothing up");
        };
    }

    static Scenario byLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + label + "'; known: "
                        + labels(List.of(values()))));
    }

    static String labels(List<Scenario> scenarios) {
        return scenarios.stream().map(Scenario::label).collect(Collectors.joining(","));
    }
}
