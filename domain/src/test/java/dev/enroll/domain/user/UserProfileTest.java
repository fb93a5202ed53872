package dev.enroll.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.domain.address.Address;
import org.junit.jupiter.api.Test;

class UserProfileTest {

    private final PersonName name = new PersonName("Ann", "Smith");
    private final PhoneNumber phone = new PhoneNumber("+15556667777");
    private final Address address = Address.of(null, null, null, "CA", null, null);

    @Test
    void emailAndCustomFieldsAreOptional() {
        UserProfile profile = new UserProfile(name, null, phone, null, address, false, false);

        assertThat(profile.email()).isNull();
        assertThat(profile.customFields()).isEqualTo(CustomFields.NONE);
    }

    @Test
    void namePhoneAndAddressAreRequired() {
        assertThatThrownBy(() -> new UserProfile(null, null, phone, null, address, false, false))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new UserProfile(name, null, null, null, address, false, false))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new UserProfile(name, null, phone, null, null, false, false))
                .isInstanceOf(NullPointerException.class);
    }
}
