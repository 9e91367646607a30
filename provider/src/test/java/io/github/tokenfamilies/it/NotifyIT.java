package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.Mailbox;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R5 notify-user: a real SMTP server receives exactly one mail per reuse detection, naming the device, no token. */
@ExtendWith(KeycloakExtension.class)
class NotifyIT {

    static GreenMail smtp;
    static JsonNode previousSmtp;

    @BeforeAll
    static void smtp(Kc kc) {
        smtp = Mailbox.startSmtp();
        previousSmtp = Mailbox.use(kc, smtp);
        kc.createPublicClient("notify-app");
        kc.optIn("notify-app", Map.of("notify-user", "true"));
        kc.createPublicClient("quiet-app");
        kc.optIn("quiet-app", Map.of("notify-user", "false"));
    }

    @AfterAll
    static void stop(Kc kc) {
        Mailbox.restore(kc, previousSmtp);
        smtp.stop();
    }

    @Test
    void oneMailPerReuseDetectionWithTheDeviceNameAndNoToken(Kc kc) throws Exception {
        TestUser u = kc.createUser("notify");
        Reply login = kc.mobileLogin("notify-app", u, "n-1", "Alice Work Phone");
        Reply r2 = kc.mobileRefresh("notify-app", login.refreshToken(), "n-1");
        kc.mobileRefresh("notify-app", r2.refreshToken(), "n-1");
        assertEquals("refresh_token_reused", kc.mobileRefresh("notify-app", login.refreshToken(), "n-1").field("error"));
        assertEquals("family_revoked", kc.mobileRefresh("notify-app", r2.refreshToken(), "n-1").field("error"));

        assertTrue(smtp.waitForIncomingEmail(15_000, 1), "a mail arrives");
        MimeMessage[] mails = Mailbox.to(smtp, u);
        assertEquals(1, mails.length, "exactly one mail for one detection");
        String raw = GreenMailUtil.getWholeMessage(mails[0]);
        assertTrue(mails[0].getSubject().contains("Alice Work Phone"), mails[0].getSubject());
        assertTrue(raw.contains("Alice Work Phone"));
        for (String secret : kc.secrets()) {
            assertFalse(secret.length() > 12 && raw.contains(secret), "no token or password in the mail");
        }
    }

    @Test
    void noMailWhenNotifyIsOff(Kc kc) throws Exception {
        TestUser u = kc.createUser("quiet");
        Reply login = kc.mobileLogin("quiet-app", u, "q-1", "Quiet Phone");
        Reply r2 = kc.mobileRefresh("quiet-app", login.refreshToken(), "q-1");
        kc.mobileRefresh("quiet-app", r2.refreshToken(), "q-1");
        assertEquals("refresh_token_reused", kc.mobileRefresh("quiet-app", login.refreshToken(), "q-1").field("error"));
        // Control: a detection on notify-app after it is mailed proves the sender works; the quiet one sent nothing.
        TestUser control = kc.createUser("control");
        Reply c = kc.mobileLogin("notify-app", control, "c-1", "Control");
        kc.mobileRefresh("notify-app", kc.mobileRefresh("notify-app", c.refreshToken(), "c-1").refreshToken(), "c-1");
        kc.mobileRefresh("notify-app", c.refreshToken(), "c-1");
        long deadline = System.currentTimeMillis() + 15_000;
        while (Mailbox.to(smtp, control).length == 0 && System.currentTimeMillis() < deadline) {
            smtp.waitForIncomingEmail(1_000, smtp.getReceivedMessages().length + 1);
        }
        assertEquals(1, Mailbox.to(smtp, control).length);
        assertEquals(0, Mailbox.to(smtp, u).length, "notify-user off: no mail");
    }
}
