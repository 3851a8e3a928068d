package dev.cairn.core.notify;

import dev.cairn.core.Version;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a JSON body to a URL; a generic webhook's body is signed: {@code X-Cairn-Signature:
 * sha256=HEX}, the HMAC-SHA256 of the exact body bytes under the channel's secret, as GitHub signs
 * its webhooks. A reply other than 2xx is a failure.
 */
final class WebhookSender implements Sender {
    static final String SIGNATURE = "X-Cairn-Signature";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final boolean chat;

    /** {@code chat}: a Slack/Mattermost incoming webhook ({@code {"text"}}, unsigned) rather than the generic one. */
    WebhookSender(boolean chat) {
        this.chat = chat;
    }

    @Override
    public void send(Channel channel, Notification n) throws IOException {
        byte[] body = chat ? Payloads.chat(n) : Payloads.json(n);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.text("url", "")))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("User-Agent", "cairn/" + Version.CURRENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!chat) {
            request.header("X-Cairn-Event", n.event().wire()).header(SIGNATURE, "sha256=" + sign(channel.text("secret", ""), body));
        }
        HttpResponse<String> reply;
        try {
            reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending");
        }
        if (reply.statusCode() / 100 != 2) {
            // the reply body is the receiver's and may be long; its first line is enough to say why
            String first = reply.body() == null ? "" : reply.body().lines().findFirst().orElse("");
            throw new IOException("the webhook answered HTTP " + reply.statusCode()
                    + (first.isBlank() ? "" : ": " + first.substring(0, Math.min(200, first.length()))));
        }
    }

    /** The lower-case hex HMAC-SHA256 of {@code body} under {@code secret}. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
