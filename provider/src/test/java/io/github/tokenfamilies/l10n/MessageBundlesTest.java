package io.github.tokenfamilies.l10n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.tokenfamilies.config.FamilyConfigProperties;
import io.github.tokenfamilies.config.FamilyOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every language file has exactly the English keys, the same placeholders, and no untranslated copy of a long
 * English text; the admin form's English messages are the texts FamilyOption words; e-mail messages are valid
 * MessageFormat patterns (an apostrophe written '').
 */
class MessageBundlesTest {

    static final List<String> LOCALES = List.of("de", "fr", "es", "pt_BR");
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path ADMIN = ROOT.resolve("provider/src/main/resources/theme-resources/messages");
    static final Path ACCOUNT = ROOT.resolve("themes/token-families/account/messages");
    static final Path EMAIL = ROOT.resolve("themes/token-families/email/messages");
    static final Pattern I18NEXT = Pattern.compile("\\{\\{\\w+}}");
    static final Pattern MESSAGE_FORMAT = Pattern.compile("\\{\\d}");

    @ParameterizedTest
    @ValueSource(strings = {"admin", "account", "email"})
    void everyLanguageHasTheEnglishKeysAndPlaceholders(String bundle) throws IOException {
        Path dir = bundle.equals("admin") ? ADMIN : bundle.equals("account") ? ACCOUNT : EMAIL;
        Pattern placeholder = bundle.equals("email") ? MESSAGE_FORMAT : I18NEXT;
        Properties en = load(dir.resolve("messages_en.properties"));
        for (String locale : LOCALES) {
            Properties other = load(dir.resolve("messages_" + locale + ".properties"));
            assertEquals(en.stringPropertyNames(), other.stringPropertyNames(), bundle + " " + locale);
            for (String key : en.stringPropertyNames()) {
                String english = en.getProperty(key);
                String translated = other.getProperty(key);
                assertEquals(placeholders(placeholder, english), placeholders(placeholder, translated), bundle + " " + locale + " " + key);
                assertFalse(english.length() > 25 && english.equals(translated), bundle + " " + locale + " " + key + " is not translated");
            }
        }
    }

    @Test
    void emailMessagesAreValidMessageFormatPatterns() throws IOException {
        for (String locale : List.of("en", "de", "fr", "es", "pt_BR")) {
            Properties p = load(EMAIL.resolve("messages_" + locale + ".properties"));
            for (String key : p.stringPropertyNames()) {
                String formatted = new MessageFormat(p.getProperty(key)).format(new Object[] {"A", "B", "C", "D"});
                assertFalse(formatted.contains("{") || p.getProperty(key).matches(".*[^']'[^'].*"), locale + " " + key + ": " + formatted);
            }
        }
    }

    @Test
    void theAdminFormsEnglishMessagesAreTheOptionsTexts() throws IOException {
        Properties en = load(ADMIN.resolve("messages_en.properties"));
        for (FamilyOption o : FamilyConfigProperties.OPTIONS) {
            assertEquals(o.label(), en.getProperty(o.messageKey()), o.key());
            assertEquals(o.help(), en.getProperty(o.messageKey() + "Help"), o.key());
        }
        assertTrue(en.containsKey("tokenFamiliesClients") && en.containsKey("tokenFamiliesClientsHelp"));
    }

    private static Set<String> placeholders(Pattern p, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
