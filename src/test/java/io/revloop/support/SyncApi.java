package io.revloop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Sync runs through the REST API, as a user starts and watches them. */
public final class SyncApi {

    private SyncApi() {
    }

    /** Starts a run of {@code source} with POST /api/syncs and returns it once it has finished. */
    public static Map<String, Object> run(TestRestTemplate http, String source) throws InterruptedException {
        return awaitFinished(http, start(http, source).get("id"));
    }

    /** Starts a run of {@code source} with POST /api/syncs; the answer (202). */
    public static Map<String, Object> start(TestRestTemplate http, String source) {
        ResponseEntity<Map<String, Object>> started = http.exchange("/api/syncs?source=" + source, HttpMethod.POST,
                null, new ParameterizedTypeReference<>() { });
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return started.getBody();
    }

    /** The run once it has finished. */
    public static Map<String, Object> awaitFinished(TestRestTemplate http, Object id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> run = http.exchange("/api/syncs/" + id, HttpMethod.GET, null,
                    new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
            if (!"running".equals(run.get("status"))) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    /** A run's status is final before the work after it (scoring, KPIs) is done; this waits for that too. */
    public static void awaitWorkAfterRuns(io.revloop.sync.SyncRunner runner, String source) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (runner.isRunning(source) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    /** The dead letters of a run, oldest first. */
    public static List<Map<String, Object>> deadLetters(TestRestTemplate http, Map<String, Object> run) {
        return http.exchange("/api/dead-letters?run=" + run.get("id"), HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
    }
}
