package io.revloop.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revloop.source.http.ServerLinks.UnexpectedLinkException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What a server may hand back to be requested again. */
class ServerLinksTest {

    private static final URI META = URI.create("https://graph.facebook.com");
    private static final String INSIGHTS = "/v21.0/act_555000111/insights";

    @Test
    void pagingTokensAreOpaqueUrlSafeOrBase64Text() {
        // HubSpot ids and offsets, Meta's and LinkedIn's base64 cursors
        assertThat(ServerLinks.token("HubSpot", "paging.next.after", "1003")).isEqualTo("1003");
        assertThat(ServerLinks.token("HubSpot", "paging.next.after", "NTI1Cg==")).isEqualTo("NTI1Cg==");
        assertThat(ServerLinks.token("Meta", "paging.cursors.after", "QVFIUkx3-_a/b+c")).isEqualTo("QVFIUkx3-_a/b+c");
        assertThat(ServerLinks.token("LinkedIn", "metadata.nextPageToken", null)).isNull();
        assertThat(ServerLinks.token("LinkedIn", "metadata.nextPageToken", " ")).isNull();

        assertThatThrownBy(() -> ServerLinks.token("HubSpot", "paging.next.after", "https://evil.example/x?y=1"))
                .isInstanceOf(UnexpectedLinkException.class)
                .hasMessage("HubSpot answered a paging.next.after that is not a paging token"
                        + " ('https://evil.example/x?y=1'); no request was sent with it");
        assertThatThrownBy(() -> ServerLinks.token("HubSpot", "paging.next.after", "12&archived=true"))
                .isInstanceOf(UnexpectedLinkException.class);
        assertThatThrownBy(() -> ServerLinks.token("HubSpot", "paging.next.after", "x".repeat(1025)))
                .isInstanceOf(UnexpectedLinkException.class);
    }

    @Test
    void aNextLinkMustKeepTheConfiguredSchemeHostPortAndPath() {
        ServerLinks.requireSameEndpoint("Meta", "paging.next", "https://graph.facebook.com" + INSIGHTS
                + "?after=QVFI&limit=500", META, INSIGHTS);
        ServerLinks.requireSameEndpoint("Meta", "paging.next", "https://GRAPH.facebook.com:443" + INSIGHTS, META, INSIGHTS);

        for (String link : new String[] {"https://graph.facebook.com.evil.example" + INSIGHTS,
                "https://evil.example" + INSIGHTS, "http://graph.facebook.com" + INSIGHTS,
                "https://graph.facebook.com:8443" + INSIGHTS, "https://graph.facebook.com@evil.example" + INSIGHTS,
                "https://graph.facebook.com/v21.0/act_999/insights", "https://graph.facebook.com/v21.0/act_555000111/../me",
                INSIGHTS + "?after=QVFI", "not a url"}) {
            assertThatThrownBy(() -> ServerLinks.requireSameEndpoint("Meta", "paging.next", link, META, INSIGHTS))
                    .as(link).isInstanceOf(UnexpectedLinkException.class)
                    .hasMessageStartingWith("Meta answered a paging.next outside https://graph.facebook.com" + INSIGHTS)
                    .hasMessageEndingWith("; no request was sent to it");
        }
    }
}
