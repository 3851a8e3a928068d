package dev.cairn.plugins.sftp;

import dev.cairn.plugin.PluginException;
import java.security.PublicKey;
import java.util.Locale;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * The fingerprint of the one host key an sftp server may present, as {@code ssh-keygen -lf} prints
 * it: {@code SHA256:} and unpadded base64, or {@code MD5:} and hex pairs.
 *
 * @param fingerprint the fingerprint, without base64 padding
 */
record HostKeyPin(String fingerprint) {

    /**
     * Reads a fingerprint from text that holds one, such as a whole {@code ssh-keygen -lf} line
     * ({@code 256 SHA256:abc… root@host (ED25519)}).
     */
    static HostKeyPin parse(String text) {
        for (String token : text.trim().split("\\s+")) {
            String upper = token.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SHA256:") || upper.startsWith("SHA512:") || upper.startsWith("SHA1:")) {
                String digest = upper.substring(0, upper.indexOf(':'));
                String value = token.substring(digest.length() + 1).replaceAll("=+$", "");
                return new HostKeyPin(digest + ":" + value);
            }
            if (upper.startsWith("MD5:")) {
                return new HostKeyPin("MD5:" + token.substring(4).toLowerCase(Locale.ROOT));
            }
        }
        throw new PluginException("sftp endpoint field 'host_key' must be a host key fingerprint such as"
                + " SHA256:… (as ssh-keygen -lf prints it), got " + text);
    }

    /** Whether {@code key} is the pinned one. */
    boolean matches(PublicKey key) {
        return KeyUtils.checkFingerPrint(fingerprint, key).getKey();
    }

    /** The SHA-256 fingerprint of {@code key}, in the form to pin. */
    static String fingerprintOf(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    @Override
    public String toString() {
        return fingerprint;
    }
}
