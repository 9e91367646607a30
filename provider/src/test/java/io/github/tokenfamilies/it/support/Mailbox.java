package io.github.tokenfamilies.it.support;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** The mails a test SMTP server received for one test user. */
public final class Mailbox {

    private Mailbox() {
    }

    /** A started SMTP receiver on a free loopback port. */
    public static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    /** The realm representation that points the realm's mail at {@code port} on loopback. */
    public static String smtpAt(int port) {
        return "{\"smtpServer\":{\"host\":\"127.0.0.1\",\"port\":\"" + port
                + "\",\"from\":\"security@example.com\",\"fromDisplayName\":\"Demo security\"}}";
    }

    /** Points the demo realm's mail at {@code smtp}; returns the realm's previous SMTP settings for {@link #restore}. */
    public static JsonNode use(Kc kc, GreenMail smtp) {
        JsonNode previous = kc.adminJson("").path("smtpServer");
        Reply r = kc.admin("PUT", "", smtpAt(smtp.getSmtp().getPort()));
        if (r.status() != 204) {
            throw new AssertionError("pointing the realm's mail at the test SMTP server failed: " + r);
        }
        return previous;
    }

    /** Puts the realm's SMTP settings back as {@link #use} found them. */
    public static void restore(Kc kc, JsonNode previous) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = json.createObjectNode();
        realm.set("smtpServer", previous.isMissingNode() || previous.isNull() ? json.createObjectNode() : previous);
        kc.admin("PUT", "", realm.toString());
    }

    public static MimeMessage[] to(GreenMail smtp, TestUser u) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains(u.username());
            } catch (MessagingException | RuntimeException e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    /** The user's mails once there are at least {@code count} of them, or what arrived within 15 seconds. */
    public static MimeMessage[] awaitTo(GreenMail smtp, TestUser u, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        MimeMessage[] mails = to(smtp, u);
        while (mails.length < count && System.currentTimeMillis() < deadline) {
            smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
            mails = to(smtp, u);
        }
        return mails;
    }

    /** The first part of a mail with this MIME type ({@code text/html}, {@code text/plain}), or {@code null}. */
    public static String part(Part p, String type) throws Exception {
        if (p.isMimeType(type)) {
            return (String) p.getContent();
        }
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                String found = part(b, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
