package dev.cairn.core.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends a plain-text e-mail over SMTP through Jakarta Mail (Eclipse Angus): STARTTLS is required
 * unless the channel sets {@code starttls} false, the server's certificate is checked (against the
 * JDK's trusted authorities, or the channel's {@code ca_certificate} PEM for a private mail server),
 * and the channel's {@code user} and {@code password} sign in when a user is set.
 */
final class EmailSender implements Sender {
    private static final String TIMEOUT_MILLIS = "15000";

    @Override
    public void send(Channel channel, Notification n) throws IOException {
        boolean starttls = !"false".equals(channel.text("starttls", "true"));
        String user = channel.text("user", null);
        Properties props = new Properties();
        props.put("mail.smtp.host", channel.text("host", ""));
        props.put("mail.smtp.port", channel.text("port", starttls ? "587" : "25"));
        props.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        props.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        props.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        props.put("mail.smtp.auth", String.valueOf(user != null));
        if (starttls) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            String ca = channel.text("ca_certificate", null);
            if (ca != null) {
                props.put("mail.smtp.ssl.socketFactory", trusting(ca).getSocketFactory());
            }
        }
        Session session = Session.getInstance(props);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(channel.text("from", ""), true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(channel.text("to", ""), true));
            message.setSubject("[Cairn] " + n.subject(), "UTF-8");
            message.setText(Payloads.mail(n), "UTF-8");
            message.setHeader("X-Cairn-Event", n.event().wire());
            if (user == null) {
                Transport.send(message);
            } else {
                Transport.send(message, user, channel.text("password", ""));
            }
        } catch (MessagingException e) {
            throw new IOException("the mail server " + channel.text("host", "") + " refused the message: " + oneLine(e), e);
        }
    }

    private static String oneLine(MessagingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
        return String.valueOf(message).replaceAll("\\s+", " ").strip();
    }

    /** A TLS context that trusts only the certificate(s) in {@code pem}. */
    private static SSLContext trusting(String pem) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("config.ca_certificate is not a PEM certificate: " + e.getMessage());
        }
    }
}
