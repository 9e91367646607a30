package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import io.github.tokenfamilies.it.support.E2e;
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
 * Texts in the user's language, chosen as Keycloak chooses its own: the demo realm gets internationalization with
 * en, de, fr, es and pt-BR (restored afterwards) and each user a {@code locale} attribute. The new-device e-mail
 * (subject, body, date), the account console's "Devices and apps" page in a real browser whose own language is
 * English, and the executor form of the stock admin console (its localization endpoint, and the form in a browser).
 */
@ExtendWith(KeycloakExtension.class)
class LocalizationIT {

    static final String APP = "l10n-app";
    static final String PROFILE = "it-" + APP; // Kc.optIn's profile
    static final String GERMAN_DATE = "\\d{1,2}\\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \\d{4}(,| um) \\d{2}:\\d{2} UTC";

    static final ObjectMapper JSON = new ObjectMapper();

    static GreenMail smtp;
    static JsonNode previousSmtp;
    static ObjectNode previousI18n;

    @BeforeAll
    static void setUp(Kc kc) {
        JsonNode realm = kc.adminJson("");
        previousI18n = JSON.createObjectNode();
        previousI18n.put("internationalizationEnabled", realm.path("internationalizationEnabled").asBoolean(false));
        previousI18n.set("supportedLocales", realm.has("supportedLocales") ? realm.get("supportedLocales") : JSON.createArrayNode());
        Reply r = kc.admin("PUT", "", "{\"internationalizationEnabled\":true,\"supportedLocales\":[\"en\",\"de\",\"fr\",\"es\",\"pt-BR\"]}");
        assertEquals(204, r.status(), r.toString());
        smtp = Mailbox.startSmtp();
        previousSmtp = Mailbox.use(kc, smtp);
        kc.createPublicClient(APP);
        kc.optIn(APP, Map.of("notify-new-device", "true"));
    }

    @AfterAll
    static void restore(Kc kc) {
        kc.admin("PUT", "", previousI18n.toString());
        Mailbox.restore(kc, previousSmtp);
        smtp.stop();
    }

    @Test
    void theNewDeviceMailIsInTheRecipientsLanguageWithALocalDate(Kc kc) throws Exception {
        TestUser anna = userWithLocale(kc, "l10n-de", "de");
        TestUser joao = userWithLocale(kc, "l10n-pt", "pt-BR");
        TestUser ellen = userWithLocale(kc, "l10n-en", null);
        assertEquals(200, kc.mobileLogin(APP, anna, id(), "Annas Handy").status());
        assertEquals(200, kc.mobileLogin(APP, joao, id(), "Celular do João").status());
        assertEquals(200, kc.mobileLogin(APP, ellen, id(), "Ellen's Phone").status());

        MimeMessage de = only(anna);
        assertEquals("Neue Anmeldung auf Annas Handy", de.getSubject());
        String text = Mailbox.part(de, "text/plain");
        String html = Mailbox.part(de, "text/html");
        for (String expected : new String[] {"Gerät: Annas Handy", "Plattform: iOS", "App: " + APP, "IP-Adresse: ",
                "Wenn Sie das waren, müssen Sie nichts tun.", "Wenn Sie das nicht waren, kennt möglicherweise jemand Ihr Passwort"}) {
            assertTrue(text.contains(expected), expected + " in:\n" + text);
        }
        assertTrue(text.matches("(?s).*Zeitpunkt: " + GERMAN_DATE + "\r?\n.*"), "a German date in:\n" + text);
        assertTrue(html.contains("Ihre Geräte prüfen") && html.matches("(?s).*Zeitpunkt: " + GERMAN_DATE + ".*"), html);

        MimeMessage pt = only(joao);
        assertEquals("Novo login em Celular do João", pt.getSubject());
        String ptText = Mailbox.part(pt, "text/plain");
        assertTrue(ptText.matches("(?s).*Data e hora: \\d{1,2} de [a-zç]+ de \\d{4}.*UTC\r?\n.*"), ptText);
        assertTrue(ptText.contains("Se não foi você"), ptText);

        MimeMessage en = only(ellen);
        assertEquals("New sign-in on Ellen's Phone", en.getSubject());
        assertTrue(Mailbox.part(en, "text/plain").matches("(?s).*Time: [A-Z][a-z]+ \\d{1,2}, \\d{4},? (at )?\\d{1,2}:\\d{2}[\\s\\u202f]?[AP]M UTC\r?\n.*"),
                Mailbox.part(en, "text/plain"));
    }

    @Test
    void theAccountPageIsInGermanForAGermanUserInAnEnglishBrowser(Kc kc) throws Exception {
        TestUser anna = userWithLocale(kc, "l10n-acct", "de");
        assertEquals(200, kc.mobileLogin(APP, anna, id(), "Annas Tablet").status());
        String out = E2e.run(180, "account-language.mjs", kc.baseUrl(), anna.username(), anna.password(),
                "Geräte und Apps", "Geräte und Apps", "Dieses Gerät abmelden", "Annas Tablet",
                E2e.workDir().resolve("account-devices-de.png").toString());
        assertTrue(E2e.line(out, "HEADERS:").contains("Zuletzt aktiv"), out);
        assertTrue(E2e.line(out, "LAST_ACTIVE:").matches("\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}"), "a German date: " + out);
    }

    @Test
    void theStockAdminConsoleGetsTheFormLabelsInTheAdminsLanguage(Kc kc) throws Exception {
        for (String theme : new String[] {"", "?theme=keycloak.v2"}) { // the demo realm's admin theme, and the stock one
            Map<String, String> de = texts(kc, "de" + theme);
            assertEquals("Kulanzzeit für Wiederholungen (Sekunden)", de.get("tokenFamiliesGraceSeconds"), theme);
            assertTrue(de.get("tokenFamiliesGraceSecondsHelp").endsWith("0 bis 300."), theme);
            assertEquals("Client-IDs", de.get("tokenFamiliesClients"), theme);
            assertEquals("Retry grace (seconds)", texts(kc, "en" + theme).get("tokenFamiliesGraceSeconds"), theme);
            assertEquals("Tolerância para novas tentativas (segundos)", texts(kc, "pt-BR" + theme).get("tokenFamiliesGraceSeconds"), theme);
            assertEquals("Délai de grâce pour les nouvelles tentatives (secondes)", texts(kc, "fr" + theme).get("tokenFamiliesGraceSeconds"), theme);
            assertEquals("Margen para reintentos (segundos)", texts(kc, "es" + theme).get("tokenFamiliesGraceSeconds"), theme);
        }

        TestUser admin = userWithLocale(kc, "l10n-admin", "de");
        kc.grantRealmManagementRole(admin, "realm-admin");
        E2e.run(240, "admin-executor-form.mjs", kc.baseUrl(), admin.username(), admin.password(), PROFILE,
                E2e.workDir().resolve("executor-form-de.png").toString(), "show",
                "Kulanzzeit für Wiederholungen (Sekunden)", "Reichweite bei Wiederverwendung", "Höchstzahl an Geräten pro Benutzer");
    }

    @Test
    void theDevicesSectionOfTheAdminConsoleIsInTheAdminsLanguage(Kc kc) throws Exception {
        TestUser target = kc.createUser("l10n-target");
        assertEquals(200, kc.mobileLogin(APP, target, id(), "Zielgerät").status());
        TestUser admin = userWithLocale(kc, "l10n-admin2", "de");
        kc.grantRealmManagementRole(admin, "view-users");
        kc.grantRealmManagementRole(admin, "manage-users");
        String out = E2e.run(240, "admin-devices.mjs", kc.baseUrl(), admin.username(), admin.password(), target.id(),
                "Zielgerät", "-", E2e.workDir().resolve("admin-console-devices-de.png").toString(), "show");
        assertEquals("Geräte (Token-Familien)", E2e.line(out, "TITLE:"), out);
        assertTrue(E2e.line(out, "HEADERS:").startsWith("Gerät|Plattform|Modell|App-Version|Client|Erstellt|Zuletzt aktiv|"), out);
        assertTrue(E2e.line(out, "BUTTONS:").contains("Alle Geräte abmelden"), out);
    }

    /** The texts the admin console loads for a locale: {@code /resources/demo/admin/<locale>}. */
    private static Map<String, String> texts(Kc kc, String localeAndQuery) {
        Reply r = kc.send(HttpRequest.newBuilder(URI.create(kc.baseUrl() + "/resources/demo/admin/" + localeAndQuery)).GET());
        assertEquals(200, r.status(), r.toString());
        Map<String, String> texts = new HashMap<>();
        r.json().forEach(e -> texts.put(e.path("key").asText(), e.path("value").asText()));
        return texts;
    }

    private static TestUser userWithLocale(Kc kc, String prefix, String locale) {
        TestUser u = kc.createUser(prefix);
        if (locale != null) {
            ObjectNode rep = (ObjectNode) kc.adminJson("/users/" + u.id());
            rep.with("attributes").putArray("locale").add(locale);
            Reply r = kc.admin("PUT", "/users/" + u.id(), rep.toString());
            assertEquals(204, r.status(), r.toString());
        }
        return u;
    }

    private static MimeMessage only(TestUser u) {
        MimeMessage[] mails = Mailbox.awaitTo(smtp, u, 1);
        assertEquals(1, mails.length, "one mail to " + u.username());
        return mails[0];
    }

    private static String id() {
        return "l10n-" + UUID.randomUUID();
    }
}
