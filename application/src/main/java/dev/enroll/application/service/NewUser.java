package dev.enroll.application.service;

import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.UserProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A new user's checked details and the identity keys its create claims. The one definition of
 * what a create accepts and claims, for single creates and imports alike (docs/identity.md).
 */
record NewUser(UserProfile profile, Policy policy, List<IdentityKey> keys) {

    /**
     * A user without a policy: claims its externalUserId when given, the phone, and the email when
     * given. {@code null} after noting violations.
     */
    static NewUser plain(UserInput input, Violations violations) {
        UserProfile profile = ProfileAssembler.fromInput(input, violations);
        if (profile == null) {
            return null;
        }
        return new NewUser(profile, null, claims(profile, null));
    }

    /**
     * A user holding a policy: claims its externalUserId when given, and phone + policy number.
     * {@code null} after noting violations.
     */
    static NewUser withPolicy(UserInput input, PolicyInput policyInput, ContributorId contributor,
                              PolicyAssembler policies, Violations violations) {
        UserProfile profile = ProfileAssembler.fromInput(input, violations);
        Policy policy = policies.assemble(policyInput, contributor, violations);
        if (profile == null || policy == null) {
            return null;
        }
        return new NewUser(profile, policy, claims(profile, policy));
    }

    /**
     * The keys a user with these details claims: its externalUserId when given; then, without a
     * policy, the phone and the email when given, and with one, phone + policy number. An update
     * claims those of the revised details that the stored ones do not (UpdateUserService).
     */
    static List<IdentityKey> claims(UserProfile profile, Policy policy) {
        List<IdentityKey> keys = new ArrayList<>(3);
        // The partner's own key first: with returnExistingUserIfExists, its holder is the user meant.
        if (profile.externalUserId() != null) {
            keys.add(new IdentityKey.External(profile.externalUserId()));
        }
        if (policy != null) {
            keys.add(new IdentityKey.PhoneAndPolicy(profile.phone(), policy.number()));
        } else {
            keys.add(new IdentityKey.Phone(profile.phone()));
            if (profile.email() != null) {
                keys.add(new IdentityKey.Email(profile.email()));
            }
        }
        return List.copyOf(keys);
    }
}
