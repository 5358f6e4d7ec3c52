package io.revloop.api;

import io.revloop.alert.AlertEvents;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alert events (breaches, their ends, digests) with their delivery, newest first. */
@RestController
public class AlertController {

    private final AlertEvents events;

    public AlertController(AlertEvents events) {
        this.events = events;
    }

    @GetMapping("/api/alerts")
    public List<Map<String, Object>> alerts(@RequestParam(required = false) String state,
                                            @RequestParam(defaultValue = "100") int limit) {
        return events.list(state, limit);
    }
}
