package dev.enroll.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedPartsTest {

    private final List<String> closed = new ArrayList<>();
    private final StartedParts parts = new StartedParts();

    @Test
    void a_stop_closes_the_last_part_started_first() {
        parts.opened("meters", () -> closed.add("meters"));
        parts.opened("stores", () -> closed.add("stores"));
        parts.opened("API", () -> closed.add("API"));

        parts.close();

        assertThat(closed).containsExactly("API", "stores", "meters");
    }

    @Test
    void a_part_that_fails_to_close_leaves_none_of_the_others_open() {
        parts.opened("meters", () -> closed.add("meters"));
        parts.opened("stores", () -> {
            throw new IllegalStateException("the pool would not close");
        });
        parts.opened("API", () -> closed.add("API"));

        assertThatCode(parts::close).doesNotThrowAnyException();

        assertThat(closed).containsExactly("API", "meters");
    }

    @Test
    void a_checked_exception_thrown_undeclared_does_not_stop_the_others_either() {
        parts.opened("meters", () -> closed.add("meters"));
        parts.opened("API", () -> StartedPartsTest.<RuntimeException>throwUndeclared(new IOException("stuck")));

        assertThatCode(parts::close).doesNotThrowAnyException();

        assertThat(closed).containsExactly("meters");
    }

    /** What Kotlin code such as Javalin's can do: throw a checked exception no signature declares. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUndeclared(Throwable failure) throws E {
        throw (E) failure;
    }

    @Test
    void a_second_close_closes_nothing_again() {
        parts.opened("API", () -> closed.add("API"));

        parts.close();
        parts.close();

        assertThat(closed).containsExactly("API");
    }
}
