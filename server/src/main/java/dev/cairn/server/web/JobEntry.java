package dev.cairn.server.web;

import dev.cairn.core.catalog.Job;
import java.util.List;
import java.util.UUID;

/**
 * What the job form holds: a saved job's values, or the text just posted, so that a refused form
 * comes back as it was sent. Items are uuids as text; {@code copies} are the stores ticked;
 * {@code variants} the sanitised variants' names, separated by commas or spaces.
 */
public record JobEntry(String name, String summary, String target, String store, String schedule, String retention,
                       String priority, List<String> copies, boolean verify, String variants) {
    static final int DEFAULT_PRIORITY = 50;

    /** A new job's form: nothing chosen, the default priority. */
    static JobEntry blank() {
        return new JobEntry("", "", "", "", "", "", String.valueOf(DEFAULT_PRIORITY), List.of(), false, "");
    }

    /** The values of saved job {@code j}. */
    static JobEntry of(Job j) {
        return new JobEntry(j.name(), j.summary(), j.target().toString(), j.store().toString(), j.schedule().toString(),
                j.retention().toString(), String.valueOf(j.priority()), j.copies().stream().map(UUID::toString).toList(),
                j.verify(), String.join(", ", j.variants()));
    }

    /** The variant names in {@code text}: separated by commas or white space, empty ones left out. */
    static List<String> variantNames(String text) {
        return text == null ? List.of() : java.util.Arrays.stream(text.split("[,\\s]+")).filter(v -> !v.isEmpty()).toList();
    }

    /** What {@code form} was posted with, unchecked. */
    static JobEntry posted(Form form) {
        return new JobEntry(form.text("name"), form.text("summary"), form.text("target"), form.text("store"),
                form.text("schedule"), form.text("retention"), form.text("priority"), form.texts("copies"),
                form.ticked("verify"), form.text("variants"));
    }
}
