package io.revloop.api;

import io.revloop.operations.SourceState;
import io.revloop.operations.SourceStates;
import io.revloop.source.check.ConnectionChecks;
import io.revloop.source.check.ConnectionTest;
import io.revloop.sync.SyncRunner;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every source the hub knows, with its status, last runs and next scheduled run; and its connection test. */
@RestController
@RequestMapping("/api")
public class SourceController {

    private final SourceStates states;
    private final ConnectionChecks checks;

    public SourceController(SourceStates states, ConnectionChecks checks) {
        this.states = states;
        this.checks = checks;
    }

    @GetMapping("/sources")
    public List<SourceState> sources() {
        return states.all();
    }

    /** One cheap read-only call against the source: do its credentials and permissions work (admin)? */
    @PostMapping("/sources/{name}/test")
    public ConnectionTest test(@PathVariable String name) throws InterruptedException {
        return checks.test(name).orElseThrow(() -> new NotFoundException("no source '" + name + "'; the sources are "
                + String.join(", ", SyncRunner.KNOWN)));
    }
}
