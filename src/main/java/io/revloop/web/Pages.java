package io.revloop.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web app's page addresses (a public contract: Slack links open them). Each shows the same page,
 * {@code src/main/resources/static/pages/app.html}, whose script ({@code assets/main.js}) loads the
 * address's own; the browser keeps the address and its query (for example
 * {@code /kpis?kpi=win_rate&grain=month}), which the page's script reads.
 */
@Configuration
public class Pages implements WebMvcConfigurer {

    public static final List<String> PATHS = List.of("/", "/funnel", "/attribution", "/kpis", "/syncs", "/sources",
            "/alerts");

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        PATHS.forEach(path -> registry.addViewController(path).setViewName("forward:/pages/app.html"));
    }
}
