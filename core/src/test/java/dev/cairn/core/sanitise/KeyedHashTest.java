package dev.cairn.core.sanitise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The type-keeping hashes: integers permuted within sign and bit length, text and uuids by HMAC, all keyed. */
final class KeyedHashTest {
    private static final byte[] KEY = "sixteen or more bytes of key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void integersArePermutedWithinTheirBitLengthSoKeysStayUniqueAndInRange() {
        KeyedHash hash = new KeyedHash(KEY);
        Set<Long> seen = new HashSet<>();
        for (long value = 0; value < 1 << 12; value++) {
            long permuted = hash.integer(value);
            assertThat(64 - Long.numberOfLeadingZeros(permuted)).as("bit length of %d's hash", value)
                    .isEqualTo(64 - Long.numberOfLeadingZeros(value));
            seen.add(permuted);
        }
        assertThat(seen).as("a permutation: no two values collide").hasSize(1 << 12);
        assertThat(hash.integer(-5)).isNegative();
        assertThat(hash.integer(Integer.MAX_VALUE)).isBetween(1L << 30, (long) Integer.MAX_VALUE);
        assertThat(hash.integer(Short.MAX_VALUE)).isBetween(1L << 14, (long) Short.MAX_VALUE);
        assertThat(hash.integer(Integer.MIN_VALUE)).isBetween((long) Integer.MIN_VALUE, -(1L << 30));
        assertThat(hash.integer(Long.MAX_VALUE)).isPositive();
        assertThat(hash.integer(Long.MIN_VALUE)).isNegative();
        assertThat(new KeyedHash(KEY).integer(123456789)).isEqualTo(hash.integer(123456789));
        assertThat(new KeyedHash("another key of sixteen bytes".getBytes(StandardCharsets.US_ASCII)).integer(123456789))
                .isNotEqualTo(hash.integer(123456789));
    }

    /** Variants made by different Cairn versions with the same key must agree: these values never change. */
    @Test
    void integerPermutationsAreStableAcrossVersions() {
        KeyedHash hash = new KeyedHash("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        assertThat(hash.integer(2)).isEqualTo(3);
        assertThat(hash.integer(42)).isEqualTo(45);
        assertThat(hash.integer(123456789)).isEqualTo(97429540);
        assertThat(hash.integer(-7)).isEqualTo(-5);
        assertThat(hash.integer(5000000)).isEqualTo(7235513);
        assertThat(hash.integer(Long.MAX_VALUE)).isEqualTo(5213787255577959549L);
    }

    @Test
    void textAndUuidsKeepTheirShape() {
        KeyedHash hash = new KeyedHash(KEY);
        assertThat(hash.text("alice@example.com", 32)).matches("[0-9a-f]{32}").isEqualTo(hash.text("alice@example.com", 32));
        assertThat(hash.text("alice@example.com", 8)).isEqualTo(hash.text("alice@example.com", 32).substring(0, 8));
        assertThat(hash.uuid("6F9619FF-8B86-D011-B42D-00CF4FC964FF").toString())
                .isEqualTo(hash.uuid("6f9619ff-8b86-d011-b42d-00cf4fc964ff").toString())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void maskKeepsTheEndsAndMasksShortValuesWhole() {
        assertThat(JavaRules.mask(new ColumnRule.Mask(2, 2, '*'), "+44 7700 900123")).isEqualTo("+4***********23");
        assertThat(JavaRules.mask(new ColumnRule.Mask(2, 2, '*'), "abcd")).isEqualTo("****");
        assertThat(JavaRules.mask(new ColumnRule.Mask(0, 0, 'x'), "héllo")).isEqualTo("xxxxx");
    }

    @Test
    void personalLookingNames() {
        assertThat(Plan.looksPersonal("email")).isTrue();
        assertThat(Plan.looksPersonal("contactEmail")).isTrue();
        assertThat(Plan.looksPersonal("last_name")).isTrue();
        assertThat(Plan.looksPersonal("ip")).isTrue();
        assertThat(Plan.looksPersonal("client_ip")).isTrue();
        assertThat(Plan.looksPersonal("password_hash")).isTrue();
        assertThat(Plan.looksPersonal("ssn")).isTrue();
        assertThat(Plan.looksPersonal("total")).isFalse();
        assertThat(Plan.looksPersonal("ship_date")).isFalse();
        assertThat(Plan.looksPersonal("description")).isFalse();
    }
}
