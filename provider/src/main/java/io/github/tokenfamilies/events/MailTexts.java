package io.github.tokenfamilies.events;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Properties;

import io.github.tokenfamilies.device.DeclaredDevice;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * The parts of a security e-mail that the code, not the template, words: the time and the stand-ins for what the
 * client did not declare. In the recipient's language, chosen as Keycloak chooses it for the mail itself
 * ({@code KeycloakContext.resolveLocale(user)}: the user's {@code locale} attribute among the realm's supported
 * locales when internationalization is on, else the request's or the realm's default), with the stand-ins read from
 * the realm's e-mail theme; the time in that locale's long date and short time, in the user's {@code zoneinfo}
 * attribute's time zone when it holds a valid zone id, else UTC, with the zone named.
 */
record MailTexts(Locale locale, ZoneId zone, Properties messages) {

    /** Named "UTC" in the mail (ZoneOffset.UTC would print "Z"). */
    private static final ZoneId UTC = ZoneId.of("UTC");
    static final String UNNAMED_DEVICE = "tokenFamilyUnnamedDevice";
    static final String UNKNOWN_ADDRESS = "tokenFamilyUnknownAddress";
    static final String UNKNOWN_PLATFORM = "tokenFamilyUnknownPlatform";

    static MailTexts of(KeycloakSession session, RealmModel realm, UserModel user) {
        Locale locale = Locale.ENGLISH;
        Properties messages = new Properties();
        try {
            locale = session.getContext().resolveLocale(user);
            messages = session.theme().getTheme(Theme.Type.EMAIL).getEnhancedMessages(realm, locale);
        } catch (IOException | RuntimeException e) {
            // no theme or no context: the English stand-ins below, the mail itself still goes out
        }
        return new MailTexts(locale == null ? Locale.ENGLISH : locale, zone(user), messages);
    }

    private static ZoneId zone(UserModel user) {
        String zoneinfo = user == null ? null : user.getFirstAttribute("zoneinfo");
        try {
            return zoneinfo == null || zoneinfo.isBlank() ? UTC : ZoneId.of(zoneinfo.trim());
        } catch (DateTimeException e) {
            return UTC;
        }
    }

    /** E.g. "26. November 2026, 08:15 UTC" (de), "November 26, 2026, 8:15 AM UTC" (en): the JDK's CLDR data. */
    String time(long epochSeconds) {
        DateTimeFormatter format = new DateTimeFormatterBuilder()
                .appendLocalized(FormatStyle.LONG, FormatStyle.SHORT).appendLiteral(' ')
                .appendZoneText(TextStyle.SHORT).toFormatter(locale).withZone(zone);
        return format.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** What the mail calls the device: its declared name, else its model, else its platform (never a link). */
    String deviceName(DeclaredDevice device) {
        String name = device == null ? null : device.name() != null ? device.name() : device.model() != null ? device.model() : device.platform();
        return name != null ? Unlinked.text(name) : text(UNNAMED_DEVICE, "an unnamed device");
    }

    String platform(DeclaredDevice device) {
        return device != null && device.platform() != null ? Unlinked.text(device.platform()) : text(UNKNOWN_PLATFORM, "unknown");
    }

    String address(String ip) {
        return ip != null ? ip : text(UNKNOWN_ADDRESS, "an unknown address");
    }

    private String text(String key, String english) {
        return messages.getProperty(key, english);
    }
}
