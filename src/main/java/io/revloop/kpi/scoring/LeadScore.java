package io.revloop.kpi.scoring;

/** A lead's score: the points of each criterion (each capped at its maximum), their sum and band. */
public record LeadScore(int companyFit, int contactFit, int engagement, int intent, int bant) {

    public int total() {
        return companyFit + contactFit + engagement + intent + bant;
    }

    /** 0–39 not_qualified · 40–69 mql · 70–89 sql · 90–100 hot (seed 003). */
    public String band() {
        int score = total();
        return score >= 90 ? "hot" : score >= 70 ? "sql" : score >= 40 ? "mql" : "not_qualified";
    }
}
