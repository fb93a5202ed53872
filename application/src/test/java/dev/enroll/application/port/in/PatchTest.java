package dev.enroll.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatchTest {

    @Test
    void keepLeavesTheCurrentValue() {
        assertThat(Patch.<String>keep().applyTo("current")).isEqualTo("current");
    }

    @Test
    void clearRemovesTheValue() {
        assertThat(Patch.<String>clear().applyTo("current")).isNull();
    }

    @Test
    void setReplacesTheValue() {
        assertThat(Patch.set("new").applyTo("current")).isEqualTo("new");
    }

    @Test
    void aSetPatchNeedsAValueSinceNullMeansClear() {
        assertThatThrownBy(() -> Patch.set(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void mappingChangesOnlyASetValue() {
        assertThat(Patch.set("7").map(Integer::valueOf)).isEqualTo(Patch.set(7));
        assertThat(Patch.<String>keep().map(Integer::valueOf)).isSameAs(Patch.keep());
        assertThat(Patch.<String>clear().map(Integer::valueOf)).isSameAs(Patch.clear());
    }

    @Test
    void patchesOfAUserOrAnAddressNeedEveryFieldSaid() {
        assertThatThrownBy(() -> new AddressPatch(null, Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(),
                Patch.keep())).isInstanceOf(NullPointerException.class);
    }
}
