package dev.enroll.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.application.testing.Race;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SigningKeyRepository} must do: keep the first key offered, for every caller. */
public abstract class SigningKeyRepositoryContract {

    private SigningKeyRepository keys;

    /**
     * The store under test, holding no key yet; called once before each test. Unlike the other
     * stores this one must start empty: there is a single key, so there is no test-owned slice.
     */
    protected abstract SigningKeyRepository newRepository();

    @BeforeEach
    void setUpStore() {
        keys = newRepository();
    }

    @Test
    void theFirstCandidateIsStoredAndReturned() {
        assertThat(keys.loadOrStore(key(1))).isEqualTo(key(1));
    }

    @Test
    void laterCandidatesAreIgnored() {
        keys.loadOrStore(key(1));

        assertThat(keys.loadOrStore(key(2))).isEqualTo(key(1));
        assertThat(keys.loadOrStore(key(3))).isEqualTo(key(1));
    }

    @Test
    void theStoredKeyDoesNotChangeWithTheCallersArrays() {
        byte[] candidate = key(1);
        keys.loadOrStore(candidate)[0] = 42;
        candidate[1] = 42;

        assertThat(keys.loadOrStore(key(2))).isEqualTo(key(1));
    }

    @Test
    void concurrentCallersAllGetTheSameKey() {
        int racers = 50;

        List<byte[]> loaded = Race.run(racers, i -> keys.loadOrStore(key(i)));

        byte[] winner = loaded.get(0);
        assertThat(loaded).allSatisfy(key -> assertThat(key).isEqualTo(winner));
        assertThat(IntStream.range(0, racers).mapToObj(SigningKeyRepositoryContract::key))
                .anySatisfy(candidate -> assertThat(candidate).isEqualTo(winner));
        assertThat(keys.loadOrStore(key(racers))).isEqualTo(winner);
    }

    /** A 32-byte key that differs for every {@code seed}. */
    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        key[0] = (byte) seed;
        key[31] = (byte) (seed >> 8);
        return key;
    }
}
