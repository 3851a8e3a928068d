package dev.cairn.core.keys;

import dev.cairn.core.CairnException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets (endpoint passwords) for the catalog with AES-256-GCM under a key derived
 * from the core's identity: {@code sealed:v1:<base64 of nonce and ciphertext>}.
 */
public final class SecretBox {
    private static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new CairnException.Failure("cannot seal a secret: " + e.getMessage(), e);
        }
    }

    /** Whether {@code text} is a sealed value. */
    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    public String open(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CairnException.Failure("cannot open a sealed secret (was cairn.key replaced?)", e);
        }
    }
}
