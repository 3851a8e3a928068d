package dev.cairn.core.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What a notification looks like on the wire: the webhook's JSON, the chat line, the e-mail's text. */
final class Payloads {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {
    }

    /** The webhook body: {@code {"event", "at", "subject", "text", "details"}}. */
    static byte[] json(Notification n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", n.event().wire());
        body.put("at", n.at().toString());
        body.put("subject", n.subject());
        body.put("text", n.text());
        body.put("details", n.details());
        return JSON.writeValueAsBytes(body);
    }

    /** A Slack or Mattermost incoming webhook's body: {@code {"text": …}}. */
    static byte[] chat(Notification n) {
        return JSON.writeValueAsBytes(Map.of("text", "*Cairn: " + n.subject() + "*\n" + n.text()));
    }

    /** An e-mail's plain text: the text, then each detail on its own line. */
    static String mail(Notification n) {
        StringBuilder text = new StringBuilder(n.text()).append("\n\n");
        n.details().forEach((key, value) -> {
            if (!(value instanceof String s && s.contains("\n"))) {
                text.append(key).append(": ").append(value).append('\n');
            }
        });
        n.details().forEach((key, value) -> {
            if (value instanceof String s && s.contains("\n")) {
                text.append('\n').append(key).append(":\n").append(s).append('\n');
            }
        });
        return text.append("\n-- \nCairn, event ").append(n.event().wire()).append(" at ").append(n.at()).append('\n').toString();
    }
}
