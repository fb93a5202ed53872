package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.ChunkOutcome;
import dev.enroll.application.port.out.ImportCandidate;
import dev.enroll.application.port.out.ImportSession;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Imports into an {@link InMemoryUserRepository}: a chunk is inserted one user after the other
 * under the contributor's lock, so it is atomic towards single creates. A dry run keeps the users
 * it would have created in the session instead.
 */
public final class InMemoryUserImport implements UserImportStore {

    private final InMemoryUserRepository users;

    public InMemoryUserImport(InMemoryUserRepository users) {
        this.users = users;
    }

    @Override
    public ImportSession open(ContributorId contributor, boolean dryRun) {
        return new Session(contributor, dryRun);
    }

    private final class Session implements ImportSession {
        private final ContributorId contributor;
        private final boolean dryRun;
        /** A dry run's users, which later rows must not duplicate either. */
        private IdentityIndex wouldBeCreated = new IdentityIndex();

        Session(ContributorId contributor, boolean dryRun) {
            this.contributor = contributor;
            this.dryRun = dryRun;
        }

        @Override
        public Chunk prepare(List<ImportCandidate> candidates) {
            List<ImportCandidate> users = List.copyOf(candidates);
            return () -> users;
        }

        @Override
        public ChunkOutcome write(Chunk chunk, PartnerCodeGenerator partnerCodes) {
            return users.withUsersOf(contributor, (stored, add) -> {
                List<ChunkOutcome.RowOutcome> outcomes = new ArrayList<>(chunk.users().size());
                for (ImportCandidate candidate : chunk.users()) {
                    outcomes.add(insert(stored, add, candidate, partnerCodes));
                }
                return new ChunkOutcome.Written(outcomes);
            });
        }

        private ChunkOutcome.RowOutcome insert(IdentityIndex stored, Consumer<User> add, ImportCandidate candidate,
                                               PartnerCodeGenerator partnerCodes) {
            ChunkOutcome.Taken taken = ChunkOutcome.Taken.of(candidate.keys(), key -> {
                User holder = stored.holder(key, null);
                if (holder == null) {
                    holder = wouldBeCreated.holder(key, null);
                }
                return holder == null ? null : holder.id();
            });
            if (taken != null) {
                return taken;
            }
            User user = candidate.user();
            while (stored.codeTaken(user.partnerCode()) || wouldBeCreated.codeTaken(user.partnerCode())) {
                user = user.withPartnerCode(partnerCodes.next());
            }
            if (dryRun) {
                wouldBeCreated.add(user);
            } else {
                add.accept(user);
            }
            return new ChunkOutcome.Inserted(user.id());
        }

        @Override
        public void close() {
            wouldBeCreated = new IdentityIndex();
        }
    }
}
