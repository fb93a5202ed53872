package dev.enroll.adapter.persistence.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.domain.user.UserId;

/**
 * UUID version 7 ids: new rows land at the right-hand end of the primary-key index instead of
 * at random pages, which keeps inserts cheap as the table grows.
 */
public final class TimeOrderedUserIdGenerator implements UserIdGenerator {

    private final TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();

    @Override
    public UserId next() {
        return new UserId(generator.generate());
    }
}
