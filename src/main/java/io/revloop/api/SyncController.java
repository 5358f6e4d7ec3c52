package io.revloop.api;

import io.revloop.store.DeadLetter;
import io.revloop.store.DeadLetterRepository;
import io.revloop.store.SyncRunRepository;
import io.revloop.sync.SyncRunView;
import io.revloop.sync.SyncRunner;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sync runs and their dead letters. */
@RestController
@RequestMapping("/api")
public class SyncController {

    private static final int MAX_LIMIT = 1000;

    private final SyncRunner runner;
    private final SyncRunRepository runs;
    private final DeadLetterRepository deadLetters;

    public SyncController(SyncRunner runner, SyncRunRepository runs, DeadLetterRepository deadLetters) {
        this.runner = runner;
        this.runs = runs;
        this.deadLetters = deadLetters;
    }

    /**
     * Starts a run of a source now; answers 202 with its id and what it leaves for a later run (files
     * still being written), or 409 with the id of the run in progress.
     */
    @PostMapping("/syncs")
    public ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String source) {
        try {
            SyncRunner.Started run = runner.start(SyncRunner.requireKnown(source));
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", run.id(), "waiting", run.waiting()));
        } catch (SyncRunner.AlreadyRunningException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("id", e.runningId(), "error", e.getMessage()));
        }
    }

    /** Runs, newest first. */
    @GetMapping("/syncs")
    public List<SyncRunView> list(@RequestParam(required = false) String source,
                                  @RequestParam(defaultValue = "100") int limit) {
        return runs.list(source == null ? null : SyncRunner.requireKnown(source), limit(limit));
    }

    @GetMapping("/syncs/{id}")
    public SyncRunView get(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("no sync run " + id));
    }

    /** The dead letters of a run, oldest first; page with {@code after} = the last id seen. */
    @GetMapping("/dead-letters")
    public List<DeadLetter> deadLetters(@RequestParam long run, @RequestParam(defaultValue = "1000") int limit,
                                        @RequestParam(defaultValue = "0") long after) {
        return deadLetters.findByRun(run, limit(limit), after);
    }

    private static int limit(int requested) {
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new BadParameter("limit", Integer.toString(requested), "is out of range", "use 1 to " + MAX_LIMIT);
        }
        return requested;
    }
}
