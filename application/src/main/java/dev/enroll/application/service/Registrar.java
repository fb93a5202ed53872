package dev.enroll.application.service;

import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.UserAlreadyExistsException;
import dev.enroll.application.port.out.IdentityTaken;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.time.Clock;
import java.util.List;

/**
 * Registers a new user, leaving the identity decision to the store's atomic insert: every create
 * is a single trip to the store when all is well. Who may create was settled before this runs.
 */
final class Registrar {

    /** Partner codes are 40 random bits; three clashes in a row would mean a broken generator. */
    private static final int PARTNER_CODE_ATTEMPTS = 3;

    private final UserRepository users;
    private final UserIdGenerator ids;
    private final PartnerCodeGenerator partnerCodes;
    private final Clock clock;

    Registrar(UserRepository users, UserIdGenerator ids, PartnerCodeGenerator partnerCodes, Clock clock) {
        this.users = users;
        this.ids = ids;
        this.partnerCodes = partnerCodes;
        this.clock = clock;
    }

    CreateUserResult register(ContributorId contributor, UserProfile profile, Policy policy,
                              List<IdentityKey> keys, boolean returnExisting) {
        User user = User.register(ids.next(), contributor, profile, policy, partnerCodes.next(), clock.instant());
        for (int attempt = 1; attempt <= PARTNER_CODE_ATTEMPTS; attempt++) {
            InsertOutcome outcome = users.insertUnlessIdentityTaken(user, keys);
            if (outcome instanceof InsertOutcome.Inserted inserted) {
                return new CreateUserResult(inserted.user(), true);
            }
            if (outcome instanceof IdentityTaken taken) {
                if (returnExisting) {
                    return new CreateUserResult(existing(taken, keys), false);
                }
                throw new UserAlreadyExistsException(taken.key().describe());
            }
            user = user.withPartnerCode(partnerCodes.next());
        }
        throw new IllegalStateException("no free partner code after " + PARTNER_CODE_ATTEMPTS + " attempts");
    }

    /**
     * The user a create with {@code returnExistingUserIfExists} answers with: the holder of the
     * first key taken, unless another of the create's keys is held by a different user. Then the
     * request names two people at once, and answering with either would hand one of them over as
     * the other, so it is a conflict (docs/identity.md, rule 10).
     */
    private User existing(IdentityTaken taken, List<IdentityKey> keys) {
        User holder = taken.holder();
        for (IdentityKey key : keys) {
            if (!key.heldBy(holder) && users.holderOf(holder.contributor(), key).isPresent()) {
                throw UserAlreadyExistsException.heldByDifferentUsers(taken.key().describe(), key.describe());
            }
        }
        return holder;
    }
}
