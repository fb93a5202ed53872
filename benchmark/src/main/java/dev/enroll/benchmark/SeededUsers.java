package dev.enroll.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Users created with a policy before the measured steps, for the update, read and mix scenarios
 * to work on: their ids, and their serials, from which the same user can be re-sent.
 */
record SeededUsers(List<String> ids, List<Long> serials) {

    SeededUsers {
        ids = List.copyOf(ids);
        serials = List.copyOf(serials);
        if (ids.size() != serials.size() || ids.isEmpty()) {
            throw new IllegalArgumentException("one serial per id, and at least one user");
        }
    }

    /**
     * Creates {@code count} users with a policy through the API, from {@code clients} threads.
     * Setting up must not fail quietly: the first error stops it and is thrown.
     */
    static SeededUsers create(ApiClient api, SyntheticUsers users, int count, int clients)
            throws InterruptedException {
        String[] ids = new String[count];
        Long[] serials = new Long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread thread = new Thread(() -> {
                int index;
                while (failure.get() == null && (index = next.getAndIncrement()) < count) {
                    SyntheticUser user = users.next();
                    try {
                        ids[index] = api.createWithPolicyForId(user);
                        serials[index] = user.serial();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "seed-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("creating the seed users failed: " + failure.get().getMessage(),
                    failure.get());
        }
        return new SeededUsers(Arrays.asList(ids), Arrays.asList(serials));
    }

    int size() {
        return ids.size();
    }

    String id(int index) {
        return ids.get(index);
    }

    long serial(int index) {
        return serials.get(index);
    }
}
