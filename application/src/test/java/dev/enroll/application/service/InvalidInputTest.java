package dev.enroll.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.CreateUserWithPolicyCommand;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.out.DeleteOutcome;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.UpdateOutcome;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.Violation;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bad input to a create is refused with every mistake listed, before the user store is asked
 * anything. (An update asks for the user first: Revision.)
 */
class InvalidInputTest {

    private static final ContributorId ACME = new ContributorId("acme");

    private final UserRepository untouchable = new UntouchableStore();
    private final Clock clock = Clock.systemUTC();
    private final CreateUserService create = new CreateUserService(untouchable, () -> {
        throw new AssertionError("no id is drawn for bad input");
    }, () -> {
        throw new AssertionError("no partner code is drawn for bad input");
    }, clock);
    private final CreateUserWithPolicyService createWithPolicy = new CreateUserWithPolicyService(untouchable,
            () -> null, () -> null, contributor -> false, clock);

    private final UserInput badUser = new UserInput("", "Smith", "ann@", "+15556667777", null, null, null, null,
            null, null, null, new AddressInput(null, null, null, "XX", null, "1234"));

    @Test
    void createListsEveryMistake() {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> create.create(new CreateUserCommand(ACME, badUser, false)));

        assertThat(fields(refused)).containsExactlyInAnyOrder("name.first", "email", "address.state", "address.zip");
    }

    @Test
    void createWithPolicyListsTheUsersAndThePolicysMistakesTogether() {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> createWithPolicy.createWithPolicy(new CreateUserWithPolicyCommand(ACME, badUser,
                        new PolicyInput(" ", "2024-01-01", null), false)));

        assertThat(fields(refused)).containsExactlyInAnyOrder("name.first", "email", "address.state", "address.zip",
                "policy.number", "policy.startDate", "policy.endDate");
    }

    @Test
    void createWithPolicyNeedsAPolicy() {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> createWithPolicy.createWithPolicy(new CreateUserWithPolicyCommand(ACME,
                        Inputs.user("+15556667777", null), null, false)));

        assertThat(fields(refused)).containsExactly("policy");
    }

    private static List<String> fields(InvalidInputException refused) {
        assertThat(refused).as("refused").isNotNull();
        return refused.violations().stream().map(Violation::field).toList();
    }

    /** A store that fails the test when it is used at all. */
    private static final class UntouchableStore implements UserRepository {
        @Override
        public InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys) {
            throw new AssertionError("the store was asked to insert");
        }

        @Override
        public UpdateOutcome updateUnlessIdentityTaken(User user, long expectedVersion, List<IdentityKey> keys) {
            throw new AssertionError("the store was asked to update");
        }

        @Override
        public Optional<User> findById(ContributorId contributor, UserId id) {
            throw new AssertionError("the store was asked to find");
        }

        @Override
        public Optional<User> holderOf(ContributorId contributor, IdentityKey key) {
            throw new AssertionError("the store was asked for a holder");
        }

        @Override
        public DeleteOutcome delete(ContributorId contributor, UserId id, long expectedVersion, Instant deleted) {
            throw new AssertionError("the store was asked to delete");
        }

        @Override
        public List<UserChange> changes(ContributorId contributor, UserFilter filter, long afterSequence,
                                        int limit) {
            throw new AssertionError("the store was asked for changes");
        }

        @Override
        public boolean settlesPagesOf(UserFilter filter) {
            throw new AssertionError("the store was asked about its pages");
        }
    }
}
