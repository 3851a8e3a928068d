package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.notify.Event;
import dev.cairn.server.service.NotificationChanges;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The new-channel form as typed: the kind's fields (only those of the chosen kind are sent on), the events, the threshold in hours. */
public record NotificationForm(String name, String kind, String url, String secret, String host, String port, String user,
                               String from, String to, boolean starttls, List<String> events, String missedHours) {

    static NotificationForm empty() {
        return new NotificationForm("", "webhook", "", "", "", "587", "", "", "", true, List.of("task-failed", "missed-backup"), "");
    }

    static NotificationForm of(Form form) {
        return new NotificationForm(form.text("name"), form.text("kind"), form.text("url"), form.text("secret"), form.text("host"),
                form.text("port"), form.text("user"), form.text("from"), form.text("to"), !form.text("starttls").isEmpty(), form.texts("events"), form.text("missed_hours"));
    }

    /** Every event a channel can be told of, for the checkboxes. */
    public List<String> allEvents() {
        return Arrays.stream(Event.values()).filter(e -> e != Event.TEST).map(Event::wire).toList();
    }

    public boolean wants(String event) {
        return events.contains(event);
    }

    NotificationChanges.Input input() {
        Map<String, Object> config = new LinkedHashMap<>();
        switch (kind) {
            case "webhook" -> {
                config.put("url", url);
                config.put("secret", secret);
            }
            case "slack" -> config.put("url", secret.isEmpty() ? url : secret);
            case "email" -> {
                config.put("host", host);
                config.put("port", port);
                config.put("starttls", starttls);
                config.put("user", user);
                config.put("password", secret);
                config.put("from", from);
                config.put("to", to);
            }
            default -> throw new CairnException.InvalidInput("kind must be webhook, slack or email, got " + kind);
        }
        Long missed = null;
        if (!missedHours.isEmpty()) {
            if (!missedHours.matches("\\d{1,5}")) {
                throw new CairnException.InvalidInput("missed backup after must be a whole number of hours, got " + missedHours);
            }
            missed = Long.parseLong(missedHours) * 3600;
        }
        return new NotificationChanges.Input(name, "", kind, config, events, List.of(), missed);
    }
}
