package io.revloop.kpi.attribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits a deal's revenue into credits proportional to weights, to the cent, so that the credits add up
 * to the revenue exactly: every credit is first rounded toward zero, then the cents left over go one
 * each to the credits that lost the largest fraction, the earlier touch first on a tie (largest
 * remainder method — deterministic, and no credit is more than a cent away from its exact share).
 */
final class RevenueSplit {

    /** Revenue is attributed in cents of the base currency. */
    static final int SCALE = 2;

    private RevenueSplit() {
    }

    /** The deal's revenue as attributed: converted to the base currency, rounded half up to the cent. */
    static BigDecimal toCents(BigDecimal revenue) {
        return revenue.setScale(SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal[] split(BigDecimal revenue, double[] weights) {
        BigDecimal cents = toCents(revenue).movePointRight(SCALE);
        BigDecimal totalWeight = IntStream.range(0, weights.length).mapToObj(i -> BigDecimal.valueOf(weights[i]))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal[] parts = new BigDecimal[weights.length];
        BigDecimal[] lost = new BigDecimal[weights.length];
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i = 0; i < weights.length; i++) {
            BigDecimal exact = cents.multiply(BigDecimal.valueOf(weights[i]))
                    .divide(totalWeight, MathContext.DECIMAL128);
            parts[i] = exact.setScale(0, RoundingMode.DOWN);
            lost[i] = exact.subtract(parts[i]).abs();
            assigned = assigned.add(parts[i]);
        }
        BigDecimal oneCent = BigDecimal.valueOf(cents.signum());
        int leftOver = cents.subtract(assigned).abs().intValueExact();
        Integer[] byLoss = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparing((Integer i) -> lost[i]).reversed().thenComparing(i -> i))
                .toArray(Integer[]::new);
        for (int k = 0; k < leftOver; k++) {
            int i = byLoss[k % byLoss.length];
            parts[i] = parts[i].add(oneCent);
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].movePointLeft(SCALE);
        }
        return parts;
    }
}
