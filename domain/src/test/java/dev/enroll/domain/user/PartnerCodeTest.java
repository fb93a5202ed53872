package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PartnerCodeTest {

    @Test
    void alphabetLeavesOutCharactersThatReadAlike() {
        assertThat(PartnerCode.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
        assertThat(PartnerCode.ALPHABET.chars().distinct().count()).isEqualTo(32);
    }

    @Test
    void acceptsEightSymbolsOfTheAlphabet() {
        assertThat(new PartnerCode("K7WX2ZPQ").value()).isEqualTo("K7WX2ZPQ");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"K7WX2ZP", "K7WX2ZPQR", "k7wx2zpq", "K7WX2ZP0", "K7WX2ZPO", "K7WX2ZP1", "K7WX2ZPI",
        "K7WX 2ZP"})
    void refusesAnythingElse(String code) {
        assertThat(fieldsOf(() -> new PartnerCode(code))).containsExactly("partnerCode");
    }

    @Test
    void randomCodesAreValidAndUseTheWholeAlphabet() {
        SplittableRandom random = new SplittableRandom(42);
        Set<Integer> symbolsSeen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            PartnerCode code = PartnerCode.random(random);
            assertThat(code.value()).hasSize(PartnerCode.LENGTH);
            code.value().chars().forEach(symbolsSeen::add);
        }
        assertThat(symbolsSeen).hasSize(PartnerCode.ALPHABET.length());
    }

    @Test
    void randomCodesDiffer() {
        SplittableRandom random = new SplittableRandom(7);
        Set<PartnerCode> codes = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            codes.add(PartnerCode.random(random));
        }
        assertThat(codes).hasSize(1_000);
    }
}
