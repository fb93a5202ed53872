package dev.enroll.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TosAnswerTest {

    @Test
    void wireNamesAreThoseOfTheApi() {
        assertThat(TosAnswer.values()).extracting(TosAnswer::wireName).containsExactly("None", "Accepted", "Declined");
    }

    @ParameterizedTest
    @EnumSource(TosAnswer.class)
    void readsBackItsOwnWireName(TosAnswer answer) {
        assertThat(TosAnswer.fromWireName(answer.wireName())).isEqualTo(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "accepted", "Maybe", ""})
    void refusesOtherSpellings(String name) {
        assertThatThrownBy(() -> TosAnswer.fromWireName(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> TosAnswer.fromWireName(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
