package io.github.tokenfamilies.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.tokenfamilies.device.DeclaredDevice;
import org.keycloak.common.util.Time;
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

    private TheftNotifier() {
    }

    public static void notify(KeycloakSession session, RealmModel realm, String userId, String clientId, DeclaredDevice device, String ip) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        MailTexts texts = MailTexts.of(session, realm, user);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("deviceName", texts.deviceName(device));
        attributes.put("time", texts.time(Time.currentTime()));
        attributes.put("clientId", clientId);
        attributes.put("ipAddress", texts.address(ip));
        UserMail.send(session, realm, user, SUBJECT_KEY, List.of(attributes.get("deviceName")), TEMPLATE, attributes,
                "a revoked token family");
    }
}
