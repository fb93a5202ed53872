package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.user.IdentityKey;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The identity keys a write claims, as SQL with positional parameters: "no other user holds any
 * of them", the write's condition, and "this other user holds that one", for naming the holder
 * after a refusal. Both come from one rendering of each key ({@link #heldBy}).
 */
final class IdentityClaims {

    private final List<IdentityKey> keys;
    private final int shape;

    IdentityClaims(List<IdentityKey> keys) {
        this.keys = List.copyOf(keys);
        int kinds = 0;
        for (IdentityKey key : this.keys) {
            kinds = kinds * 8 + kind(key);
        }
        this.shape = kinds;
    }

    List<IdentityKey> keys() {
        return keys;
    }

    /** The kinds of key in order, as a number: statements differ by it and are cached by it. */
    int shape() {
        return shape;
    }

    /**
     * True when no user of the contributor but the one written holds any of the keys. One NOT
     * EXISTS per key rather than one OR: each is an equality probe of its own index, which the
     * planner picks even for a table it has no statistics for yet. Bound by {@link #bind}.
     */
    String noneHeldByAnotherUser() {
        if (keys.isEmpty()) {
            return "true";
        }
        List<String> conditions = new ArrayList<>(keys.size());
        for (IdentityKey key : keys) {
            conditions.add("NOT EXISTS (" + otherUserHolding(key, "1") + ")");
        }
        return String.join(" AND ", conditions);
    }

    /** Binds {@link #noneHeldByAnotherUser()} from parameter {@code first} on; answers the next. */
    int bind(PreparedStatement statement, int first, String contributor, UUID writtenUser) throws SQLException {
        int parameter = first;
        for (IdentityKey key : keys) {
            parameter = bind(key, statement, parameter, contributor, writtenUser);
        }
        return parameter;
    }

    /** The query for the user, other than the written one, holding the {@code index}-th key; bound by {@link #bindHolder}. */
    String holder(int index) {
        return otherUserHolding(keys.get(index), UserColumn.LIST) + " ORDER BY id LIMIT 1";
    }

    void bindHolder(int index, PreparedStatement statement, String contributor, UUID writtenUser) throws SQLException {
        bind(keys.get(index), statement, 1, contributor, writtenUser);
    }

    /** The query for any user of a contributor holding {@code key}; bound by {@link #bindAnyHolder}. */
    static String anyHolder(IdentityKey key) {
        return "SELECT " + UserColumn.LIST + " FROM users WHERE contributor_id = ? AND " + heldBy(key)
                + " ORDER BY id LIMIT 1";
    }

    static void bindAnyHolder(IdentityKey key, PreparedStatement statement, String contributor) throws SQLException {
        int parameter = 1;
        statement.setString(parameter++, contributor);
        for (String value : values(key)) {
            statement.setString(parameter++, value);
        }
    }

    /** Parameters: contributor, the written user's id, then the key's values. */
    private static String otherUserHolding(IdentityKey key, String selectList) {
        return "SELECT " + selectList + " FROM users WHERE contributor_id = ? AND id <> ? AND " + heldBy(key);
    }

    private static int bind(IdentityKey key, PreparedStatement statement, int first, String contributor,
                            UUID writtenUser) throws SQLException {
        int parameter = first;
        statement.setString(parameter++, contributor);
        statement.setObject(parameter++, writtenUser);
        for (String value : values(key)) {
            statement.setString(parameter++, value);
        }
        return parameter;
    }

    /** The key's kind, 1 to 4: phone, email, phone and policy number, externalUserId. */
    static int kind(IdentityKey key) {
        if (key instanceof IdentityKey.Phone) {
            return 1;
        }
        if (key instanceof IdentityKey.Email) {
            return 2;
        }
        if (key instanceof IdentityKey.PhoneAndPolicy) {
            return 3;
        }
        if (key instanceof IdentityKey.External) {
            return 4;
        }
        throw new IllegalArgumentException("unknown identity key " + key.getClass().getSimpleName());
    }

    /** The condition on a row's columns, one parameter per value of {@link #values}. */
    private static String heldBy(IdentityKey key) {
        if (key instanceof IdentityKey.Phone) {
            return "phone = ?";
        }
        if (key instanceof IdentityKey.Email) {
            return "email_normalized = ?";
        }
        if (key instanceof IdentityKey.PhoneAndPolicy) {
            return "phone = ? AND policy_number = ?";
        }
        if (key instanceof IdentityKey.External) {
            return "external_user_id = ?";
        }
        throw new IllegalArgumentException("unknown identity key " + key.getClass().getSimpleName());
    }

    /** The key's values, as the columns hold them. */
    static List<String> values(IdentityKey key) {
        if (key instanceof IdentityKey.Phone phone) {
            return List.of(phone.phone().value());
        }
        if (key instanceof IdentityKey.Email email) {
            return List.of(email.email().normalized());
        }
        if (key instanceof IdentityKey.PhoneAndPolicy phoneAndPolicy) {
            return List.of(phoneAndPolicy.phone().value(), phoneAndPolicy.policyNumber().value());
        }
        if (key instanceof IdentityKey.External external) {
            return List.of(external.externalUserId().value());
        }
        throw new IllegalArgumentException("unknown identity key " + key.getClass().getSimpleName());
    }
}
