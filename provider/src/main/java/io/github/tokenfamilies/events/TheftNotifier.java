package io.github.tokenfamilies.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.tokenfamilies.device.DeclaredDevice;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * R5 {@code notify-user}: e-mails the user, through Keycloak's e-mail sender and the realm's SMTP settings, when a
 * theft signal revoked one of their families. Names the device and the time; never contains token material.
 * Templates: e-mail theme {@code token-families} (themes/token-families/email). The attributes are raw, as the
 * client declared them; the HTML template escapes them (FreeMarker auto-escaping, no kcSanitize), the text template
 * prints them as they are.
 */
public final class TheftNotifier {

    public static final String TEMPLATE = "token-family-theft.ftl";
    public static final String SUBJECT_KEY = "tokenFamilyTheftSubject";
    private static final Logger LOG = Logger.getLogger(TheftNotifier.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TheftNotifier() {
    }

    public static void notify(KeycloakSession session, RealmModel realm, String userId, String clientId, DeclaredDevice device, String ip) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null || user.getEmail() == null || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            LOG.debugf("no e-mail sent for a revoked family of user %s: no address or no SMTP settings", userId);
            return;
        }
        String deviceName = device == null ? null : device.name() != null ? device.name() : device.model() != null ? device.model() : device.platform();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("deviceName", deviceName != null ? deviceName : "an unnamed device");
        attributes.put("time", TIME.format(Instant.now()));
        attributes.put("clientId", clientId);
        attributes.put("ipAddress", ip != null ? ip : "an unknown address");
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(SUBJECT_KEY, List.of(attributes.get("deviceName")), TEMPLATE, attributes);
        } catch (EmailException e) {
            LOG.warnf("could not e-mail user %s about a revoked token family: %s", userId, e.getMessage());
        }
    }
}
