package dev.enroll.adapter.persistence.memory;

import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users by the identity keys they hold ({@link IdentityKey#heldKeys}) and their partner codes:
 * who holds a key is a lookup, not a pass over every user, which made an import quadratic (a
 * 100,000-row CSV ran for minutes under the contributor's lock). A key may have several holders
 * (a phone shared by users with different policies).
 */
final class IdentityIndex {

    private final Map<IdentityKey, List<User>> holders = new HashMap<>();
    private final Set<PartnerCode> codes = new HashSet<>();

    void add(User user) {
        for (IdentityKey key : IdentityKey.heldKeys(user)) {
            holders.computeIfAbsent(key, k -> new ArrayList<>(1)).add(user);
        }
        codes.add(user.partnerCode());
    }

    void remove(User user) {
        for (IdentityKey key : IdentityKey.heldKeys(user)) {
            List<User> held = holders.get(key);
            if (held != null) {
                held.removeIf(other -> other.id().equals(user.id()));
                if (held.isEmpty()) {
                    holders.remove(key);
                }
            }
        }
        codes.remove(user.partnerCode());
    }

    /**
     * Of the users holding {@code key}, other than {@code except} (null: none excepted), the one
     * with the lowest id in PostgreSQL's order of UUIDs (their text's), as the PostgreSQL store
     * names it; null when there is none.
     */
    User holder(IdentityKey key, UserId except) {
        User lowest = null;
        for (User user : holders.getOrDefault(key, List.of())) {
            if (!user.id().equals(except)
                    && (lowest == null || user.id().toString().compareTo(lowest.id().toString()) < 0)) {
                lowest = user;
            }
        }
        return lowest;
    }

    boolean codeTaken(PartnerCode code) {
        return codes.contains(code);
    }
}
