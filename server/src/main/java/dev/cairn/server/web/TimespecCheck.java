package dev.cairn.server.web;

import java.util.List;

/**
 * What a timespec being typed means: its canonical form and next runs, or the error that says
 * what is wrong, or (nothing typed yet) a hint.
 */
public record TimespecCheck(String canonical, List<String> nextRuns, String error, String hint) {
    static TimespecCheck understood(String canonical, List<String> nextRuns) {
        return new TimespecCheck(canonical, nextRuns, null, null);
    }

    static TimespecCheck refused(String error) {
        return new TimespecCheck(null, List.of(), error, null);
    }

    static TimespecCheck empty() {
        return new TimespecCheck(null, List.of(), null, "Write when the job runs, e.g. daily 4am or sundays 8am.");
    }
}
