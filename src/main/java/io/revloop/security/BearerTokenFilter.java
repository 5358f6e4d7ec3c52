package io.revloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <token>}. A header that is not a
 * bearer token, or a token the hub does not know, is answered {@code 401} at once (no fallback to a
 * session). Bearer calls never create a session.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String PREFIX = "bearer ";

    private final ApiTokens tokens;
    private final JsonSecurityErrors errors;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(ApiTokens tokens, JsonSecurityErrors errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    /** Whether the request authenticates with a bearer token (and is therefore exempt from CSRF checks). */
    static boolean hasBearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!hasBearerToken(request)) {
            errors.unauthorized(request, response, "use Authorization: Bearer <token>");
            return;
        }
        var caller = tokens.authenticate(header.substring(PREFIX.length()).strip());
        if (caller.isEmpty()) {
            errors.unauthorized(request, response, "the token is not valid");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication(caller.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    static UsernamePasswordAuthenticationToken authentication(ApiTokens.Caller caller) {
        return UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority(caller.role().authority())));
    }
}
