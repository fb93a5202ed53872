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
        List<IdentityKey> keys = new ArrayList<>(3);
        // The partner's own key first: with returnExistingUserIfExists, its holder is the user meant.
        if (profile.externalUserId() != null) {
            keys.add(new IdentityKey.External(profile.externalUserId()));
        }
        keys.add(new IdentityKey.Phone(profile.phone()));
        if (profile.email() != null) {
            keys.add(new IdentityKey.Email(profile.email()));
        }
        return new NewUser(profile, null, List.copyOf(keys));
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
        List<IdentityKey> keys = new ArrayList<>(2);
        if (profile.externalUserId() != null) {
            keys.add(new IdentityKey.External(profile.externalUserId()));
        }
        keys.add(new IdentityKey.PhoneAndPolicy(profile.phone(), policy.number()));
        return new NewUser(profile, policy, List.copyOf(keys));
    }
}
