package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"3600, 3600", "90m, 5400", "12h, 43200", "7d, 604800", "4w, 2419200", "30s, 30", "7D, 604800"})
    void readsSecondsAndUnits(String text, long seconds) {
        assertThat(DurationText.parseSeconds(text)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7x", "-5", "1.5h", "d", "h12", "99999999999999999999w"})
    void refusesWhatIsNotAWholeDuration(String text) {
        assertThatThrownBy(() -> DurationText.parseSeconds(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"604800, 1w", "86400, 1d", "1209600, 2w", "90000, 25h", "5400, 90m", "61, 61s", "0, 0s"})
    void writesTheLargestUnitThatDividesExactly(long seconds, String text) {
        assertThat(DurationText.format(seconds)).isEqualTo(text);
    }
}
