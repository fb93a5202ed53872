package dev.enroll.adapter.http;

import dev.enroll.application.port.in.AuthenticatePartnerUseCase;
import dev.enroll.application.port.in.CreateUserUseCase;
import dev.enroll.application.port.in.CreateUserWithPolicyUseCase;
import dev.enroll.application.port.in.DeleteUserUseCase;
import dev.enroll.application.port.in.GetUserUseCase;
import dev.enroll.application.port.in.IdempotentRequests;
import dev.enroll.application.port.in.ListUsersUseCase;
import dev.enroll.application.port.in.ImportUsersUseCase;
import dev.enroll.application.port.in.UpdatePolicyUseCase;
import dev.enroll.application.port.in.UpdateUserUseCase;
import dev.enroll.application.port.out.StoreHealth;
import java.util.Objects;

/** Everything the HTTP API calls into: the use cases, and the store's readiness for the probe. */
public record HttpUseCases(CreateUserUseCase createUser, CreateUserWithPolicyUseCase createUserWithPolicy,
                           UpdateUserUseCase updateUser, UpdatePolicyUseCase updatePolicy, GetUserUseCase getUser,
                           AuthenticatePartnerUseCase authenticatePartner, StoreHealth storeHealth,
                           ListUsersUseCase listUsers, DeleteUserUseCase deleteUser,
                           IdempotentRequests idempotentRequests, ImportUsersUseCase importUsers) {

    public HttpUseCases {
        Objects.requireNonNull(createUser, "createUser");
        Objects.requireNonNull(createUserWithPolicy, "createUserWithPolicy");
        Objects.requireNonNull(updateUser, "updateUser");
        Objects.requireNonNull(updatePolicy, "updatePolicy");
        Objects.requireNonNull(getUser, "getUser");
        Objects.requireNonNull(authenticatePartner, "authenticatePartner");
        Objects.requireNonNull(storeHealth, "storeHealth");
        Objects.requireNonNull(listUsers, "listUsers");
        Objects.requireNonNull(deleteUser, "deleteUser");
        Objects.requireNonNull(idempotentRequests, "idempotentRequests");
        Objects.requireNonNull(importUsers, "importUsers");
    }
}
