package dev.cairn.core.notify;

import dev.cairn.core.CairnException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of channel, each with the configuration fields it takes, which of them are required and
 * which are secret (sealed in the catalog, masked in every reply, never in a payload).
 */
public enum ChannelKind {
    /** A generic webhook: a JSON POST to {@code url}, signed with HMAC-SHA256 under {@code secret}. */
    WEBHOOK("webhook", List.of("url", "secret"), List.of("url", "secret"), Set.of("secret")),
    /** A Slack- or Mattermost-compatible incoming webhook: {@code {"text": …}}; its url is its secret. */
    SLACK("slack", List.of("url"), List.of("url"), Set.of("url")),
    /** E-mail over SMTP: STARTTLS (unless {@code starttls} is false) and authentication when {@code user} is set. */
    EMAIL("email", List.of("host", "port", "starttls", "user", "password", "from", "to", "ca_certificate"),
            List.of("host", "from", "to"), Set.of("password"));

    private final String wire;
    private final List<String> fields;
    private final List<String> required;
    private final Set<String> secrets;

    ChannelKind(String wire, List<String> fields, List<String> required, Set<String> secrets) {
        this.wire = wire;
        this.fields = fields;
        this.required = required;
        this.secrets = secrets;
    }

    public String wire() {
        return wire;
    }

    /** Every field this kind takes, in the order forms show them. */
    public List<String> fields() {
        return fields;
    }

    /** Whether {@code field} is secret: sealed in the catalog, masked in replies. */
    public boolean secret(String field) {
        return secrets.contains(field);
    }

    public static ChannelKind parse(String text) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(text)).findFirst()
                .orElseThrow(() -> new CairnException.InvalidInput("kind must be one of "
                        + Arrays.stream(values()).map(ChannelKind::wire).collect(Collectors.joining(", ")) + ", got " + text));
    }

    /** Refuses a configuration with a missing, unknown or malformed field, naming it. */
    void check(Map<String, Object> config) {
        List<String> missing = new ArrayList<>();
        for (String field : required) {
            Object value = config.get(field);
            if (value == null || value.toString().isBlank()) {
                missing.add("config." + field);
            }
        }
        if (!missing.isEmpty()) {
            throw new CairnException.InvalidInput("a " + wire + " channel needs " + String.join(", ", missing), missing);
        }
        for (String field : config.keySet()) {
            if (!fields.contains(field)) {
                throw new CairnException.InvalidInput("config." + field + " is not a field of a " + wire
                        + " channel; it takes " + String.join(", ", fields));
            }
        }
        switch (this) {
            case WEBHOOK, SLACK -> url(config.get("url").toString());
            case EMAIL -> {
                Object port = config.get("port");
                if (port != null && !port.toString().matches("\\d{1,5}")) {
                    throw new CairnException.InvalidInput("config.port must be a port number, got " + port);
                }
                Object starttls = config.get("starttls");
                if (starttls != null && !(starttls instanceof Boolean) && !Set.of("true", "false").contains(starttls.toString())) {
                    throw new CairnException.InvalidInput("config.starttls must be true or false, got " + starttls);
                }
            }
        }
    }

    private static void url(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput("config.url is not a URL");
        }
        if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
            // the url itself may be a secret (a Slack webhook's is), so it is not quoted
            throw new CairnException.InvalidInput("config.url must be an http or https URL");
        }
    }
}
