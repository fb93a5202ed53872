package dev.enroll.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.application.testing.TestIds;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.ContributorId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCursorTest {

    private final byte[] secret = TestIds.serverSecret();
    private static final String ANY = ListCursor.ANY_FILTER;

    private final ListCursor cursors = ListCursor.keyedBy(secret);
    private final ContributorId acme = TestIds.contributor();

    @Test
    void aCursorOpensToItsPositionOnEveryInstanceThatSharesTheSecret() {
        String cursor = cursors.encode(acme, 1_234_567L, ANY);

        assertThat(cursors.decode(acme, cursor, ANY)).isEqualTo(1_234_567L);
        assertThat(ListCursor.keyedBy(secret.clone()).decode(acme, cursor, ANY)).isEqualTo(1_234_567L);
        assertThat(cursors.decode(acme, cursors.encode(acme, 0, ANY), ANY)).isZero();
        assertThat(cursors.decode(acme, cursors.encode(acme, Long.MAX_VALUE, ANY), ANY))
                .isEqualTo(Long.MAX_VALUE);
    }

    /** Change numbers are shared by all partners: in the clear they would count other partners' writes. */
    @Test
    void aCursorShowsNothingOfItsPosition() {
        long sequence = 1_000_000L;
        byte[] sealed = Base64.getUrlDecoder().decode(cursors.encode(acme, sequence, ANY));
        String hex = HexFormat.of().formatHex(sealed);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(Long.toString(sequence));
        assertThat(hex).doesNotContain(HexFormat.of().formatHex(ByteBuffer.allocate(8).putLong(sequence).array())
                .replaceFirst("^(00)+", ""));
        // Neighbouring positions give unrelated cursors: no shared prefix, no order to read.
        assertThat(commonPrefix(cursors.encode(acme, sequence, ANY), cursors.encode(acme, sequence + 1, ANY)))
                .isLessThan(4);
    }

    @Test
    void anotherPartnersCursorIsRefused() {
        String foreign = cursors.encode(TestIds.contributor(), 42, ANY);

        assertThatThrownBy(() -> cursors.decode(acme, foreign, ANY))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("cursor");
    }

    @Test
    void aCursorSealedUnderAnotherSecretOrAlteredOrMadeUpIsRefused() {
        String cursor = cursors.encode(acme, 42, ANY);
        String otherSecret = ListCursor.keyedBy(TestIds.serverSecret()).encode(acme, 42, ANY);
        String altered = (cursor.charAt(0) == 'A' ? 'B' : 'A') + cursor.substring(1);
        String madeUp = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1:42:" + acme.value()).getBytes(StandardCharsets.UTF_8));
        String sixteenZeroBytes = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
        // The same block with the last character's unused bits set: a second spelling of one position.
        String respelled = cursor.substring(0, 21) + (char) (cursor.charAt(21) + 1);

        for (String refused : List.of(otherSecret, altered, madeUp, sixteenZeroBytes, respelled, "", "%%%",
                cursor + "A")) {
            assertThatThrownBy(() -> cursors.decode(acme, refused, ANY)).as(refused)
                    .isInstanceOf(InvalidValueException.class);
        }
    }

    /** From a page that did not wait for writes in flight: safe to go on from only for the same values. */
    @Test
    void aCursorTiedToIdentityValuesOpensOnlyForThem() {
        String tied = cursors.encode(acme, 42, "ann@example.com");
        String any = cursors.encode(acme, 43, ANY);

        assertThat(cursors.decode(acme, tied, "ann@example.com")).isEqualTo(42);
        assertThat(cursors.decode(acme, any, "ann@example.com")).isEqualTo(43);
        for (String otherListing : List.of(ListCursor.ANY_FILTER, "bob@example.com", "ann@example.com\0")) {
            assertThatThrownBy(() -> cursors.decode(acme, tied, otherListing)).as(otherListing)
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("same filter values");
        }
        assertThatThrownBy(() -> cursors.decode(TestIds.contributor(), tied, "ann@example.com"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> ListCursor.keyedBy(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
