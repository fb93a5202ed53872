package dev.enroll.application.service;

import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.CreateUserUseCase;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.application.port.out.UserRepository;
import java.time.Clock;

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
        NewUser user = NewUser.plain(command.user(), violations);
        violations.throwIfAny();
        return registrar.register(command.contributor(), user.profile(), null, user.keys(), command.returnExisting());
    }
}
