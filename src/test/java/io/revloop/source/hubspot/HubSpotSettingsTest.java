package io.revloop.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.RevloopProperties;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The revloop.sources.hubspot.* settings as bound from config/application.yml and overrides. */
class HubSpotSettingsTest {

    @Configuration
    @EnableConfigurationProperties(RevloopProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Test
    void defaultsNeedNothingWhileDisabled() {
        hub.run(context -> {
            assertThat(context).hasNotFailed();
            RevloopProperties.Hubspot hubspot = context.getBean(RevloopProperties.class).sources().hubspot();
            assertThat(hubspot.enabled()).isFalse();
            assertThat(hubspot.baseUrl()).isEqualTo(URI.create("https://api.hubapi.com"));
            assertThat(hubspot.searchRate()).isEqualTo(5.0);
            assertThat(hubspot.searchBurst()).isEqualTo(5);
            assertThat(hubspot.searchWindowLimit()).isEqualTo(10_000);
            assertThat(hubspot.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
            HubSpotMappings mappings = new HubSpotMappings(hubspot);
            assertThat(mappings.funnelStage("marketingqualifiedlead")).contains("mql");
            assertThat(mappings.dealStage("closedwon")).contains("won");
            assertThat(mappings.channel("PAID_SOCIAL")).contains("Paid Social");
            assertThat(mappings.channel("paid-social")).contains("Paid Social");
        });
    }

    @Test
    void enabledWithoutATokenStopsTheHubNamingTheKey() {
        hub.withPropertyValues("revloop.sources.hubspot.enabled=true", "revloop.sources.hubspot.access-token=")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("revloop.sources.hubspot.access-token is required when"
                                + " revloop.sources.hubspot.enabled is true"));
    }

    @Test
    void aChannelMappingToAnUnknownChannelStopsTheHubNamingTheKey() {
        hub.withPropertyValues("revloop.sources.hubspot.channels.PAID_SOCIAL=Social Ads")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("revloop.sources.hubspot.channels.")
                        .hasMessageContaining("'Social Ads' is not a channel"));
    }

    @Test
    void aLifecycleStageMappedToAnUnknownStageStopsTheHub() {
        hub.withPropertyValues("revloop.sources.hubspot.lifecycle-stages.evangelist=fan")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("revloop.sources.hubspot.lifecycle-stages.evangelist: 'fan' is not one of"
                                + " [lead, mql, sql, opportunity, customer, disqualified]"));
    }

    @Test
    void aLongestBackoffShorterThanTheFirstStopsTheHub() {
        hub.withPropertyValues("revloop.sources.hubspot.backoff=5s", "revloop.sources.hubspot.max-backoff=2s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("revloop.sources.hubspot.max-backoff (PT2S) must not be shorter than"
                                + " revloop.sources.hubspot.backoff (PT5S)"));
    }

    @Test
    void theSearchRateMustBePositive() {
        hub.withPropertyValues("revloop.sources.hubspot.search-rate=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("field 'sources.hubspot.searchRate': rejected value [0.0]"));
    }
}
