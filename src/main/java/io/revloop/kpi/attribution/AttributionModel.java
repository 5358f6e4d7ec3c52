package io.revloop.kpi.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a won deal's revenue is spread over its touchpoints. Each model turns a deal's journey into one
 * weight per touch; the weights of a journey with touches sum to 1 (see {@code docs/attribution.md}).
 */
public enum AttributionModel {
    FIRST_TOUCH,
    LAST_TOUCH,
    LINEAR,
    /** U-shaped: 40 % first, 40 % last, 20 % shared by the touches between; one touch 100 %, two 50/50. */
    POSITION_BASED,
    /** Weight 2^(−days before the close ÷ half-life), normalized. */
    TIME_DECAY,
    /**
     * 30 % each to the first touch, the lead-creation touch and the opportunity-creation touch (the latest
     * touch at or before that moment), 10 % shared by the others. A touch holding several milestones takes
     * their shares together. Shares that find no touch — no "others", no touch before the lead's or the
     * deal's creation — go to the touches that have a share, in proportion to it (the weights are normalized).
     */
    W_SHAPED;

    private static final double MILESTONE_SHARE = 0.3;
    private static final double OTHERS_SHARE = 0.1;
    private static final double SECONDS_PER_DAY = 86_400.0;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttributionModel of(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown attribution model '" + id + "'; valid: " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(AttributionModel::id).collect(Collectors.joining(", "));
    }

    /** One weight per touch of the journey, in the journey's order; empty when it has no touches. */
    public double[] weights(Journey journey, double halfLifeDays) {
        int n = journey.touchTimes().size();
        double[] weights = new double[n];
        if (n == 0) {
            return weights;
        }
        switch (this) {
            case FIRST_TOUCH -> weights[0] = 1;
            case LAST_TOUCH -> weights[n - 1] = 1;
            case LINEAR -> Arrays.fill(weights, 1.0 / n);
            case POSITION_BASED -> positionBased(weights);
            case TIME_DECAY -> timeDecay(weights, journey, halfLifeDays);
            case W_SHAPED -> wShaped(weights, journey);
        }
        return weights;
    }

    private static void positionBased(double[] weights) {
        int n = weights.length;
        if (n <= 2) {
            Arrays.fill(weights, 1.0 / n);
            return;
        }
        Arrays.fill(weights, 0.2 / (n - 2));
        weights[0] = 0.4;
        weights[n - 1] = 0.4;
    }

    /**
     * Counted from the latest touch instead of the close: the same weights once normalized, and the latest
     * touch keeps weight 1, so a short half-life never underflows every weight to zero.
     */
    private static void timeDecay(double[] weights, Journey journey, double halfLifeDays) {
        List<Instant> times = journey.touchTimes();
        Instant latest = times.get(times.size() - 1);
        for (int i = 0; i < weights.length; i++) {
            double daysBeforeLatest = Duration.between(times.get(i), latest).toSeconds() / SECONDS_PER_DAY;
            weights[i] = Math.pow(2, -daysBeforeLatest / halfLifeDays);
        }
        normalize(weights);
    }

    private static void wShaped(double[] weights, Journey journey) {
        int[] milestones = {0, latestAtOrBefore(journey.touchTimes(), journey.leadCreatedAt()),
                latestAtOrBefore(journey.touchTimes(), journey.dealCreatedAt())};
        boolean[] isMilestone = new boolean[weights.length];
        for (int touch : milestones) {
            if (touch >= 0) {
                weights[touch] += MILESTONE_SHARE;
                isMilestone[touch] = true;
            }
        }
        int others = 0;
        for (boolean milestone : isMilestone) {
            others += milestone ? 0 : 1;
        }
        for (int i = 0; i < weights.length; i++) {
            if (!isMilestone[i]) {
                weights[i] = OTHERS_SHARE / others;
            }
        }
        normalize(weights);
    }

    /** The index of the latest touch at or before {@code moment}, or -1 when there is none (or no moment). */
    private static int latestAtOrBefore(List<Instant> times, Instant moment) {
        int latest = -1;
        if (moment != null) {
            for (int i = 0; i < times.size() && !times.get(i).isAfter(moment); i++) {
                latest = i;
            }
        }
        return latest;
    }

    private static void normalize(double[] weights) {
        double sum = Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
    }

    /**
     * What the models look at: the touch times in chronological order (all at or before the close) and the
     * creation of the deal's primary lead (null without one) and of the deal.
     */
    public record Journey(List<Instant> touchTimes, Instant leadCreatedAt, Instant dealCreatedAt) {
    }
}
