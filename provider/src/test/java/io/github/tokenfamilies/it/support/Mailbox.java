package io.github.tokenfamilies.it.support;

import java.util.Arrays;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
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
}
