package dev.cairn.plugin;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of one task and how they are masked in its log: every {@link TaskContext} keeps
 * one. Safe to use from several threads.
 *
 * <p>A secret is masked where it stands as a whole token: not where it is only part of a longer
 * word or number. A password {@code postgres} is masked in {@code postgres:postgres@db} but not in
 * {@code /usr/lib/postgresql}, so the log stays readable and does not tell its readers which words
 * the password is made of. A secret that is also the value of one of the endpoint's public fields
 * (a password equal to the user name) cannot be hidden by masking: the log shows that value
 * anyway, and masking it would only announce the equality (see {@link Endpoint#secrets()}).
 */
public final class Redactor {
    /** How task logs show a secret. */
    public static final String MASK = "********";
    private final String mask;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** A redactor that shows each secret as {@code mask}. */
    public Redactor(String mask) {
        this.mask = mask;
    }

    /** Masks {@code secret} from now on; null and empty are ignored. */
    public void add(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    /** {@code text} with every secret masked where it stands whole, longest first, so that a secret holding another is masked whole. */
    public String mask(String text) {
        List<String> ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String masked = text;
        for (String secret : ordered) {
            masked = maskWhole(masked, secret);
        }
        return masked;
    }

    private String maskWhole(String text, String secret) {
        StringBuilder out = null;
        int from = 0;
        for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
            int end = at + secret.length();
            if (at < from || !standsAlone(text, at, end, secret)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, from, at).append(mask);
            from = end;
        }
        return out == null ? text : out.append(text, from, text.length()).toString();
    }

    /**
     * Whether the secret at {@code [start, end)} is not glued to a letter or digit on either side.
     * A secret that itself begins or ends with a letter or digit must be bounded there by something
     * else; one that begins or ends with punctuation is masked wherever it occurs on that side.
     */
    private static boolean standsAlone(String text, int start, int end, String secret) {
        boolean left = start == 0 || !isWordChar(secret.codePointAt(0))
                || !isWordChar(text.codePointBefore(start));
        boolean right = end == text.length() || !isWordChar(secret.codePointBefore(secret.length()))
                || !isWordChar(text.codePointAt(end));
        return left && right;
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }
}
