package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.tokenfamilies.it.support.AtOnce;
import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Mailbox;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * notify-new-device: the first login from a device id the user never used with the realm sends one e-mail (a real
 * SMTP server receives it); a known device, a refresh, or a client with the option off sends none; concurrent first
 * logins send one; the mail holds no token and escapes what the client declared; the remembered devices are hashes.
 * Absence of a mail is proven by a later mail of the same user (mails are sent before the login's reply).
 */
@ExtendWith(KeycloakExtension.class)
class NewDeviceNotifyIT {

    static final String APP = "new-device-app";
    static final String QUIET = "new-device-quiet-app";
    static final String HOSTILE = "<a href=\"https://evil.example/\">Tap here</a><img src=x onerror=alert(1)>";
    /** What the mail quotes of {@link #HOSTILE}: its URL defanged, so that no mail client makes it a link. */
    static final String QUOTED = "<a href=\"hxxps[:]//evil[.]example/\">Tap here</a><img src=x onerror=alert(1)>";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CALLBACK = "http://localhost/cb";

    static GreenMail smtp;
    static JsonNode previousSmtp;

    @BeforeAll
    static void setUp(Kc kc) {
        smtp = Mailbox.startSmtp();
        previousSmtp = Mailbox.use(kc, smtp);
        kc.createPublicClient(APP);
        kc.optIn(APP, Map.of("notify-new-device", "true"));
        kc.createPublicClient(QUIET);
        kc.optIn(QUIET, Map.of("notify-new-device", "false"));
    }

    @AfterAll
    static void restore(Kc kc) {
        Mailbox.restore(kc, previousSmtp);
        smtp.stop();
    }

    @Test
    void aNewDeviceIsAnnouncedOnceWithWhatTheUserNeedsAndNoToken(Kc kc) throws Exception {
        TestUser u = kc.createUser("newdev");
        String phone = id("phone");
        Reply login = ok(kc.mobileLogin(APP, u, phone, "Alice Work Phone"));

        MimeMessage[] mails = Mailbox.awaitTo(smtp, u, 1);
        assertEquals(1, mails.length, "one mail for the first login from the device");
        String raw = GreenMailUtil.getWholeMessage(mails[0]);
        String text = Mailbox.part(mails[0], "text/plain");
        assertTrue(mails[0].getSubject().contains("Alice Work Phone"), mails[0].getSubject());
        for (String expected : List.of("Device: Alice Work Phone", "Platform: iOS", "App: " + APP, "IP address: ",
                "Time: ", "If this was not you", kc.realmUrl() + "/account/account-security/device-activity")) {
            assertTrue(text.contains(expected), expected + " in:\n" + text);
        }
        assertNoSecrets(kc, raw);

        // The same device again: a refresh, then a second login; then a control login from another device.
        ok(kc.mobileRefresh(APP, login.refreshToken(), phone));
        ok(kc.mobileLogin(APP, u, phone, "Alice Work Phone"));
        ok(kc.mobileLogin(APP, u, id("tablet"), "Alice Tablet"));
        assertEquals(List.of("New sign-in on Alice Work Phone", "New sign-in on Alice Tablet"), subjects(Mailbox.awaitTo(smtp, u, 2)),
                "a known device is not announced again");
    }

    @Test
    void theStandardEndpointCountsDevicesForCodeAndOfflineLoginsToo(Kc kc) throws Exception {
        TestUser u = kc.createUser("newdev-std");
        String laptop = id("laptop");
        Reply first = kc.passwordLoginWithScope(APP, u, "openid offline_access",
                "X-Device-Id", laptop, "X-Device-Name", "Work Laptop", "X-Device-Platform", "macOS");
        ok(first);
        assertEquals("Offline", Jwt.claims(first.refreshToken()).path("typ").asText(), "an offline family");
        assertEquals(1, Mailbox.awaitTo(smtp, u, 1).length);

        ok(new BrowserLogin(kc).login(APP, CALLBACK, u, "X-Device-Id", laptop, "X-Device-Name", "Work Laptop"));
        ok(kc.passwordLogin(APP, u, "X-Device-Id", id("desktop"), "X-Device-Name", "Home Desktop"));
        assertEquals(List.of("New sign-in on Work Laptop", "New sign-in on Home Desktop"), subjects(Mailbox.awaitTo(smtp, u, 2)),
                "the code-flow login of the known laptop sent nothing");
    }

    @Test
    void noMailWhenTheOptionIsOff(Kc kc) throws Exception {
        TestUser u = kc.createUser("newdev-off");
        ok(kc.mobileLogin(QUIET, u, id("quiet"), "Quiet Phone"));
        ok(kc.mobileLogin(APP, u, id("control"), "Control Phone"));
        assertEquals(List.of("New sign-in on Control Phone"), subjects(Mailbox.awaitTo(smtp, u, 1)));
    }

    @Test
    void concurrentFirstLoginsOfOneDeviceSendOneMail(Kc kc) throws Exception {
        // Code exchanges, not password grants: Keycloak's brute-force protection (on in the demo realm) refuses
        // concurrent password logins of one user as "temporarily disabled".
        TestUser u = kc.createUser("newdev-race");
        String phone = id("race");
        List<BrowserLogin.Code> codes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            codes.add(new BrowserLogin(kc).code(APP, CALLBACK, u));
        }
        BrowserLogin exchanger = new BrowserLogin(kc);
        List<Reply> replies = AtOnce.run(codes.size(),
                i -> exchanger.exchange(APP, CALLBACK, codes.get(i), "X-Device-Id", phone, "X-Device-Name", "Race Phone"));
        replies.forEach(NewDeviceNotifyIT::ok);
        ok(kc.mobileLogin(APP, u, id("after"), "After Phone"));
        assertEquals(List.of("New sign-in on Race Phone", "New sign-in on After Phone"), subjects(Mailbox.awaitTo(smtp, u, 2)));
    }

    @Test
    void everyDeclaredValueIsEscapedInTheHtmlMail(Kc kc) throws Exception {
        TestUser u = kc.createUser("newdev-esc");
        ObjectNode login = JSON.createObjectNode().put("grant_type", "password").put("client_id", APP)
                .put("username", u.username()).put("password", u.password()).put("scope", "openid");
        login.putObject("device").put("id", id("esc")).put("name", HOSTILE).put("platform", "<b>iOS</b>")
                .put("model", "<i>x</i>").put("app_version", "1.0");
        ok(kc.mobileToken(login.toString()));

        MimeMessage[] mails = Mailbox.awaitTo(smtp, u, 1);
        assertEquals(1, mails.length);
        String html = Mailbox.part(mails[0], "text/html");
        String text = Mailbox.part(mails[0], "text/plain");
        assertNotNull(html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertTrue(html.contains("&lt;b&gt;iOS&lt;/b&gt;"), html);
        String lower = html.toLowerCase(Locale.ROOT);
        assertEquals(1, lower.split("<a ", -1).length - 1, "one link only, the devices page:\n" + html);
        assertTrue(html.contains("<a href=\"" + kc.realmUrl() + "/account/account-security/device-activity\""), html);
        assertFalse(lower.contains("<img") || html.contains("<b>") || html.contains("evil.example/\">"), html);
        assertTrue(text.contains(QUOTED) && mails[0].getSubject().contains(QUOTED) && !text.contains("https://evil"), "text and subject as declared, URL defanged");
        assertNoSecrets(kc, GreenMailUtil.getWholeMessage(mails[0]));
    }

    @Test
    void knownDevicesAreStoredAsHashesOnlyAndHiddenFromTheUser(Kc kc) throws Exception {
        TestUser u = kc.createUser("newdev-store");
        String a = id("store-a");
        String b = id("store-b");
        ok(kc.mobileLogin(APP, u, a, "Store A"));
        ok(kc.mobileLogin(APP, u, b, "Store B"));
        assertEquals(2, Mailbox.awaitTo(smtp, u, 2).length);

        JsonNode credentials = kc.adminJson("/users/" + u.id() + "/credentials");
        String everything = kc.adminJson("/users/" + u.id()) + "\n" + kc.adminJson("/users/" + u.id() + "?userProfileMetadata=true")
                + "\n" + credentials;
        for (String raw : List.of(a, b)) {
            assertFalse(everything.contains(raw), "the raw device id is stored nowhere the admin API shows:\n" + everything);
        }
        JsonNode known = Arrays.stream(JSON.treeToValue(credentials, JsonNode[].class))
                .filter(c -> "token-families-known-devices".equals(c.path("type").asText())).findFirst().orElseThrow();
        assertTrue(known.path("secretData").isMissingNode() || known.path("secretData").isNull(), "the key stays hidden");
        assertEquals(2, JSON.readTree(known.path("credentialData").asText()).path("devices").size(), "two hashes");

        // The user's own account API neither lists it nor deletes it.
        String accountToken = new BrowserLogin(kc).login("account-console", kc.realmUrl() + "/account/", u).accessToken();
        Reply listed = kc.get(kc.realmUrl() + "/account/credentials", "Authorization", "Bearer " + accountToken);
        assertEquals(200, listed.status(), listed.toString());
        assertFalse(listed.body().contains("token-families-known-devices"), listed.body());
        Reply deleted = kc.delete(kc.realmUrl() + "/account/credentials/" + known.path("id").asText(), "Authorization", "Bearer " + accountToken);
        assertFalse(deleted.status() / 100 == 2, "the user cannot delete it: " + deleted);
    }

    @Test
    void aMailThatCannotBeSentChangesNothingInTheLogin(Kc kc) throws Exception {
        TestUser u = kc.createUser("newdev-smtp-down");
        String phone = id("down");
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertEquals(204, kc.admin("PUT", "", Mailbox.smtpAt(closedPort)).status());
        Reply login;
        try {
            login = ok(kc.mobileLogin(APP, u, phone, "Offline Mail Phone"));
        } finally {
            assertEquals(204, kc.admin("PUT", "", Mailbox.smtpAt(smtp.getSmtp().getPort())).status());
        }
        assertNotNull(login.refreshToken(), "the login's reply is whole");
        String line = "could not e-mail user " + u.id() + " about a sign-in from a new device";
        long deadline = System.currentTimeMillis() + 5_000;
        while (!kc.server().logText().contains(line) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // the log file is written asynchronously to the reply
        }
        String log = kc.server().logText();
        assertTrue(log.contains(line), "one WARN line for the failed mail");
        assertFalse(log.contains(login.refreshToken()) || log.contains(login.accessToken()), "no token in the log");

        // The device was remembered before the mail failed: it is not announced again.
        ok(kc.mobileLogin(APP, u, phone, "Offline Mail Phone"));
        ok(kc.mobileLogin(APP, u, id("up"), "Mail Is Back"));
        assertEquals(List.of("New sign-in on Mail Is Back"), subjects(Mailbox.awaitTo(smtp, u, 1)));
    }

    static Reply ok(Reply r) {
        assertEquals(200, r.status(), r.toString());
        return r;
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static List<String> subjects(MimeMessage[] mails) {
        return Arrays.stream(mails).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static void assertNoSecrets(Kc kc, String raw) {
        for (String secret : kc.secrets()) {
            assertFalse(secret.length() > 12 && raw.contains(secret), "no token or password in the mail");
        }
    }
}
