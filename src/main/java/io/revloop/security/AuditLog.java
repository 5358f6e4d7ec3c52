package io.revloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One line on the {@code revloop.audit} logger for every state-changing call: who (the token's
 * name, never the token), what (method, path and query) and how it ended (status). Wraps the whole
 * security chain, so refused calls are recorded too.
 */
final class AuditLog extends OncePerRequestFilter {

    private static final Logger audit = LoggerFactory.getLogger("revloop.audit");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    static final String CALLER = AuditLog.class.getName() + ".caller";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (READS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            Object caller = request.getAttribute(CALLER);
            String query = request.getQueryString();
            audit.info("caller={} action=\"{} {}\" status={} remote={}",
                    caller == null ? "(none)" : caller, request.getMethod(),
                    printable(request.getRequestURI() + (query == null ? "" : "?" + query)),
                    response.getStatus(), request.getRemoteAddr());
        }
    }

    /** Remembers who the request acts as, for the audit line written after the chain. Runs inside the chain. */
    static final class Caller extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof ApiTokens.Caller caller) {
                request.setAttribute(CALLER, caller.name() + " (" + caller.role().label() + ")");
            }
            chain.doFilter(request, response);
        }
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) + "…" : cleaned;
    }
}
