package io.revloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Origin} header names another site than the hub itself (as the
 * request reached it, or as {@code revloop.public-url} names it): a page elsewhere cannot make a
 * signed-in browser read or change anything here. Requests without {@code Origin} (scripts, curl,
 * top-level navigation) pass on to authentication.
 */
final class SameOriginFilter extends OncePerRequestFilter {

    private final String publicOrigin;
    private final JsonSecurityErrors errors;

    SameOriginFilter(URI publicUrl, JsonSecurityErrors errors) {
        this.publicOrigin = origin(publicUrl.getScheme(), publicUrl.getHost(), publicUrl.getPort());
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !isOwn(origin, request)) {
            errors.forbidden(response, "cross-origin request refused: Origin " + abbreviate(origin)
                    + " is not this hub");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isOwn(String origin, HttpServletRequest request) {
        String given;
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            given = origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
        String own = origin(request.getScheme(), request.getServerName(), request.getServerPort());
        return given.equals(own) || given.equals(publicOrigin);
    }

    private static String origin(String scheme, String host, int port) {
        String lowerScheme = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        int effectivePort = port != -1 ? port : "https".equals(lowerScheme) ? 443 : 80;
        return lowerScheme + "://" + (host == null ? "" : host.toLowerCase(Locale.ROOT)) + ":" + effectivePort;
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
