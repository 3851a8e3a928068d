package dev.cairn.core.sanitise;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of realistic value the {@code fake} rule makes. */
public enum FakeKind {
    NAME, FIRST_NAME, LAST_NAME, EMAIL, PHONE, ADDRESS, STREET, CITY, POSTCODE, COUNTRY, COMPANY, IBAN, USERNAME, TEXT;

    /** The kind written as {@code name} in a rules document ({@code first_name}, {@code email}, …). */
    public static FakeKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fake kind '" + name + "', expected one of " + names());
        }
    }

    /** The kind as written in a rules document. */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String names() {
        return Arrays.stream(values()).map(FakeKind::written).collect(Collectors.joining(", "));
    }
}
