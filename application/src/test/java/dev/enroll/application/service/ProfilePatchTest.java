package dev.enroll.application.service;

import static dev.enroll.application.service.UserPatchBuilder.AddressPatchBuilder.addressPatch;
import static dev.enroll.application.service.UserPatchBuilder.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.UserPatch;
import dev.enroll.domain.Violation;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.address.UsState;
import dev.enroll.domain.address.ZipCode;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.UserProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The partial-update rules: absent keeps, null clears what is optional, the address merges field by field. */
class ProfilePatchTest {

    private final UserProfile current = new UserProfile(new PersonName("Ann", "Smith"),
            new EmailAddress("Ann@Example.com"), new PhoneNumber("+15556667777"),
            new CustomFields("c1", "c2", "c3", "c4", "c5"),
            Address.of("1 Main St", "Apt 2", "Springfield", "IL", "US", "62701"), true, true);

    @Test
    void anEmptyPatchKeepsEverything() {
        UserProfile patched = apply(UserPatch.NONE);

        assertThat(patched).isEqualTo(current);
        assertThat(patched.email().value()).isEqualTo("Ann@Example.com");
    }

    @Test
    void absentFieldsKeepTheirValues() {
        UserProfile patched = apply(patch().firstName("Anna").customField(2, "new").build());

        assertThat(patched).isEqualTo(new UserProfile(new PersonName("Anna", "Smith"), current.email(),
                current.phone(), new CustomFields("c1", "new", "c3", "c4", "c5"), current.address(), true, true));
    }

    @Test
    void nullClearsOptionalFields() {
        UserProfile patched = apply(patch().email(null).customField(1, null).customField(5, null).build());

        assertThat(patched.email()).isNull();
        assertThat(patched.customFields()).isEqualTo(new CustomFields(null, "c2", "c3", "c4", null));
    }

    @Test
    void aClearedVerifiedFlagIsFalse() {
        UserProfile patched = apply(patch().emailVerified(null).phoneVerified(null).build());

        assertThat(patched.emailVerified()).isFalse();
        assertThat(patched.phoneVerified()).isFalse();
    }

    @Test
    void verifiedFlagsCanBeSetEitherWay() {
        UserProfile patched = apply(patch().emailVerified(false).build());

        assertThat(patched.emailVerified()).isFalse();
        assertThat(patched.phoneVerified()).isTrue();
    }

    @Test
    void aNewEmailIsUnverifiedUnlessThePatchSetsItsFlag() {
        UserProfile silent = apply(patch().email("bob@example.com").build());
        UserProfile vouched = apply(patch().email("bob@example.com").emailVerified(true).build());

        assertThat(silent.emailVerified()).isFalse();
        assertThat(silent.phoneVerified()).isTrue();
        assertThat(vouched.emailVerified()).isTrue();
    }

    @Test
    void aNewPhoneIsUnverifiedUnlessThePatchSetsItsFlag() {
        UserProfile silent = apply(patch().phone("+15556660000").build());
        UserProfile vouched = apply(patch().phone("+15556660000").phoneVerified(true).build());

        assertThat(silent.phoneVerified()).isFalse();
        assertThat(silent.emailVerified()).isTrue();
        assertThat(vouched.phoneVerified()).isTrue();
    }

    @Test
    void theSameEmailInAnotherCaseAndTheSamePhoneAreNoChangeAndKeepTheirFlags() {
        UserProfile patched = apply(patch().email(" ANN@EXAMPLE.COM ").phone("+15556667777").build());

        assertThat(patched.emailVerified()).isTrue();
        assertThat(patched.phoneVerified()).isTrue();
    }

    @Test
    void aClearedEmailTakesItsFlagWithItEvenWhenThePatchSetsTheFlag() {
        assertThat(apply(patch().email(null).build()).emailVerified()).isFalse();
        assertThat(apply(patch().email(" ").emailVerified(true).build()).emailVerified()).isFalse();
    }

    @Test
    void anEmailGivenWhereThereWasNoneStartsUnverified() {
        UserProfile withoutEmail = new UserProfile(current.name(), null, current.phone(), current.customFields(),
                current.address(), true, true);

        assertThat(withoutEmail.emailVerified()).as("no verified email without an email").isFalse();
        assertThat(apply(withoutEmail, patch().email("ann@example.com").build()).emailVerified()).isFalse();
        assertThat(apply(withoutEmail, patch().email("ann@example.com").emailVerified(true).build())
                .emailVerified()).isTrue();
    }

    @Test
    void customFieldsAreTrimmedAndABlankOneIsCleared() {
        UserProfile patched = apply(patch().customField(1, "  new  ").customField(2, "   ").customField(3, "")
                .customField(4, "\t").build());

        assertThat(patched.customFields()).isEqualTo(new CustomFields("new", null, null, null, "c5"));
    }

    @Test
    void nullForARequiredFieldIsInvalidAndEveryOneIsReported() {
        assertThat(refusals(patch().firstName(null).lastName(null).phone(null).address(null).build()))
                .containsExactlyInAnyOrder("name.first: is required", "name.last: is required", "phone: is required",
                        "address: is required");
    }

    @Test
    void newValuesAreCheckedLikeOnCreate() {
        assertThat(refusals(patch().email("nope").phone("+1 555 666 7777").customField(4, "x".repeat(256)).build()))
                .extracting(text -> text.substring(0, text.indexOf(':')))
                .containsExactlyInAnyOrder("email", "phone", "customFields.field4");
    }

    @Test
    void theAddressMergesFieldByField() {
        UserProfile patched = apply(patch().address(addressPatch().state("ny").zip("10001-0001").build()).build());

        assertThat(patched.address()).isEqualTo(new Address("1 Main St", "Apt 2", "Springfield", UsState.NY, "US",
                new ZipCode("10001-0001")));
    }

    @Test
    void nullClearsOptionalAddressFields() {
        UserProfile patched = apply(patch().address(addressPatch().addressLine2(null).zip(null).country(null).build())
                .build());

        assertThat(patched.address().addressLine1()).isEqualTo("1 Main St");
        assertThat(patched.address().addressLine2()).isNull();
        assertThat(patched.address().zip()).isNull();
        assertThat(patched.address().country()).isEqualTo("US");
    }

    @Test
    void theMergedAddressMustBeValid() {
        assertThat(violations(patch().address(addressPatch().state("XX").zip("1").build()).build()))
                .extracting(Violation::field, Violation::kind)
                .containsExactlyInAnyOrder(
                        tuple("address.state", Violation.Kind.INVALID_STATE_CODE),
                        tuple("address.zip", Violation.Kind.INVALID));
        assertThat(refusals(patch().address(addressPatch().state(null).build()).build()))
                .containsExactly("address.state: is required");
    }

    @Test
    void reportsMistakesInTheAddressAndElsewhereInOnePass() {
        assertThat(refusals(patch().email("@").lastName(" ").address(addressPatch().state("QQ").build()).build()))
                .extracting(text -> text.substring(0, text.indexOf(':')))
                .containsExactlyInAnyOrder("email", "name.last", "address.state");
    }

    @Test
    void aNewSpellingOfTheEmailIsKeptAndStaysVerified() {
        UserProfile patched = apply(patch().email("ANN@EXAMPLE.COM").build());

        assertThat(patched.email().value()).isEqualTo("ANN@EXAMPLE.COM");
        assertThat(patched.emailVerified()).isTrue();
    }

    private UserProfile apply(UserPatch patch) {
        return apply(current, patch);
    }

    private static UserProfile apply(UserProfile before, UserPatch patch) {
        Violations violations = new Violations();
        UserProfile patched = ProfileAssembler.patch(before, patch, violations);
        violations.throwIfAny();
        return patched;
    }

    private List<Violation> violations(UserPatch patch) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> apply(patch));
        assertThat(refused).as("refused").isNotNull();
        return refused.violations();
    }

    /** "field: reason" for every violation the patch was refused with. */
    private List<String> refusals(UserPatch patch) {
        return violations(patch).stream().map(v -> v.field() + ": " + v.reason()).toList();
    }
}
