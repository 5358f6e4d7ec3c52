package io.revloop.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/kpis.md is rendered from the catalogue; this fails when the two have drifted apart. */
class KpiDocsTest {

    private static final Path DOCS = Path.of("docs", "kpis.md");

    @Test
    void docsMatchTheCatalogue() throws IOException {
        String rendered = KpiDocs.render(new KpiCatalog(new BigDecimal("0.8")).all());
        if (Boolean.getBoolean("revloop.docs.write")) {
            Files.writeString(DOCS, rendered);
        }
        assertThat(Files.exists(DOCS)).as("docs/kpis.md exists").isTrue();
        assertThat(Files.readString(DOCS))
                .as("docs/kpis.md is out of date: mvn -q test -Dtest=KpiDocsTest -Drevloop.docs.write=true")
                .isEqualTo(rendered);
    }

    @Test
    void everyKpiOfTheCatalogueIsDefined() {
        // every id of the catalogue (kpi-catalog.md)
        KpiCatalog catalog = new KpiCatalog(new BigDecimal("0.8"));
        for (String id : new String[] {"new_leads", "new_mqls", "new_sqls", "new_opportunities", "deals_won",
                "deals_lost", "won_revenue", "ad_spend", "marketing_cost", "sales_cost", "new_customers", "sessions",
                "bounce_rate", "avg_session_duration", "pages_per_session", "visitor_to_lead_rate", "cost_per_lead",
                "cost_per_mql", "cost_per_sql", "lead_quality_score", "lead_quality_distribution",
                "lead_to_mql_rate", "mql_to_sql_rate", "sql_to_opportunity_rate", "win_rate",
                "lead_to_customer_rate", "time_to_conversion", "lead_response_time", "lead_velocity_rate",
                "content_engagement_rate", "email_response_rate", "channel_saturation_index", "pipeline_value",
                "pipeline_velocity", "sales_cycle_length", "avg_deal_size", "quota_attainment",
                "customer_retention_rate", "churn_rate", "revenue_churn_rate", "net_revenue_retention",
                "gross_revenue_retention", "expansion_revenue_rate", "nps", "csat", "mrr", "arr", "roi", "cac", "clv",
                "clv_cac_ratio", "cac_payback_months", "marketing_attributed_revenue", "roas", "romi", "channel_roi",
                "lead_gen_roi", "lead_value_index", "pipeline_coverage", "time_to_value", "lead_engagement_score"}) {
            assertThat(catalog.find(id)).as(id).isPresent();
        }
    }
}
