package dev.enroll.application.service;

import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.CreateUserWithPolicyCommand;
import dev.enroll.application.port.in.CreateUserWithPolicyUseCase;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.application.port.out.UserRepository;
import java.time.Clock;

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
        NewUser user = NewUser.withPolicy(command.user(), command.policy(), command.contributor(), policies,
                violations);
        violations.throwIfAny();
        return registrar.register(command.contributor(), user.profile(), user.policy(), user.keys(),
                command.returnExisting());
    }
}
