package io.revloop.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revloop.RevloopProperties;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiDefinition;
import io.revloop.kpi.Unit;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slack Block Kit for alerts and digests: each event renders to its own blocks (kept in the outbox),
 * and a message combines the blocks of several events. Values are shown in the KPI's unit: ratios as
 * percentages, money with the base currency.
 */
@Component
class AlertMessages {

    /** Slack refuses a message with more than 50 blocks. */
    static final int MAX_BLOCKS = 50;

    private final ObjectMapper json;
    private final String baseCurrency;
    private final String publicUrl;

    AlertMessages(ObjectMapper json, RevloopProperties properties,
                  @Value("${revloop.public-url:http://localhost:8080}") String publicUrl) {
        this.json = json;
        this.baseCurrency = properties.baseCurrency();
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /**
     * The blocks of a breach ({@code resolved} false) or its end, with the trend of the last periods; a
     * running period's value is "so far", compared with the threshold pro rata.
     */
    String alertBlocks(AlertChecks.Check check, boolean resolved, List<BigDecimal> trend) {
        AlertRule rule = check.rule();
        KpiDefinition kpi = rule.kpi();
        LocalDate period = check.value().periodStart();
        String dimensionValue = check.value().dimensionValue();
        StringBuilder text = new StringBuilder();
        text.append(resolved ? ":white_check_mark: Resolved: *" : severityIcon(rule.severity()) + " *")
                .append(escape(kpi.name())).append("* is *").append(format(kpi.unit(), check.value().result().value()))
                .append("*").append(check.elapsedShare() == null ? "" : " so far")
                .append(resolved ? " — back within " : " — alert when ").append(rule.comparison().symbol()).append(' ')
                .append(format(kpi.unit(), check.threshold()));
        if (check.elapsedShare() != null) {
            text.append(" (pro rata: ").append(format(kpi.unit(), rule.threshold())).append(" × ")
                    .append(AlertChecks.percent(check.elapsedShare())).append(" of the period passed)");
        }
        text.append("\n").append(periodLabel(rule.grain(), period));
        if (check.elapsedShare() != null) {
            text.append(", so far");
        }
        if (rule.dimension() != null) {
            text.append(" · ").append(rule.dimension().id()).append(": ")
                    .append(dimensionValue == null ? "(none)" : escape(dimensionValue));
        }
        if (trend.size() > 1) {
            text.append("\nTrend: ").append(String.join(" → ", trend.stream().map(v -> format(kpi.unit(), v)).toList()));
        }
        ArrayNode blocks = json.createArrayNode();
        blocks.add(section(text.toString()));
        blocks.add(context("rule `" + escape(rule.name()) + "` · " + rule.severity().id() + " · <"
                + kpiPage(rule, period, dimensionValue) + "|open in revloop>"));
        return blocks.toString();
    }

    /**
     * The KPI explorer page of a rule's KPI and period ({@code from} its first day, {@code to} its last),
     * narrowed to the dimension value that breached when the rule has a dimension.
     */
    private String kpiPage(AlertRule rule, LocalDate period, String dimensionValue) {
        String page = publicUrl + "/kpis?kpi=" + encode(rule.kpi().id()) + "&grain=" + rule.grain().id() + "&from="
                + period + "&to=" + rule.grain().end(period);
        return rule.dimension() == null ? page : page + "&dimension=" + encode(rule.dimension().id()) + "&value="
                + encode(dimensionValue == null ? "" : dimensionValue);
    }

    /** The blocks of an operations event: what happened to the source, and a link to its run or the sources page. */
    String sourceBlocks(String source, String text, String severity, String link) {
        ArrayNode blocks = json.createArrayNode();
        blocks.add(section(text));
        blocks.add(context("source `" + escape(source) + "` · " + severity + " · <" + publicUrl + link
                + "|open in revloop>"));
        return blocks.toString();
    }

    /** Slack's mrkdwn control characters escaped, and at most {@code max} characters. */
    static String quote(String text, int max) {
        String shown = text.length() > max ? text.substring(0, max) + "…" : text;
        return escape(shown);
    }

    /**
     * The blocks of a digest: a header and the KPIs' values in the current period — so far, with the
     * share of it that has passed — and, in brackets, the period before (marked "so far" too while its
     * data is not complete).
     */
    String digestBlocks(String name, Grain grain, LocalDate current, BigDecimal elapsedShare, List<DigestLine> lines) {
        ArrayNode blocks = json.createArrayNode();
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", "revloop " + name + " digest");
        StringBuilder text = new StringBuilder("*" + periodLabel(grain, current) + "* so far ("
                + AlertChecks.percent(elapsedShare) + " passed; before: " + periodLabel(grain, grain.previous(current))
                + ")");
        for (DigestLine line : lines) {
            text.append("\n• ").append(escape(line.kpi().name())).append(": *")
                    .append(format(line.kpi().unit(), line.current())).append("* so far (")
                    .append(format(line.kpi().unit(), line.previous()))
                    .append(line.previousComplete() ? "" : ", so far").append(')');
        }
        blocks.add(section(text.toString()));
        blocks.add(context("<" + publicUrl + "/?grain=" + grain.id() + "|open in revloop> · <" + publicUrl + "/kpis|KPI catalogue>"));
        return blocks.toString();
    }

    /** A KPI's value in the running period and the one before, and whether that one's data is complete. */
    record DigestLine(KpiDefinition kpi, BigDecimal current, BigDecimal previous, boolean previousComplete) {
    }

    /** One message from the blocks of several events, with a notification text for clients without blocks. */
    String message(List<AlertOutbox.Event> events) {
        ObjectNode message = json.createObjectNode();
        long sourceAlerts = events.stream()
                .filter(e -> AlertOutbox.FIRING.equals(e.state()) && e.source() != null).count();
        long kpiAlerts = events.stream()
                .filter(e -> AlertOutbox.FIRING.equals(e.state()) && e.source() == null).count();
        long firing = sourceAlerts + kpiAlerts;
        long resolved = events.stream().filter(e -> AlertOutbox.RESOLVED.equals(e.state())).count();
        long digests = events.size() - firing - resolved;
        StringBuilder fallback = new StringBuilder("revloop:");
        if (sourceAlerts > 0) {
            fallback.append(' ').append(sourceAlerts).append(sourceAlerts == 1 ? " source alert" : " source alerts");
        }
        if (kpiAlerts > 0) {
            fallback.append(sourceAlerts > 0 ? "," : "").append(' ').append(kpiAlerts)
                    .append(kpiAlerts == 1 ? " KPI alert" : " KPI alerts");
        }
        if (resolved > 0) {
            fallback.append(firing > 0 ? "," : "").append(' ').append(resolved).append(" resolved");
        }
        if (digests > 0) {
            fallback.append(firing + resolved > 0 ? "," : "").append(' ').append(digests)
                    .append(digests == 1 ? " digest" : " digests");
        }
        message.put("text", fallback.toString());
        ArrayNode blocks = message.putArray("blocks");
        for (AlertOutbox.Event event : events) {
            if (!blocks.isEmpty()) {
                blocks.addObject().put("type", "divider");
            }
            try {
                json.readTree(event.blocks()).forEach(blocks::add);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("alert event " + event.id() + " holds no valid blocks", e);
            }
        }
        return message.toString();
    }

    String format(Unit unit, BigDecimal value) {
        if (value == null) {
            return "n/a";
        }
        return switch (unit) {
            case RATIO -> String.format(Locale.ROOT, "%.1f %%", value.movePointRight(2));
            case MONEY -> String.format(Locale.ROOT, "%,.2f %s", value, baseCurrency);
            case MONEY_PER_DAY -> String.format(Locale.ROOT, "%,.2f %s/day", value, baseCurrency);
            case COUNT -> String.format(Locale.ROOT, "%,.0f", value);
            case DAYS -> String.format(Locale.ROOT, "%.1f days", value);
            case MINUTES -> String.format(Locale.ROOT, "%.1f min", value);
            case SECONDS -> String.format(Locale.ROOT, "%.0f s", value);
            case MONTHS -> String.format(Locale.ROOT, "%.1f months", value);
            case POINTS, SCORE, NUMBER -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    static String periodLabel(Grain grain, LocalDate start) {
        return switch (grain) {
            case DAY -> start.toString();
            case WEEK -> "week of " + start;
            case MONTH -> start.toString().substring(0, 7);
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
        };
    }

    private ObjectNode section(String mrkdwn) {
        ObjectNode section = json.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return section;
    }

    private ObjectNode context(String mrkdwn) {
        ObjectNode context = json.createObjectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
        return context;
    }

    private static String severityIcon(AlertRule.Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
        };
    }

    /** A query parameter's value in a link: URL-encoded, so a Slack link cannot be cut by {@code |} or {@code >}. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Slack's mrkdwn control characters. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
