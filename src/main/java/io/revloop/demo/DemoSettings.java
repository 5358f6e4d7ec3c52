package io.revloop.demo;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the demo data set looks like: the same settings always give byte-identical files.
 *
 * @param seed           seed of every random stream of the generator
 * @param leads          number of leads created in the 365 days ending at {@code endDate} (at least 1)
 * @param endDate        last day of the data set; nothing happens after the end of that day (UTC)
 * @param baseCurrency   the reporting currency, e.g. {@code EUR}; fx rates are units of it per unit of
 *                       {@code secondCurrency}
 * @param secondCurrency the other currency used by US accounts and Google Ads, e.g. {@code USD}
 */
public record DemoSettings(long seed, int leads, LocalDate endDate, String baseCurrency, String secondCurrency) {

    public DemoSettings {
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        Objects.requireNonNull(secondCurrency, "secondCurrency");
        if (leads < 1) {
            throw new IllegalArgumentException("leads must be at least 1, was " + leads);
        }
        if (!baseCurrency.matches("[A-Z]{3}") || !secondCurrency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currencies must be ISO 4217 codes: " + baseCurrency + ", " + secondCurrency);
        }
        if (baseCurrency.equals(secondCurrency)) {
            throw new IllegalArgumentException("baseCurrency and secondCurrency must differ");
        }
    }
}
