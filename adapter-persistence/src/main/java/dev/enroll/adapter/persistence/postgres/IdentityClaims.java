package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.user.IdentityKey;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The identity keys a write claims, as SQL: "no other user holds any of them", for the write
 * itself, and "this user holds that one", for finding the holder after a refusal.
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
     * planner picks even for a table it has no statistics for yet. Parameters, per key:
     * contributor, the written user's id, then the key's values; see {@link #bind}.
     */
    String noneHeldByAnotherUser() {
        if (keys.isEmpty()) {
            return "true";
        }
        List<String> conditions = new ArrayList<>(keys.size());
        for (IdentityKey key : keys) {
            conditions.add("NOT EXISTS (SELECT 1 FROM users other WHERE other.contributor_id = ? AND other.id <> ? AND "
                    + heldBy(key, "other", "?", "?") + ")");
        }
        return String.join(" AND ", conditions);
    }

    /** Binds the parameters of {@link #noneHeldByAnotherUser()} from {@code first} on; returns the next index. */
    int bind(PreparedStatement statement, int first, String contributor, UUID writtenUser) throws SQLException {
        int parameter = first;
        for (IdentityKey key : keys) {
            statement.setString(parameter++, contributor);
            statement.setObject(parameter++, writtenUser);
            for (String value : values(key)) {
                statement.setString(parameter++, value);
            }
        }
        return parameter;
    }

    /** True for a row of {@code alias} holding the {@code index}-th key, whose values are named {@code :claim} (and {@code :claim_policy}). */
    String heldByNamed(int index, String alias) {
        return heldBy(keys.get(index), alias, ":claim", ":claim_policy");
    }

    /** Binds the values of the {@code index}-th key for {@link #heldByNamed}. */
    <S extends SqlStatement<S>> S bindNamed(S statement, int index) {
        List<String> values = values(keys.get(index));
        statement.bind("claim", values.get(0));
        return values.size() > 1 ? statement.bind("claim_policy", values.get(1)) : statement;
    }

    private static int kind(IdentityKey key) {
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

    /** The condition on {@code alias}'s columns, with {@code value} (and {@code policy}) as the parameters. */
    private static String heldBy(IdentityKey key, String alias, String value, String policy) {
        if (key instanceof IdentityKey.Phone) {
            return alias + ".phone = " + value;
        }
        if (key instanceof IdentityKey.Email) {
            return alias + ".email_normalized = " + value;
        }
        if (key instanceof IdentityKey.PhoneAndPolicy) {
            return alias + ".phone = " + value + " AND " + alias + ".policy_number = " + policy;
        }
        if (key instanceof IdentityKey.External) {
            return alias + ".external_user_id = " + value;
        }
        throw new IllegalArgumentException("unknown identity key " + key.getClass().getSimpleName());
    }

    /** The key's values, as the columns hold them. */
    private static List<String> values(IdentityKey key) {
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
