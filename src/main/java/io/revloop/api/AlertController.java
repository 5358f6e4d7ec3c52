package io.revloop.api;

import io.revloop.alert.AlertChecks;
import io.revloop.alert.AlertEvents;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alert events (breaches, their ends, digests) with their delivery, newest first; and the rules
 * with what each finds now, skipped checks with their reason.
 */
@RestController
public class AlertController {

    private final AlertEvents events;
    private final AlertChecks checks;

    public AlertController(AlertEvents events, AlertChecks checks) {
        this.events = events;
        this.checks = checks;
    }

    @GetMapping("/api/alerts/rules")
    public List<Map<String, Object>> rules() {
        return checks.list();
    }

    @GetMapping("/api/alerts")
    public List<Map<String, Object>> alerts(@RequestParam(required = false) String state,
                                            @RequestParam(defaultValue = "100") int limit) {
        return events.list(state, limit);
    }
}
