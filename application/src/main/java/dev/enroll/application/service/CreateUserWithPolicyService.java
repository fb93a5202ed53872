package dev.enroll.application.service;

import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.CreateUserWithPolicyCommand;
import dev.enroll.application.port.in.CreateUserWithPolicyUseCase;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.UserProfile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers a user holding a policy. Only phone + policy number (and the externalUserId, when
 * given) must be new for the contributor: one person may hold several policies, and so appear
 * once per policy.
 */
public final class CreateUserWithPolicyService implements CreateUserWithPolicyUseCase {

    private final Registrar registrar;
    private final PolicyAssembler policies;

    public CreateUserWithPolicyService(UserRepository users, UserIdGenerator ids,
                                       PartnerCodeGenerator partnerCodes, ContributorSettings settings,
                                       Clock clock) {
        this.registrar = new Registrar(users, ids, partnerCodes, clock);
        this.policies = new PolicyAssembler(settings);
    }

    @Override
    public CreateUserResult createWithPolicy(CreateUserWithPolicyCommand command) {
        Violations violations = new Violations();
        UserProfile profile = ProfileAssembler.fromInput(command.user(), violations);
        Policy policy = policies.assemble(command.policy(), command.contributor(), violations);
        violations.throwIfAny();
        List<IdentityKey> keys = new ArrayList<>(2);
        // The partner's own key first: with returnExistingUserIfExists, its holder is the user meant.
        if (profile.externalUserId() != null) {
            keys.add(new IdentityKey.External(profile.externalUserId()));
        }
        keys.add(new IdentityKey.PhoneAndPolicy(profile.phone(), policy.number()));
        return registrar.register(command.contributor(), profile, policy, keys, command.returnExisting());
    }
}
