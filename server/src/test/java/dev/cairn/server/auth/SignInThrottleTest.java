package dev.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a stepped clock: limit, window, IPv6 prefixes and its memory bound. */
class SignInThrottleTest {
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-02T10:00:00Z"));

    @Test
    void failuresSpreadBeyondTheWindowNeverAddUp() {
        SignInThrottle throttle = new SignInThrottle(clock, 3, Duration.ofMinutes(1), 100);
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
        SignInThrottle throttle = new SignInThrottle(clock, 2, Duration.ofMinutes(1), 100);
        throttle.failed("2001:db8:1:2::1");
        throttle.failed("[2001:db8:1:2:ffff::9]");
        assertThat(throttle.retryAfter("2001:db8:1:2::77")).isPresent();
        assertThat(throttle.retryAfter("2001:db8:1:3::1")).isEmpty();
    }

    @Test
    void itKeepsNoMoreThanItsBound() {
        SignInThrottle throttle = new SignInThrottle(clock, 2, Duration.ofMinutes(1), 50);
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(1));
            throttle.failed("10.1." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(50);
    }
}
