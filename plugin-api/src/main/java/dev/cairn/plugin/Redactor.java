package dev.cairn.plugin;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of one task and how they are masked in its log: every {@link TaskContext} keeps
 * one. Safe to use from several threads.
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

    /** {@code text} with every secret masked, longest first, so that a secret holding another is masked whole. */
    public String mask(String text) {
        String masked = text;
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(secret, mask);
        }
        return masked;
    }
}
