package dev.enroll.application.service;

import dev.enroll.application.port.in.UpdatePolicyCommand;
import dev.enroll.application.port.in.UpdatePolicyUseCase;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Attaches a policy to a user or replaces its policy; phone + policy number stays unique. */
public final class UpdatePolicyService implements UpdatePolicyUseCase {

    private final Revision revision;
    private final PolicyAssembler policies;
    private final Clock clock;

    public UpdatePolicyService(UserRepository users, ContributorSettings settings, Clock clock) {
        this.revision = new Revision(users);
        this.policies = new PolicyAssembler(settings);
        this.clock = clock;
    }

    @Override
    public User updatePolicy(UpdatePolicyCommand command) {
        // Inside the revision, as every update's rules: the user (404) and If-Match (412) come first.
        return revision.apply(command.contributor(), command.userId(), command.condition(), current -> {
            Violations violations = new Violations();
            Policy policy = policies.assemble(command.policy(), command.contributor(), violations);
            violations.throwIfAny();
            if (policy.equals(current.policy())) {
                return Optional.empty();
            }
            boolean sameNumber = current.policy() != null && current.policy().number().equals(policy.number());
            List<IdentityKey> claims = sameNumber ? List.of()
                    : List.of(new IdentityKey.PhoneAndPolicy(current.profile().phone(), policy.number()));
            return Optional.of(new Revision.Change(current.withPolicy(policy, clock.instant()), claims));
        });
    }
}
