package dev.cairn.plugins.postgres;

import dev.cairn.plugin.PluginException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A password as PostgreSQL stores it for scram-sha-256 ({@code SCRAM-SHA-256$4096:salt$stored:server},
 * RFC 5802/7677), computed here as psql's {@code \password} does, so that the password itself never
 * reaches the server, its log or a command line.
 */
final class ScramVerifier {
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramVerifier() {
    }

    static String of(String password) {
        if (password.isEmpty()) {
            throw new PluginException("an instance password must not be empty");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            // PostgreSQL SASLprep's a password; for ASCII that changes nothing, NFKC is its core otherwise
            String prepared = password.chars().allMatch(c -> c < 128) ? password : Normalizer.normalize(password, Normalizer.Form.NFKC);
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(prepared.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + ITERATIONS + ":" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new PluginException("cannot compute a SCRAM-SHA-256 verifier: " + e.getMessage(), e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
