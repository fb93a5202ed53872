package dev.enroll.application.port.out;

import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** What became of one chunk of an import. */
public sealed interface ChunkOutcome permits ChunkOutcome.Written {

    /** Each candidate's outcome, in the order the candidates were given. */
    record Written(List<RowOutcome> rows) implements ChunkOutcome {
        public Written {
            rows = List.copyOf(rows);
        }
    }

    /** One candidate's outcome. */
    sealed interface RowOutcome permits Inserted, Taken {
    }

    /** Inserted (on a dry run: would have been) with this id. */
    record Inserted(UserId id) implements RowOutcome {
        public Inserted {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * {@code holder}, a stored user or an earlier candidate, holds {@code key}, the first of the
     * candidate's keys that is held. {@code otherKey}, when not null, is a later key of the
     * candidate held by a different user: the row then names two existing users at once.
     */
    record Taken(UserId holder, IdentityKey key, IdentityKey otherKey) implements RowOutcome {
        public Taken {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(key, "key");
        }

        /** Every held key of the candidate is held by {@code holder}. */
        public Taken(UserId holder, IdentityKey key) {
            this(holder, key, null);
        }

        /**
         * What a store reports for a candidate claiming {@code keys}, in order, given who holds each
         * ({@code null}: nobody): the first key held, and a later one held by someone else, if any;
         * {@code null} when no key is held.
         */
        public static Taken of(List<IdentityKey> keys, Function<IdentityKey, UserId> holderOf) {
            UserId first = null;
            IdentityKey firstKey = null;
            for (IdentityKey key : keys) {
                UserId holder = holderOf.apply(key);
                if (holder == null) {
                    continue;
                }
                if (first == null) {
                    first = holder;
                    firstKey = key;
                } else if (!holder.equals(first)) {
                    return new Taken(first, firstKey, key);
                }
            }
            return first == null ? null : new Taken(first, firstKey);
        }
    }
}
