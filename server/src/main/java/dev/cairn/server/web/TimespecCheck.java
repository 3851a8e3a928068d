package dev.cairn.server.web;

import java.util.List;

/** What a timespec being typed means: its canonical form and next runs, or the error that says what is wrong. */
public record TimespecCheck(String canonical, List<String> nextRuns, String error) {
}
