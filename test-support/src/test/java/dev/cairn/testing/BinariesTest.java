package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class BinariesTest {

    @Test
    void findsAProgramOnThePath() {
        assertThat(Binaries.require("sh", "dash")).isExecutable();
    }

    @Test
    void aMissingProgramSkipsLocallyAndFailsUnderCi() {
        String ci = System.getenv("CI");
        Class<? extends Throwable> expected = ci == null || ci.isEmpty() ? TestAbortedException.class : AssertionError.class;

        assertThatThrownBy(() -> Binaries.require("cairn-no-such-program", "cairn-example-package"))
                .isInstanceOf(expected)
                .hasMessageContaining("cairn-no-such-program not installed: apt-get install cairn-example-package");
    }
}
