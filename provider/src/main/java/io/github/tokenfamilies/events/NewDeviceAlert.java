package io.github.tokenfamilies.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.device.KnownDevices;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code notify-new-device}: the first login (a new family) from a device id the user has not signed in from before
 * sends the user one e-mail. The login only reads the user's {@link KnownDevices}; the rest runs after the login's
 * transaction committed, in transactions of its own, so that nothing here can change or fail the token response:
 * a cluster-wide {@code putIfAbsent} on the device's marker elects the one request that announces it (two nodes or
 * two concurrent requests seeing the same first login), the device joins the durable list, and the mail goes out.
 * Logins without a device id are not counted (docs/decisions.md).
 */
public final class NewDeviceAlert {

    /** How long the marker holds a new device's announcement, cluster-wide: covers the durable write and its retries. */
    static final int MARKER_SECONDS = 3600;
    private static final int WRITE_ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(NewDeviceAlert.class);

    private NewDeviceAlert() {
    }

    /** Called for a login (never a refresh) of an opted-in client; does nothing unless the client asks for alerts. */
    public static void onLogin(KeycloakSession session, UserModel user, DeclaredDevice device) {
        FamilyConfig config = FamilyConfig.current(session);
        if (config == null || !config.notifyNewDevice() || device == null || !device.isDeclared() || user == null) {
            return;
        }
        try {
            KnownDevices known = KnownDevices.of(user);
            if (!known.isMostRecent(device.id())) {
                schedule(session, NewDeviceMail.of(session, user, device), !known.isKnown(device.id()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("new-device check for user %s failed; the login goes on: %s", user.getId(), e.getClass().getSimpleName());
        }
    }

    private static void schedule(KeycloakSession session, NewDeviceMail mail, boolean announce) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        KeycloakContext context = session.getContext();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    afterLogin(factory, context, mail, announce);
                } catch (RuntimeException e) {
                    LOG.warnf("new-device alert for user %s failed: %s", mail.userId(), e.getClass().getSimpleName());
                }
            }

            @Override
            protected void rollbackImpl() {
                // the login did not happen: nothing to remember or announce
            }
        });
    }

    private static void afterLogin(KeycloakSessionFactory factory, KeycloakContext context, NewDeviceMail mail, boolean announce) {
        String deviceId = mail.device().id();
        if (announce && !KeycloakModelUtils.runJobInTransactionWithResult(factory,
                s -> s.singleUseObjects().putIfAbsent(marker(mail.realmId(), mail.userId(), deviceId), MARKER_SECONDS))) {
            return; // another request, on this node or another, announces this device
        }
        remember(factory, mail.realmId(), mail.userId(), deviceId);
        if (announce) {
            KeycloakModelUtils.runJobInTransaction(factory, context, s -> {
                RealmModel realm = s.realms().getRealm(mail.realmId());
                s.getContext().setRealm(realm);
                mail.send(s, realm, s.users().getUserById(realm, mail.userId()));
            });
        }
    }

    /** Adds the device to the durable list, retried: a concurrent write of the same user's list fails one of them. */
    private static void remember(KeycloakSessionFactory factory, String realmId, String userId, String deviceId) {
        for (int attempt = 1; ; attempt++) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    s.getContext().setRealm(realm);
                    UserModel user = realm == null ? null : s.users().getUserById(realm, userId);
                    if (user != null) {
                        KnownDevices known = KnownDevices.of(user);
                        known.remember(deviceId);
                        known.save();
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= WRITE_ATTEMPTS) {
                    LOG.warnf("could not remember a device of user %s for new-device alerts: %s", userId, e.getClass().getSimpleName());
                    return;
                }
            }
        }
    }

    /** The marker's key: realm, user and device, hashed (the marker lives in memory only, for an hour). */
    static String marker(String realmId, String userId, String deviceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((realmId + '\0' + userId + '\0' + deviceId).getBytes(StandardCharsets.UTF_8));
            return "tf:new-device:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
