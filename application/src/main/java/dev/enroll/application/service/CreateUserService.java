package dev.enroll.application.service;

import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.CreateUserUseCase;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.UserProfile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Registers a user whose phone, and email and externalUserId when given, no other user of the contributor has. */
public final class CreateUserService implements CreateUserUseCase {

    private final Registrar registrar;

    public CreateUserService(UserRepository users, UserIdGenerator ids,
                             PartnerCodeGenerator partnerCodes, Clock clock) {
        this.registrar = new Registrar(users, ids, partnerCodes, clock);
    }

    @Override
    public CreateUserResult create(CreateUserCommand command) {
        Violations violations = new Violations();
        UserProfile profile = ProfileAssembler.fromInput(command.user(), violations);
        violations.throwIfAny();
        List<IdentityKey> keys = new ArrayList<>(3);
        // The partner's own key first: with returnExistingUserIfExists, its holder is the user meant.
        if (profile.externalUserId() != null) {
            keys.add(new IdentityKey.External(profile.externalUserId()));
        }
        keys.add(new IdentityKey.Phone(profile.phone()));
        if (profile.email() != null) {
            keys.add(new IdentityKey.Email(profile.email()));
        }
        return registrar.register(command.contributor(), profile, null, keys, command.returnExisting());
    }
}
