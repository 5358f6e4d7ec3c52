package io.revloop.kpi.facts;

/**
 * A feed of data KPIs are computed from, as far as the completeness of a period goes: each reaches up
 * to its newest day, and a period that ends after the newest day of an input its KPI reads is not
 * complete yet. Leads, deals, touchpoints and accounts come from the CRM (or its export) together, so
 * they are one input: a quiet week without a won deal does not hold win rates back while leads keep
 * arriving. Quotas are targets set ahead and FX rates are filled forward; neither is an input here.
 */
public enum KpiInput {
    CRM("crm", "leads, deals and touchpoints", false),
    AD_SPEND("ad_spend", "ad spend", false),
    WEB_TRAFFIC("web_traffic", "web traffic", false),
    /** Non-ad costs are booked per month: a month's row covers the whole month. */
    COSTS("costs", "non-ad costs", true),
    /** MRR is a monthly figure: a month's row covers the whole month. */
    MRR("mrr", "MRR", true),
    SURVEYS("surveys", "survey responses", false);

    private final String id;
    private final String label;
    private final boolean monthly;

    KpiInput(String id, String label, boolean monthly) {
        this.id = id;
        this.label = label;
        this.monthly = monthly;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Whether a row of a day covers the whole month of that day (costs, MRR). */
    public boolean monthly() {
        return monthly;
    }

    public static KpiInput of(String id) {
        for (KpiInput input : values()) {
            if (input.id.equals(id)) {
                return input;
            }
        }
        throw new IllegalArgumentException("unknown KPI input '" + id + "'");
    }
}
