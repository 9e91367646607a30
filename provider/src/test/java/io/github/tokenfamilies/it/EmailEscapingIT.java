package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
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

/**
 * R5 notify-user: what a client declares about its device reaches the reuse e-mail as text, never as markup. The
 * HTML part shows it escaped (no link, no image), the text part shows it as it was declared.
 */
@ExtendWith(KeycloakExtension.class)
class EmailEscapingIT {

    static final String APP = "escape-notify-app";
    static final String HOSTILE = "<a href=\"https://evil.example/\">Tap here</a><img src=x onerror=alert(1)>";
    /** What the mail quotes of {@link #HOSTILE}: its URL defanged, so that no mail client makes it a link. */
    static final String QUOTED = "<a href=\"hxxps[:]//evil[.]example/\">Tap here</a><img src=x onerror=alert(1)>";
    static final ObjectMapper JSON = new ObjectMapper();

    static GreenMail smtp;
    static JsonNode previousSmtp;

    @BeforeAll
    static void smtp(Kc kc) {
        smtp = Mailbox.startSmtp();
        previousSmtp = Mailbox.use(kc, smtp);
        kc.createPublicClient(APP);
        kc.optIn(APP, Map.of("notify-user", "true"));
    }

    @AfterAll
    static void restore(Kc kc) {
        Mailbox.restore(kc, previousSmtp);
        smtp.stop();
    }

    @Test
    void aHostileDeviceNameIsEscapedInTheHtmlMailAndLiteralInTheText(Kc kc) throws Exception {
        TestUser u = kc.createUser("escape-name");
        Mail mail = reuseMail(kc, u, device("esc-1", HOSTILE, "iOS", "iPhone15,2", "1.4.0"));

        assertTrue(mail.html().contains("&lt;a href=&quot;hxxps[:]//evil[.]example/&quot;&gt;Tap here&lt;/a&gt;&lt;img src=x onerror=alert(1)&gt;")
                || mail.html().contains("&lt;a href=&#34;hxxps[:]//evil[.]example/&#34;&gt;Tap here&lt;/a&gt;&lt;img src=x onerror=alert(1)&gt;"),
                "the declared name, escaped:\n" + mail.html());
        assertNoMarkupFromTheClient(mail.html());
        assertTrue(mail.text().contains(QUOTED), "the text part shows the name as declared:\n" + mail.text());
        assertTrue(mail.subject().contains(QUOTED), mail.subject());
    }

    @Test
    void aHostileModelStandingInForAMissingNameIsEscapedToo(Kc kc) throws Exception {
        TestUser u = kc.createUser("escape-model");
        Mail mail = reuseMail(kc, u, device("esc-2", null, "<b>Android</b>", HOSTILE, "<i>2.0</i>"));

        assertTrue(mail.html().contains("&lt;img src=x onerror=alert(1)&gt;"), mail.html());
        assertNoMarkupFromTheClient(mail.html());
        assertTrue(mail.text().contains(QUOTED), mail.text());
    }

    static void assertNoMarkupFromTheClient(String html) {
        assertFalse(html.contains("<a href=\"https://evil.example"), "no working link:\n" + html);
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<a "), "no link at all:\n" + html);
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<img"), "no image:\n" + html);
        assertFalse(html.contains("<b>") || html.contains("<i>"), "no markup from the client:\n" + html);
    }

    record Mail(String subject, String html, String text) {
    }

    /** Logs in through the mobile endpoint with the device, reuses an old refresh token, returns the mail it caused. */
    Mail reuseMail(Kc kc, TestUser u, ObjectNode device) throws Exception {
        ObjectNode login = JSON.createObjectNode().put("grant_type", "password").put("client_id", APP)
                .put("username", u.username()).put("password", u.password()).put("scope", "openid");
        login.set("device", device);
        Reply r1 = kc.mobileToken(login.toString());
        assertEquals(200, r1.status(), r1.toString());
        String deviceId = device.path("id").asText();
        Reply r2 = kc.mobileRefresh(APP, r1.refreshToken(), deviceId);
        assertEquals(200, kc.mobileRefresh(APP, r2.refreshToken(), deviceId).status());
        assertEquals("refresh_token_reused", kc.mobileRefresh(APP, r1.refreshToken(), deviceId).field("error"));

        long deadline = System.currentTimeMillis() + 15_000;
        MimeMessage[] mails = Mailbox.to(smtp, u);
        while (mails.length == 0 && System.currentTimeMillis() < deadline) {
            smtp.waitForIncomingEmail(1_000, smtp.getReceivedMessages().length + 1);
            mails = Mailbox.to(smtp, u);
        }
        assertEquals(1, mails.length, "one mail for one detection");
        String html = Mailbox.part(mails[0], "text/html");
        String text = Mailbox.part(mails[0], "text/plain");
        assertNotNull(html, "an HTML part");
        assertNotNull(text, "a text part");
        return new Mail(mails[0].getSubject(), html, text);
    }

    static ObjectNode device(String id, String name, String platform, String model, String appVersion) {
        ObjectNode d = JSON.createObjectNode().put("id", id + "-" + UUID.randomUUID().toString().substring(0, 8));
        if (name != null) {
            d.put("name", name);
        }
        return d.put("platform", platform).put("model", model).put("app_version", appVersion);
    }
}
