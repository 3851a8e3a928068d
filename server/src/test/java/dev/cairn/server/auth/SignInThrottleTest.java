package dev.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.SignInFailures;
import dev.cairn.core.catalog.Catalog;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throttle's arithmetic on a stepped clock over a real (SQLite) catalog: limit, window, IPv6
 * prefixes, user names, a second server on the same catalog, and its bound.
 */
class SignInThrottleTest {
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-02T10:00:00Z"));
    @TempDir
    Path root;
    private Catalog catalog;
    private SignInFailures failures;

    @BeforeEach
    void open() {
        catalog = Catalog.sqlite(root);
        failures = new SignInFailures(catalog.jdbi());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void failuresSpreadBeyondTheWindowNeverAddUp() {
        SignInThrottle throttle = new SignInThrottle(failures, clock, 3, Duration.ofMinutes(1), 100);
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
        throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfter("10.0.0.1")).hasValue(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(59));
        throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfter("10.0.0.1")).as("failures while refused do not extend it").hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("10.0.0.1")).isEmpty();
    }

    @Test
    void anIpv6HostIsCountedByItsPrefix() {
        SignInThrottle throttle = new SignInThrottle(failures, clock, 2, Duration.ofMinutes(1), 100);
        throttle.failed("2001:db8:1:2::1");
        throttle.failed("[2001:db8:1:2:ffff::9]");
        assertThat(throttle.retryAfter("2001:db8:1:2::77")).isPresent();
        assertThat(throttle.retryAfter("2001:db8:1:3::1")).isEmpty();
    }

    @Test
    void aUserNameIsRefusedWhateverAddressTriesItAndWhetherOrNotItExists() {
        SignInThrottle throttle = new SignInThrottle(failures, clock, 3, Duration.ofMinutes(5), 100);
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0." + i, "Fred");
        }
        assertThat(throttle.refusal("10.9.9.9", "fred")).hasValueSatisfying(refusal -> {
            assertThat(refusal.why()).isEqualTo("too many failed sign-ins for this user name");
            assertThat(refusal.seconds()).isEqualTo(300);
        });
        assertThat(throttle.refusal("10.9.9.9", "wilma")).isEmpty();
        assertThat(throttle.refusal("10.0.0.1", null)).as("each address failed once only").isEmpty();
    }

    @Test
    void aSecondServerOnTheSameCatalogRefusesTheSameAddress() {
        SignInThrottle first = new SignInThrottle(failures, clock, 2, Duration.ofMinutes(5), 100);
        SignInThrottle second = new SignInThrottle(new SignInFailures(catalog.jdbi()), clock, 2, Duration.ofMinutes(5), 100);
        first.failed("10.0.0.1");
        second.failed("10.0.0.1");
        assertThat(first.retryAfter("10.0.0.1")).isPresent();
        assertThat(second.retryAfter("10.0.0.1")).isPresent();
    }

    @Test
    void itKeepsNoMoreThanItsBound() {
        SignInThrottle throttle = new SignInThrottle(failures, clock, 2, Duration.ofMinutes(1), 50);
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofMillis(1));
            throttle.failed("10.1." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(50);
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("10.2.0.1");
        assertThat(throttle.size()).as("ended entries are forgotten").isEqualTo(1);
    }
}
