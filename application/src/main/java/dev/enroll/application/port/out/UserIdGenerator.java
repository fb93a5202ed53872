package dev.enroll.application.port.out;

import dev.enroll.domain.user.UserId;

/** Hands out new, time-ordered user ids. */
@FunctionalInterface
public interface UserIdGenerator {
    UserId next();
}
