package dev.enroll.application.service;

import dev.enroll.application.port.in.ListUsersQuery;
import dev.enroll.application.port.in.ListUsersUseCase;
import dev.enroll.application.port.in.UserPage;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Violation;
import dev.enroll.domain.policy.PolicyNumber;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.ExternalUserId;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Lists a contributor's users a page at a time, in the order of their last change. Parameters
 * are read the way the values are on create (a phone must be E.164, an email an address), and
 * a bad one is named by the parameter's own name. Paging is by keyset, on the change sequence:
 * a page costs the same at any depth; the cursor is sealed ({@link ListCursor}).
 */
public final class ListUsersService implements ListUsersUseCase {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** A whole number as people write it: no sign, no leading zero (05 and 0050 were read one way and not the other). */
    private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]{0,2}");
    /** The shortest server secret cursors are sealed under. */
    public static final int MIN_SERVER_SECRET_BYTES = 32;

    private final UserRepository users;
    private final ListCursor cursors;

    /**
     * @param serverSecret the secret every instance shares ({@link #MIN_SERVER_SECRET_BYTES} or more); cursors are sealed
     *                     under a key derived from it, so it must not change while cursors are kept
     */
    public ListUsersService(UserRepository users, byte[] serverSecret) {
        this.users = users;
        this.cursors = ListCursor.keyedBy(serverSecret);
    }

    @Override
    public UserPage list(ListUsersQuery query) {
        Violations violations = new Violations();
        Integer limit = parameter("limit", query.limit(), ListUsersService::limit, violations);
        Violations filterViolations = new Violations();
        UserFilter filter = new UserFilter(
                parameter("email", query.email(), EmailAddress::new, filterViolations),
                parameter("phone", query.phone(), PhoneNumberParser::parse, filterViolations),
                parameter("externalUserId", query.externalUserId(), ExternalUserId::new, filterViolations),
                parameter("policyNumber", query.policyNumber(), PolicyNumber::new, filterViolations),
                parameter("updatedSince", query.updatedSince(), t -> InstantParser.parse("updatedSince", t),
                        filterViolations),
                Boolean.TRUE.equals(parameter("includeDeleted", query.includeDeleted(), ListUsersService::flag,
                        filterViolations)));
        // A page that did not wait for writes in flight ends where only these values may go on.
        String cursorScope = users.settlesPagesOf(filter) ? ListCursor.ANY_FILTER : filter.identityValues();
        // Which cursors open depends on the filters: with one refused, only the cursor's form is judged.
        Long after = parameter(ListCursor.FIELD, query.cursor(), c -> {
            if (filterViolations.any()) {
                ListCursor.requireForm(c);
                return null;
            }
            return cursors.decode(query.contributor(), c, cursorScope);
        }, violations);
        filterViolations.addTo(violations);
        violations.throwIfAny();
        int size = limit == null ? DEFAULT_LIMIT : limit;
        // One more than asked: whether it comes says whether there is a next page.
        List<UserChange> changes = users.changes(query.contributor(), filter, after == null ? 0 : after, size + 1);
        if (changes.size() <= size) {
            return new UserPage(changes, null);
        }
        List<UserChange> page = changes.subList(0, size);
        return new UserPage(page, cursors.encode(query.contributor(), page.get(size - 1).sequence(), cursorScope));
    }

    /** {@code raw} read by {@code reader}; {@code null} when not given, or after noting, under {@code name}, why it was refused. */
    private static <T> T parameter(String name, String raw, Function<String, T> reader, Violations violations) {
        if (raw == null) {
            return null;
        }
        try {
            return reader.apply(raw);
        } catch (InvalidValueException e) {
            e.violations().forEach(v -> violations.add(Violation.invalid(name, v.reason())));
            return null;
        }
    }

    private static int limit(String raw) {
        if (!LIMIT.matcher(raw).matches() || Integer.parseInt(raw) > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(raw);
    }

    private static boolean flag(String raw) {
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new InvalidValueException("includeDeleted", "must be true or false");
        }
        return Boolean.parseBoolean(raw);
    }
}
