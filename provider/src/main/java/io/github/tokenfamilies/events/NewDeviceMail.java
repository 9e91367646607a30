package io.github.tokenfamilies.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.tokenfamilies.device.DeclaredDevice;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;

/**
 * The new-device e-mail, captured at login (device, app, time, address, the account console's Device activity page)
 * and sent after the login committed. Templates: {@value #TEMPLATE} in the {@code token-families} e-mail theme; every
 * value is declared by the client or the request and escaped by the HTML template. Never contains token material.
 */
record NewDeviceMail(String realmId, String userId, DeclaredDevice device, String app, long time, String ip, String devicesPage) {

    static final String TEMPLATE = "token-family-new-device.ftl";
    static final String SUBJECT_KEY = "tokenFamilyNewDeviceSubject";

    static NewDeviceMail of(KeycloakSession session, UserModel user, DeclaredDevice device) {
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = session.getContext().getClient();
        String ip = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        String devicesPage = Urls.accountBase(session.getContext().getUri().getBaseUri())
                .path("account-security/device-activity").build(realm.getName()).toString();
        return new NewDeviceMail(realm.getId(), user.getId(), device, appName(client), Time.currentTime(), ip, devicesPage);
    }

    /** The client's name, or its client id when it has none (or only a message key). */
    private static String appName(ClientModel client) {
        String name = client.getName();
        return name == null || name.isBlank() || name.contains("${") ? client.getClientId() : name;
    }

    void send(KeycloakSession session, RealmModel realm, UserModel user) {
        MailTexts texts = MailTexts.of(session, realm, user);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("deviceName", texts.deviceName(device));
        attributes.put("platform", texts.platform(device));
        attributes.put("app", app);
        attributes.put("time", texts.time(time));
        attributes.put("ipAddress", texts.address(ip));
        attributes.put("devicesUrl", devicesPage);
        UserMail.send(session, realm, user, SUBJECT_KEY, List.of(attributes.get("deviceName")), TEMPLATE, attributes,
                "a sign-in from a new device");
    }
}
