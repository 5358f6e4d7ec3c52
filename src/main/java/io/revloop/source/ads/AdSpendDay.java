package io.revloop.source.ads;

/**
 * One campaign's day on an ad platform, as the platform reports it (values as text; parsed and
 * checked like an import file's row). {@code date} is the platform's reporting day in the account's
 * time zone; {@code cost} is in the account's currency.
 */
public record AdSpendDay(String date, String campaignId, String campaignName, String channel, String impressions,
                         String clicks, String cost, String currency, String conversions, String timeZone) {
}
