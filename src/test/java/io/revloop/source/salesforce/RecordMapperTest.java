package io.revloop.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.model.CanonicalRow;
import io.revloop.model.ValueParser;
import io.revloop.source.http.HttpLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.unit.DataSize;

/** The mapping of single records and the configuration checks, from the packaged defaults in config/. */
class RecordMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpLimits LIMITS = new HttpLimits(DataSize.ofMegabytes(64), DataSize.ofMegabytes(32));

    @Test
    void aDatedConversionRateBecomesTheBaseCurrencyValueOfOneUnit() throws IOException {
        // the corporate currency is EUR: 1 EUR = 1.25 USD, so 1 USD = 0.8 EUR
        CanonicalRow rate = mapper(Map.of()).map(SObjectType.DATED_CONVERSION_RATE, record("""
                {"Id": "04wQy0000000R01IAF", "IsoCode": "USD", "ConversionRate": 1.25, "StartDate": "2026-03-01",
                 "SystemModstamp": "2026-02-27T08:00:00.000+0000"}"""), RecordMapper.Known.NOTHING);

        assertThat(rate.externalId()).isEqualTo("2026-03-01|USD");
        assertThat(rate.value("date")).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat((BigDecimal) rate.value("rate")).isEqualByComparingTo("0.8");
    }

    @Test
    void anOpportunityOfAMultiCurrencyOrgKeepsItsCurrency() throws IOException {
        CanonicalRow deal = mapper(Map.of()).map(SObjectType.OPPORTUNITY, record("""
                {"Id": "006Qy00000OpP07IAF", "Name": "Acme US", "AccountId": null, "Type": "Renewal",
                 "Amount": 1234.56, "CurrencyIsoCode": "USD", "StageName": "Closed Lost", "IsClosed": true,
                 "IsWon": false, "CloseDate": "2026-03-15", "CreatedDate": "2026-01-15T08:00:00.000+0000",
                 "Owner": null, "SystemModstamp": "2026-03-15T08:00:00.000+0000", "IsDeleted": false}"""),
                RecordMapper.Known.NOTHING);

        assertThat(deal.value("currency")).isEqualTo("USD");
        assertThat((BigDecimal) deal.value("amount")).isEqualByComparingTo("1234.56");
        assertThat(deal.value("type")).isEqualTo("renewal");
        assertThat(deal.value("stage")).isEqualTo("closed_lost");
        assertThat(deal.value("is_won")).isEqualTo(false);
    }

    @Test
    void anUnmappedStageIsKeptInTheCanonicalSpelling() throws IOException {
        SalesforceMappings mappings = new SalesforceMappings(config(Map.of()));

        assertThat(mappings.dealStage("Id. Decision Makers")).isEqualTo("proposal");
        assertThat(mappings.dealStage("Contract Sent / Legal")).isEqualTo("contract_sent_legal");
        assertThat(mappings.leadStage("Nurturing")).isNull();
    }

    @Test
    void aWebsiteBecomesItsDomain() {
        assertThat(RecordMapper.domain("https://www.nordlicht.example/de/")).isEqualTo("nordlicht.example");
        assertThat(RecordMapper.domain("bergmann.example")).isEqualTo("bergmann.example");
        assertThat(RecordMapper.domain("HTTP://Shop.Example.com?x=1")).isEqualTo("shop.example.com");
        assertThat(RecordMapper.domain(" ")).isNull();
    }

    @Test
    void anEnabledSourceWithoutAClientIdStopsTheHubNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of("revloop.sources.salesforce.enabled", "true",
                "revloop.sources.salesforce.refresh-token", "x")))
                .hasStackTraceContaining("revloop.sources.salesforce.client-id is required");
    }

    @Test
    void anEnabledSourceNeedsExactlyOneWayToLogIn() {
        assertThatThrownBy(() -> config(Map.of("revloop.sources.salesforce.enabled", "true",
                "revloop.sources.salesforce.client-id", "id")))
                .hasStackTraceContaining("set exactly one of refresh-token, password");
        assertThatThrownBy(() -> config(Map.of("revloop.sources.salesforce.enabled", "true",
                "revloop.sources.salesforce.client-id", "id", "revloop.sources.salesforce.password", "pw")))
                .hasStackTraceContaining("revloop.sources.salesforce.username is required");
    }

    @Test
    void eachWayToLogInConfiguresTheComponentForItsFlow() throws IOException {
        Path keystore = Files.createTempFile("salesforce-jwt", ".p12");
        try {
            SalesforceLoginConfig jwt = SalesforceConfiguration.component(config(Map.of(
                    "revloop.sources.salesforce.enabled", "true", "revloop.sources.salesforce.client-id", "id",
                    "revloop.sources.salesforce.username", "integration@revloop.example",
                    "revloop.sources.salesforce.jwt-key-file", keystore.toString())), LIMITS).getLoginConfig();
            assertThat(jwt.getType()).isEqualTo(AuthenticationType.JWT);
            assertThat(jwt.getKeystore().getResource()).isEqualTo("file:" + keystore.toAbsolutePath());
            assertThat(jwt.isLazyLogin()).isTrue();
        } finally {
            Files.delete(keystore);
        }
        SalesforceLoginConfig refresh = SalesforceConfiguration.component(config(Map.of(
                "revloop.sources.salesforce.enabled", "true", "revloop.sources.salesforce.client-id", "id",
                "revloop.sources.salesforce.refresh-token", "token")), LIMITS).getLoginConfig();
        assertThat(refresh.getType()).isEqualTo(AuthenticationType.REFRESH_TOKEN);
        assertThat(refresh.getLoginUrl()).isEqualTo("https://login.salesforce.com");
        assertThatThrownBy(() -> config(Map.of("revloop.sources.salesforce.enabled", "true",
                "revloop.sources.salesforce.client-id", "id", "revloop.sources.salesforce.username", "u",
                "revloop.sources.salesforce.jwt-key-file", "/nonexistent/key.p12")))
                .hasStackTraceContaining("revloop.sources.salesforce.jwt-key-file: /nonexistent/key.p12 is not a readable file");
    }

    @Test
    void theConfigurationNeverPrintsItsSecrets() {
        String printed = config(Map.of("revloop.sources.salesforce.client-secret", "s3cret-value",
                "revloop.sources.salesforce.refresh-token", "refresh-value")).toString();

        assertThat(printed).doesNotContain("s3cret-value", "refresh-value").contains("clientSecret=(set)");
    }

    @Test
    void aStageMappingToAnUnknownStageIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new SalesforceMappings(config(Map.of(
                "revloop.sources.salesforce.lead-stages.hot[0]", "Hot"))))
                .hasMessage("revloop.sources.salesforce.lead-stages.hot is not one of "
                        + "[lead, mql, sql, opportunity, customer, disqualified]");
    }

    private static RecordMapper mapper(Map<String, String> overrides) throws IOException {
        ZoneId utc = ZoneId.of("UTC");
        return new RecordMapper(new ValueParser(utc, "EUR"), utc, JSON, new SalesforceMappings(config(overrides)));
    }

    /** The packaged defaults with {@code overrides} on top, bound as the hub binds them. */
    private static RevloopProperties.Salesforce config(Map<String, String> overrides) {
        try {
            MutablePropertySources sources = new MutablePropertySources();
            sources.addFirst(new MapPropertySource("overrides", new HashMap<>(overrides)));
            new YamlPropertySourceLoader().load("defaults", new FileSystemResource("config/application.yml"))
                    .forEach(sources::addLast);
            Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                    new PropertySourcesPlaceholdersResolver(sources));
            return binder.bind("revloop.sources.salesforce", RevloopProperties.Salesforce.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode record(String json) throws IOException {
        return JSON.readTree(json);
    }
}
