package io.revloop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Google service account keys made for a test: an RSA key pair, and the JSON key file a hub reads. */
public final class ServiceAccountKeys {

    private ServiceAccountKeys() {
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code file}, a key file as Google issues it, of {@code key}'s private key for account {@code email}. */
    public static Path write(Path file, KeyPair key, String email) throws IOException {
        Files.createDirectories(file.getParent());
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getMimeEncoder(64, new byte[] {(byte) 10}).encodeToString(key.getPrivate().getEncoded())
                        .replace("\r", "").replace("\n", "\\n")
                + "\\n-----END PRIVATE KEY-----\\n";
        Files.writeString(file, "{\"type\": \"service_account\", \"project_id\": \"revloop-test\", "
                + "\"private_key_id\": \"k-test-1\", \"private_key\": \"" + pem + "\", \"client_email\": \"" + email
                + "\", \"client_id\": \"100000000000000000001\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}");
        return file;
    }
}
