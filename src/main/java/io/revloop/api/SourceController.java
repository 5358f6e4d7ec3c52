package io.revloop.api;

import io.revloop.operations.SourceState;
import io.revloop.operations.SourceStates;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every source the hub knows, with its status, last runs and next scheduled run. */
@RestController
@RequestMapping("/api")
public class SourceController {

    private final SourceStates states;

    public SourceController(SourceStates states) {
        this.states = states;
    }

    @GetMapping("/sources")
    public List<SourceState> sources() {
        return states.all();
    }
}
