package io.revloop.security;

import io.revloop.PrivateFiles;
import io.revloop.RevloopProperties;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the quickstart one command: when no API token is configured, the hub makes an admin token
 * at first start, stores only its SHA-256 in the store, writes the token to
 * {@code <data-dir>/admin-token} (owner-only) and logs a ready-to-click sign-in link once. Later
 * starts reuse it while the file still holds it; delete the file and restart to get a new one.
 * Once tokens are configured, the generated one is removed and no longer accepted.
 */
@Component
public class FirstStartAdminToken {

    static final String NAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstStartAdminToken.class);
    private static final URI DEFAULT_PUBLIC_URL = URI.create("http://localhost:8080");

    /** The generated token's name and digest. */
    record Generated(String name, byte[] sha256) {
    }

    private final JdbcTemplate jdbc;
    private final Path tokenFile;
    private final URI publicUrl;
    private String newToken;
    private boolean reused;

    public FirstStartAdminToken(JdbcTemplate jdbc, RevloopProperties properties) {
        this.jdbc = jdbc;
        this.tokenFile = properties.dataDir().resolve("admin-token");
        this.publicUrl = properties.publicUrl();
    }

    Path tokenFile() {
        return tokenFile;
    }

    /** The admin token to accept when none is configured: the stored one if its file still holds it, else a new one. */
    Generated adminToken() {
        List<String> stored = jdbc.queryForList("SELECT sha256 FROM api_tokens WHERE name = ?", String.class, NAME);
        String onFile = readTokenFile();
        if (!stored.isEmpty() && onFile != null && HexFormat.of().formatHex(ApiTokens.sha256(onFile)).equals(stored.get(0))) {
            Redactor.register(onFile);
            reused = true;
            return new Generated(NAME, ApiTokens.sha256(onFile));
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        byte[] digest = ApiTokens.sha256(token);
        writeTokenFile(token);
        jdbc.update("DELETE FROM api_tokens WHERE name = ?", NAME);
        jdbc.update("INSERT INTO api_tokens (name, role, sha256, created_at) VALUES (?, ?, ?, ?)", NAME,
                Role.ADMIN.label(), HexFormat.of().formatHex(digest), OffsetDateTime.now());
        newToken = token;
        return new Generated(NAME, digest);
    }

    /** Configured tokens replace a generated admin token. */
    void configuredTokensTakeOver() {
        if (jdbc.update("DELETE FROM api_tokens WHERE name = ?", NAME) > 0) {
            log.info("API tokens are configured: the admin token generated at first start is no longer accepted");
            try {
                Files.deleteIfExists(tokenFile);
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", tokenFile, e.getMessage());
            }
        }
    }

    /** The sign-in link, once the port is known; the token itself only the first time. */
    @EventListener
    public void announce(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            return;
        }
        String base = (DEFAULT_PUBLIC_URL.equals(publicUrl)
                ? "http://localhost:" + event.getWebServer().getPort() : publicUrl.toString()).replaceAll("/+$", "");
        if (newToken != null) {
            log.info("No API token is configured, so an admin token was made and written to {} (readable by you only)."
                    + " Sign in: {}/login?token={}", tokenFile, base, newToken);
            Redactor.register(newToken);
            newToken = null;
        } else if (reused) {
            log.info("No API token is configured; the admin token is in {}. Sign in: {}/login?token=$(cat {})",
                    tokenFile, base, tokenFile);
        }
    }

    private String readTokenFile() {
        try {
            return Files.isRegularFile(tokenFile) ? Files.readString(tokenFile, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void writeTokenFile(String token) {
        try {
            PrivateFiles.createDirectories(tokenFile.toAbsolutePath().getParent());
            try (BufferedWriter writer = PrivateFiles.newWriter(tokenFile)) {
                writer.write(token + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated admin token to " + tokenFile, e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
