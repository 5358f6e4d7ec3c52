package io.revloop.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Browser sign-in. {@code GET /login?token=<token>} (the link the hub prints at first start) or the
 * form of {@code GET /login} exchanges a token for a session: a new session id, an HttpOnly,
 * SameSite=Strict cookie, and a redirect to {@code /}. The token is not kept in the session.
 */
@RestController
public class LoginController {

    static final int MAX_TOKEN_LENGTH = 512;

    private final ApiTokens tokens;
    private final CsrfTokenRepository csrfTokens;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    public LoginController(ApiTokens tokens, CsrfTokenRepository csrfTokens) {
        this.tokens = tokens;
        this.csrfTokens = csrfTokens;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> signIn(@RequestParam(required = false) String token, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (token == null) {
            String note = request.getParameter("signed-out") != null ? "You are signed out." : null;
            return page(HttpStatus.OK, request, note);
        }
        return exchange(token, request, response);
    }

    @PostMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> signInWithForm(@RequestParam(defaultValue = "") String token,
                                                 HttpServletRequest request, HttpServletResponse response) {
        return exchange(token, request, response);
    }

    private ResponseEntity<String> exchange(String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<ApiTokens.Caller> caller = token.length() > MAX_TOKEN_LENGTH ? Optional.empty()
                : tokens.authenticate(token.strip());
        if (caller.isEmpty()) {
            return page(HttpStatus.UNAUTHORIZED, request, "That token is not valid. Ask your revloop admin for one.");
        }
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(BearerTokenFilter.authentication(caller.get()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        // a CSRF token from before the sign-in is not carried into the session; the next page gets a new one
        csrfTokens.saveToken(null, request, response);
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", request.getContextPath() + "/").build();
    }

    private static ResponseEntity<String> page(HttpStatus status, HttpServletRequest request, String message) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String hidden = csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
        String notice = message == null ? "" : "<p role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>";
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in · revloop</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#f4f5f7;color:#1d2330}
                main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;width:min(26rem,90vw)}
                label{display:block;margin:.8rem 0 .3rem;font-weight:600}
                input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #767f8f;border-radius:4px}
                button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem;background:#1f5fbf;color:#fff;border:0;border-radius:4px;cursor:pointer}
                p[role=alert]{color:#a3101b}
                </style></head>
                <body><main>
                <h1>revloop</h1>
                {{notice}}
                <form method="post" action="login">
                {{csrf}}
                <label for="token">API token</label>
                <input type="password" id="token" name="token" autocomplete="current-password" required autofocus>
                <button type="submit">Sign in</button>
                </form>
                <p><small>The hub prints a sign-in link at its first start; the token is also in <code>data/admin-token</code>.</small></p>
                </main></body></html>
                """.replace("{{notice}}", notice).replace("{{csrf}}", hidden);
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }
}
