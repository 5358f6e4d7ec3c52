package io.revloop.source.check;

import io.revloop.security.Redactor;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Runs the {@link ConnectionCheck} of a source, at most {@link #TIME_BOX} long, and says the outcome
 * for people: a disabled source is named so (and checked all the same), a source not configured
 * names the empty settings, a failure what is wrong and which setting to fix. Every message passes
 * the {@link Redactor}; no stack trace leaves.
 */
@Service
public class ConnectionChecks {

    static final Duration TIME_BOX = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ConnectionChecks.class);

    private final Map<String, ConnectionCheck> checks;
    private final Duration timeBox;
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "connection-check");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public ConnectionChecks(List<ConnectionCheck> checks) {
        this(checks, TIME_BOX);
    }

    ConnectionChecks(List<ConnectionCheck> checks, Duration timeBox) {
        this.checks = checks.stream().collect(Collectors.toMap(ConnectionCheck::source, Function.identity()));
        this.timeBox = timeBox;
    }

    /** The outcome of checking source {@code name}; empty when no source has that name. */
    public Optional<ConnectionTest> test(String name) throws InterruptedException {
        ConnectionCheck check = checks.get(name);
        if (check == null) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        List<String> notReady = check.notReady();
        boolean ok = false;
        String message;
        if (!notReady.isEmpty()) {
            message = String.join("; ", notReady);
        } else {
            Future<String> call = calls.submit(check::run);
            try {
                message = call.get(timeBox.toMillis(), TimeUnit.MILLISECONDS);
                ok = true;
            } catch (ExecutionException failed) {
                message = check.explain(failed.getCause() instanceof Exception e ? e : failed);
            } catch (TimeoutException slow) {
                call.cancel(true);
                message = check.explain(new TimeoutException("no answer within " + (timeBox.toMillis() % 1000 == 0
                        ? timeBox.toSeconds() + " s" : timeBox.toMillis() + " ms")));
            }
        }
        if (!check.enabled()) {
            message = "disabled: revloop.sources." + name + ".enabled=false; " + message;
        }
        message = Redactor.redact(message);
        long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("connection test of {}: {} in {} ms: {}", name, ok ? "ok" : "failed", durationMs, message);
        return Optional.of(new ConnectionTest(name, ok, message, durationMs));
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }
}
