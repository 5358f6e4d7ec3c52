package io.revloop.api;

import io.revloop.RevloopProperties;
import io.revloop.security.ApiTokens;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is calling, and the few settings a page needs to show numbers: the token's name and role (never
 * the token), the base currency money is in, the hub's time zone and today's date there (which period
 * is running).
 */
@RestController
public class MeController {

    private final RevloopProperties properties;
    private final Clock clock;

    public MeController(RevloopProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/me")
    public Map<String, Object> me(@AuthenticationPrincipal ApiTokens.Caller caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", caller.name());
        body.put("role", caller.role().label());
        body.put("baseCurrency", properties.baseCurrency());
        body.put("timeZone", properties.timeZone().getId());
        body.put("today", LocalDate.ofInstant(clock.instant(), properties.timeZone()).toString());
        return body;
    }
}
