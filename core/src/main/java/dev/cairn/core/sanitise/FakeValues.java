package dev.cairn.core.sanitise;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Realistic values from Datafaker, each chosen by a seed (the keyed hash of the original), so the
 * same original gives the same fake everywhere. E-mail addresses are made at the reserved
 * {@code example.com}/{@code .net}/{@code .org} domains and carry a few hex digits of the seed, so
 * they never reach a real person and rarely collide. Not thread-safe: one instance per thread.
 */
final class FakeValues {
    private static final String[] EXAMPLE_DOMAINS = {"example.com", "example.net", "example.org"};
    private final Random random = new Random(0);
    private final Faker faker = new Faker(Locale.ENGLISH, random);

    String make(FakeKind kind, long seed, String original) {
        random.setSeed(seed);
        return switch (kind) {
            case NAME -> faker.name().fullName();
            case FIRST_NAME -> faker.name().firstName();
            case LAST_NAME -> faker.name().lastName();
            case EMAIL -> localPart() + "." + HexFormat.of().toHexDigits((int) seed).substring(0, 6) + "@"
                    + EXAMPLE_DOMAINS[Math.floorMod(seed >>> 32, EXAMPLE_DOMAINS.length)];
            case PHONE -> faker.phoneNumber().phoneNumber();
            case ADDRESS -> faker.address().fullAddress();
            case STREET -> faker.address().streetAddress();
            case CITY -> faker.address().city();
            case POSTCODE -> faker.address().zipCode();
            case COUNTRY -> faker.address().country();
            case COMPANY -> faker.company().name();
            case IBAN -> faker.finance().iban();
            case USERNAME -> localPart();
            case TEXT -> text(original.length());
        };
    }

    private String localPart() {
        String name = (faker.name().firstName() + "." + faker.name().lastName()).toLowerCase(Locale.ROOT);
        return name.replaceAll("[^a-z0-9.]", "");
    }

    /** Lorem ipsum about as long as the original (at least one word), so free text keeps its shape. */
    private String text(int length) {
        StringBuilder text = new StringBuilder(faker.lorem().sentence());
        while (text.length() < length) {
            text.append(' ').append(faker.lorem().sentence());
        }
        if (text.length() > Math.max(length, 1)) {
            int cut = text.lastIndexOf(" ", Math.max(length, 1));
            text.setLength(cut > 0 ? cut : Math.max(length, 1));
        }
        return text.toString();
    }
}
