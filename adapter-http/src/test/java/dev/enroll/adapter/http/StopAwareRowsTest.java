package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.application.port.in.ImportRow;
import dev.enroll.domain.Violation;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StopAwareRowsTest {

    private final StopSignal stop = new StopSignal();

    @Test
    void a_stop_ends_the_rows_before_the_body_does_and_says_they_were_cut() {
        StopAwareRows rows = new StopAwareRows(rows(3), stop);
        rows.next();

        stop.begin();

        assertThat(rows.hasNext()).isFalse();
        assertThat(rows.cut()).isTrue();
    }

    @Test
    void a_body_that_ended_before_the_stop_is_whole_even_when_asked_again_after_it() {
        StopAwareRows rows = new StopAwareRows(rows(2), stop);
        rows.next();
        rows.next();
        assertThat(rows.hasNext()).isFalse();

        stop.begin();

        assertThat(rows.hasNext()).isFalse();
        assertThat(rows.cut()).isFalse();
    }

    private static Iterator<ImportRow> rows(int count) {
        List<ImportRow> rows = LongStream.rangeClosed(1, count).mapToObj(line -> ImportRow.unreadable(line, List.of(Violation.invalid("line", "is not JSON"))))
                .toList();
        return rows.iterator();
    }
}
