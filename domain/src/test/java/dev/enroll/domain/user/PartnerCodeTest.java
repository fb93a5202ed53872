package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    void randomCodesAreValidAndUseTheWholeAlphabetAtEveryPosition() {
        SplittableRandom random = new SplittableRandom(42);
        List<Set<Character>> symbolsSeen = new ArrayList<>();
        for (int position = 0; position < PartnerCode.LENGTH; position++) {
            symbolsSeen.add(new HashSet<>());
        }
        for (int i = 0; i < 2_000; i++) {
            PartnerCode code = PartnerCode.random(random);
            assertThat(code.value()).hasSize(PartnerCode.LENGTH);
            for (int position = 0; position < PartnerCode.LENGTH; position++) {
                symbolsSeen.get(position).add(code.value().charAt(position));
            }
        }
        assertThat(symbolsSeen).allSatisfy(seen -> assertThat(seen).hasSize(PartnerCode.ALPHABET.length()));
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
