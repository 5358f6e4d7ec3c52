package io.revloop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Disjoint batches are written at once, each handed the one before; a batch sharing an id waits. */
class OrderedCommitsTest {

    private final ExecutorService committers = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        committers.shutdownNow();
    }

    @Test
    void aDisjointBatchIsWrittenAtOnceAndOneSharingAnIdWaits() throws Exception {
        // three writers, so only the shared id can hold the third batch back
        OrderedCommits commits = new OrderedCommits(committers, 3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstDone = new AtomicBoolean();
        AtomicBoolean secondStartedBeforeFirstDone = new AtomicBoolean();
        AtomicBoolean secondHandedTheFirst = new AtomicBoolean();
        AtomicBoolean thirdStartedAfterFirstDone = new AtomicBoolean();
        CompletableFuture<?>[] firstCommit = new CompletableFuture<?>[1];

        commits.submit(Set.of("lead:1", "lead:2"), previous -> {
            await(release);
            firstDone.set(true);
            return new RunCounts(2, 2, 0, 0);
        });
        commits.submit(Set.of("lead:3"), previous -> {
            secondStartedBeforeFirstDone.set(!firstDone.get());
            firstCommit[0] = previous;
            previous.join();
            secondHandedTheFirst.set(firstDone.get());
            return new RunCounts(1, 1, 0, 0);
        });
        // lead:2 is in flight: this batch waits for it (the first is released 200 ms from now)
        CompletableFuture.runAsync(() -> sleepThenRelease(release));
        commits.submit(Set.of("lead:2"), previous -> {
            thirdStartedAfterFirstDone.set(firstDone.get());
            return new RunCounts(1, 0, 1, 0);
        });

        // 2 + 1 + 1 read, 2 + 1 upserted, 1 deleted
        assertThat(commits.awaitAll()).isEqualTo(new RunCounts(4, 3, 1, 0));
        assertThat(secondStartedBeforeFirstDone).isTrue();
        assertThat(secondHandedTheFirst).isTrue();
        assertThat(thirdStartedAfterFirstDone).isTrue();
    }

    @Test
    void aFailedBatchIsReportedAndAbandonWaitsForTheRest() {
        OrderedCommits commits = new OrderedCommits(committers, 2);
        commits.submit(Set.of("a"), previous -> {
            throw new IllegalStateException("refused");
        });
        commits.submit(Set.of("b"), previous -> {
            previous.join();
            return RunCounts.NONE;
        });
        assertThatThrownBy(commits::awaitAll).hasMessage("refused");
        commits.abandon();
        assertThat(commits.awaitAll()).isEqualTo(RunCounts.NONE);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepThenRelease(CountDownLatch latch) {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        latch.countDown();
    }
}
