package dev.chatgopher.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a line of progress every few seconds while a scenario runs. */
final class Progress implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("progress").factory());
    private final long startNanos = System.nanoTime();

    Progress(String scenario, Duration every, Supplier<String> status) {
        timer.scheduleAtFixedRate(
                () -> System.out.printf(
                        "[%s %5.1fs] %s%n", scenario, (System.nanoTime() - startNanos) / 1e9, status.get()),
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
