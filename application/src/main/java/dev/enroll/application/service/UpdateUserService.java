package dev.enroll.application.service;

import dev.enroll.application.port.in.UpdateUserCommand;
import dev.enroll.application.port.in.UpdateUserUseCase;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a partial update to a user's details. A phone or email that changes must not be held
 * by another user of the contributor, as a create of such a user would judge it (a user holding
 * a policy: its phone with its policy number); re-sending the user's own values is no conflict,
 * and an update that changes nothing leaves the user (and its version) as it was.
 */
public final class UpdateUserService implements UpdateUserUseCase {

    private final Revision revision;
    private final Clock clock;

    public UpdateUserService(UserRepository users, Clock clock) {
        this.revision = new Revision(users);
        this.clock = clock;
    }

    @Override
    public User update(UpdateUserCommand command) {
        return revision.apply(command.contributor(), command.userId(), command.condition(), current -> {
            Violations violations = new Violations();
            UserProfile revised = ProfileAssembler.patch(current.profile(), command.patch(), violations);
            violations.throwIfAny();
            if (sameAsStored(current.profile(), revised)) {
                return Optional.empty();
            }
            return Optional.of(new Revision.Change(current.withProfile(revised, clock.instant()),
                    claims(current, revised)));
        });
    }

    /** Email equality ignores case, but a change of spelling is still a change to store. */
    private static boolean sameAsStored(UserProfile current, UserProfile revised) {
        return current.equals(revised) && Objects.equals(spelling(current), spelling(revised));
    }

    private static String spelling(UserProfile profile) {
        return profile.email() == null ? null : profile.email().value();
    }

    /**
     * The keys the revised details claim that the stored ones do not, as a create of a user with
     * such details would claim them ({@link NewUser#claims}): a user holding a policy claims a new
     * phone with its policy number, and no email; so a person whose phone changes may move each
     * of their policy records onto the new one.
     */
    private static List<IdentityKey> claims(User current, UserProfile revised) {
        List<IdentityKey> held = NewUser.claims(current.profile(), current.policy());
        return NewUser.claims(revised, current.policy()).stream().filter(key -> !held.contains(key)).toList();
    }
}
