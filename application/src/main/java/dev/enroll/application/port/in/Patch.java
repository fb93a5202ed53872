package dev.enroll.application.port.in;

import java.util.Objects;
import java.util.function.Function;

/**
 * One field of a partial update: left as it is (absent from the request), cleared (sent as
 * {@code null}), or set to a value.
 */
public sealed interface Patch<T> {

    @SuppressWarnings("unchecked")
    static <T> Patch<T> keep() {
        return (Patch<T>) Keep.INSTANCE;
    }

    @SuppressWarnings("unchecked")
    static <T> Patch<T> clear() {
        return (Patch<T>) Clear.INSTANCE;
    }

    static <T> Patch<T> set(T value) {
        return new Set<>(value);
    }

    /** The field's value after the patch, given its value before. */
    T applyTo(T current);

    /** The same patch with its value turned into another type; keep and clear stay as they are. */
    <R> Patch<R> map(Function<T, R> mapper);

    final class Keep<T> implements Patch<T> {
        private static final Keep<Object> INSTANCE = new Keep<>();

        private Keep() {
        }

        @Override
        public T applyTo(T current) {
            return current;
        }

        @Override
        public <R> Patch<R> map(Function<T, R> mapper) {
            return keep();
        }

        @Override
        public String toString() {
            return "Keep";
        }
    }

    final class Clear<T> implements Patch<T> {
        private static final Clear<Object> INSTANCE = new Clear<>();

        private Clear() {
        }

        @Override
        public T applyTo(T current) {
            return null;
        }

        @Override
        public <R> Patch<R> map(Function<T, R> mapper) {
            return clear();
        }

        @Override
        public String toString() {
            return "Clear";
        }
    }

    record Set<T>(T value) implements Patch<T> {
        public Set {
            Objects.requireNonNull(value, "value (use Patch.clear() for null)");
        }

        @Override
        public T applyTo(T current) {
            return value;
        }

        @Override
        public <R> Patch<R> map(Function<T, R> mapper) {
            return new Set<>(mapper.apply(value));
        }
    }
}
