package io.revloop.kpi.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.kpi.KpiComputer;
import io.revloop.store.SyncStateRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies a changed scoring configuration to the leads already stored: when the hub starts with
 * {@code revloop.scoring} (on/off, rules) different from the one the stored scores were computed
 * with, every lead is rescored and the KPIs recomputed — otherwise only leads a later sync touches
 * would follow the new rules, and score-band KPIs would mix old and new scores. The configuration
 * is remembered as a fingerprint in {@code sync_state} (source {@code scoring}), like the demo marker.
 */
@Component
public class ScoringConfigurationWatch {

    private static final Logger log = LoggerFactory.getLogger(ScoringConfigurationWatch.class);
    static final String STATE_SOURCE = "scoring";
    static final String STATE_STREAM = "configuration";
    /** Raise when the scoring code changes what a configuration scores, so stored scores are redone. */
    private static final int MODEL_VERSION = 1;

    private final LeadScoring scoring;
    private final KpiComputer kpis;
    private final SyncStateRepository state;
    private final JdbcTemplate jdbc;
    private final String fingerprint;

    public ScoringConfigurationWatch(LeadScoring scoring, KpiComputer kpis, SyncStateRepository state,
                                     JdbcTemplate jdbc, RevloopProperties properties, ObjectMapper json) {
        this.scoring = scoring;
        this.kpis = kpis;
        this.state = state;
        this.jdbc = jdbc;
        this.fingerprint = fingerprint(properties.scoring(), json);
    }

    /** Before the demo loader's listener, which may start an import (and its scoring) on a fresh store. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void onStart() {
        try {
            apply();
        } catch (RuntimeException e) {
            // the hub still serves and syncs; the configuration is not remembered, so the next start tries again
            log.error("Rescoring the stored leads for the changed scoring configuration failed; the next start tries again", e);
        }
    }

    /**
     * Rescores every lead and recomputes the KPIs if the configuration differs from the one the
     * stored scores were made with (a store with scores but no fingerprint, from before this check,
     * counts as different); then remembers it. True when it rescored.
     */
    public boolean apply() {
        Optional<String> stored = state.get(STATE_SOURCE, STATE_STREAM);
        if (stored.isPresent() && stored.get().equals(fingerprint)) {
            return false;
        }
        boolean scored = stored.isPresent()
                || !jdbc.queryForList("SELECT 1 FROM lead_scores FETCH FIRST 1 ROWS ONLY").isEmpty();
        if (scored) {
            long leads = scoring.rescoreAll();
            KpiComputer.Summary summary = kpis.computeAll();
            log.info("Scoring configuration changed: {} leads rescored, KPIs recomputed ({} values written, {} restated)",
                    leads, summary.written(), summary.superseded());
        }
        state.put(STATE_SOURCE, STATE_STREAM, fingerprint);
        return scored;
    }

    private static String fingerprint(RevloopProperties.Scoring scoring, ObjectMapper json) {
        try {
            byte[] text = (MODEL_VERSION + ":" + json.writeValueAsString(scoring)).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the scoring configuration", e);
        }
    }
}
