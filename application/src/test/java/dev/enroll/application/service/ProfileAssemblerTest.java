package dev.enroll.application.service;

import static dev.enroll.application.service.Inputs.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.domain.Violation;
import dev.enroll.domain.address.UsState;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.UserProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileAssemblerTest {

    @Test
    void turnsValidInputIntoAProfile() {
        UserProfile profile = assemble(new UserInput(" Ann ", "Smith", "Ann@Example.com", "+15556667777", true, false,
                "c1", "c2", "c3", "c4", "c5", ADDRESS));

        assertThat(profile.name().first()).isEqualTo("Ann");
        assertThat(profile.email().value()).isEqualTo("Ann@Example.com");
        assertThat(profile.phone().value()).isEqualTo("+15556667777");
        assertThat(profile.emailVerified()).isTrue();
        assertThat(profile.phoneVerified()).isFalse();
        assertThat(profile.customFields().field3()).isEqualTo("c3");
        assertThat(profile.address().state()).isEqualTo(UsState.IL);
        assertThat(profile.address().zip().value()).isEqualTo("62701");
    }

    @Test
    void verifiedFlagsNotGivenAreFalse() {
        UserProfile profile = assemble(Inputs.user("Ann", null, "+15556667777", ADDRESS));

        assertThat(profile.emailVerified()).isFalse();
        assertThat(profile.phoneVerified()).isFalse();
    }

    @Test
    void thereIsNoVerifiedEmailWithoutAnEmail() {
        UserInput noEmail = new UserInput("Ann", "Smith", null, "+15556667777", true, true, null, null, null, null,
                null, ADDRESS);
        UserInput blankEmail = new UserInput("Ann", "Smith", "  ", "+15556667777", true, true, null, null, null,
                null, null, ADDRESS);

        for (UserInput input : List.of(noEmail, blankEmail)) {
            UserProfile profile = assemble(input);
            assertThat(profile.emailVerified()).isFalse();
            assertThat(profile.phoneVerified()).isTrue();
        }
    }

    @Test
    void customFieldsAreTrimmedAndABlankOneIsAbsent() {
        UserProfile profile = assemble(new UserInput("Ann", "Smith", null, "+15556667777", null, null, "  c1 ", " ",
                "", "\t\n", null, ADDRESS));

        assertThat(profile.customFields()).isEqualTo(new CustomFields("c1", null, null, null, null));
        assertThat(new CustomFields(" ", "", "\u2003", null, "\r\n")).as("blank has one spelling")
                .isEqualTo(CustomFields.NONE);
    }

    @Test
    void aCustomFieldsLengthIsCountedAfterTrimming() {
        String max = "x".repeat(CustomFields.MAX_LENGTH);

        UserProfile profile = assemble(new UserInput("Ann", "Smith", null, "+15556667777", null, null,
                "  " + max + "  ", null, null, null, null, ADDRESS));

        assertThat(profile.customFields().field1()).isEqualTo(max);
        assertThatThrownBy(() -> assemble(new UserInput("Ann", "Smith", null, "+15556667777", null, null,
                " " + max + "x ", null, null, null, null, ADDRESS)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("customFields.field1"));
    }

    @Test
    void aBlankEmailMeansNoEmail() {
        assertThat(assemble(Inputs.user("Ann", "  ", "+15556667777", ADDRESS)).email()).isNull();
        assertThat(assemble(Inputs.user("Ann", null, "+15556667777", ADDRESS)).email()).isNull();
    }

    @Test
    void reportsEveryMistakeInOnePass() {
        AddressInput badAddress = new AddressInput("1 Main St", null, "c".repeat(101), "XX", "MX", "123");
        UserInput input = new UserInput(" ", "Smith", "not-an-email", "555-666-7777", null, null,
                "x".repeat(256), null, null, null, null, badAddress);

        assertThatThrownBy(() -> assemble(input)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(Violation::field, Violation::kind)
                        .containsExactlyInAnyOrder(
                                tuple("name.first", Violation.Kind.INVALID),
                                tuple("email", Violation.Kind.INVALID),
                                tuple("phone", Violation.Kind.INVALID),
                                tuple("customFields.field1", Violation.Kind.INVALID),
                                tuple("address.state", Violation.Kind.INVALID_STATE_CODE),
                                tuple("address.zip", Violation.Kind.INVALID),
                                tuple("address.city", Violation.Kind.INVALID),
                                tuple("address.country", Violation.Kind.INVALID)));
    }

    @Test
    void aBadStateAloneIsReportedAsAnInvalidStateCode() {
        AddressInput badState = new AddressInput(null, null, null, "ZZ", null, null);

        assertThatThrownBy(() -> assemble(Inputs.user("Ann", null, "+15556667777", badState)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.onlyInvalidStateCode()).isTrue());
    }

    @Test
    void aBadStateWithOtherMistakesIsNotOnlyAStateCodeError() {
        AddressInput badState = new AddressInput(null, null, null, "ZZ", null, null);

        assertThatThrownBy(() -> assemble(Inputs.user("", null, "+15556667777", badState)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.onlyInvalidStateCode()).isFalse());
    }

    @Test
    void requiresNamesPhoneAndAddress() {
        UserInput empty = new UserInput(null, null, null, null, null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> assemble(empty)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field() + ": " + v.reason())
                        .containsExactlyInAnyOrder("name.first: is required", "name.last: is required",
                                "phone: is required", "address: is required"));
    }

    private static UserProfile assemble(UserInput input) {
        Violations violations = new Violations();
        UserProfile profile = ProfileAssembler.fromInput(input, violations);
        violations.throwIfAny();
        return profile;
    }
}
