package dev.cairn.plugins.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Client key pairs made for a test, and their private keys as the text an operator pastes into
 * {@code private_key}: OpenSSH's own format (what {@code ssh-keygen} writes today) and PKCS#8 PEM.
 */
final class ClientKeys {

    private ClientKeys() {
    }

    /** A key pair of an SSH key type such as {@code ssh-ed25519} or {@code ssh-rsa}. */
    static KeyPair generate(String keyType, int bits) {
        try {
            return KeyUtils.generateKeyPair(keyType, bits);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("cannot make a " + keyType + " key", e);
        }
    }

    /** An unencrypted key in the {@code -----BEGIN OPENSSH PRIVATE KEY-----} format. */
    static String openSsh(KeyPair key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "cairn-test", null, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot write the test key", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A key in the {@code -----BEGIN PRIVATE KEY-----} (PKCS#8) format. */
    static String pkcs8(KeyPair key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
