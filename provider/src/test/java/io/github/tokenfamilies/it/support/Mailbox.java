package io.github.tokenfamilies.it.support;

import java.util.Arrays;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** The mails a test SMTP server received for one test user. */
public final class Mailbox {

    private Mailbox() {
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
