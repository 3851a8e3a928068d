package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords, hashed with Argon2id (Bouncy Castle) into a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, OWASP's minimum), never reversible.
 *
 * <p>Each hash takes 19 MiB for a few tens of milliseconds; at most {@link #AT_ONCE} run at once, so
 * a flood of sign-ins queues here instead of growing the heap. {@link #verifyNothing} spends the same
 * time when there is no user, so that timing does not tell whether a user exists.
 */
public final class PasswordHash {
    static final int AT_ONCE = 2;
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 1024;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Semaphore SLOTS = new Semaphore(AT_ONCE, true);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final String DUMMY = hash("not a password of anyone's");

    private PasswordHash() {
    }

    /** Refuses a password too short or too long to be one, saying which. */
    public static void checkStrength(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new CairnException.InvalidInput("password must be at least " + MIN_LENGTH + " characters, got "
                    + (password == null ? 0 : password.length()));
        }
        if (password.length() > MAX_LENGTH) {
            throw new CairnException.InvalidInput("password must be at most " + MAX_LENGTH + " characters, got "
                    + password.length());
        }
    }

    /** A new salted hash of {@code password}. */
    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, 32);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code phc}; a malformed or absent hash matches nothing. */
    public static boolean verify(String password, String phc) {
        if (password == null || password.length() > MAX_LENGTH) {
            verifyNothing();
            return false;
        }
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            verifyNothing();
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory > 262_144 || iterations > 10 || parallelism > 4) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one verification, for a sign-in whose user does not exist. */
    public static void verifyNothing() {
        Matcher m = PHC.matcher(DUMMY);
        if (m.matches()) {
            derive("x", Base64.getDecoder().decode(m.group(4)), MEMORY_KIB, ITERATIONS, PARALLELISM, 32);
        }
    }

    private static byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory)
                .withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        SLOTS.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            SLOTS.release();
        }
        return out;
    }
}
