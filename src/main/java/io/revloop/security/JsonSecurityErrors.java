package io.revloop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * {@code 401} and {@code 403} as {@code {"error": …}}, like every other API error. A browser asking
 * for a page without a session is sent to the sign-in page instead.
 */
@Component
class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (isPage(request)) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        unauthorized(request, response, "sign in: send Authorization: Bearer <token>");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String message = e instanceof CsrfException
                ? "missing or invalid CSRF token: a request made with the session cookie must send the XSRF-TOKEN"
                  + " cookie's value in the X-XSRF-TOKEN header (or the _csrf form field)"
                : "your token's role may not do this";
        write(response, HttpServletResponse.SC_FORBIDDEN, message);
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"revloop\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    void forbidden(HttpServletResponse response, String message) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, message);
    }

    private void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Map.of("error", message));
    }

    /** Web pages, as opposed to the REST API and the actuator. */
    static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") && !path.equals("/api") && !path.startsWith("/actuator");
    }
}
