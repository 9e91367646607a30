package io.github.tokenfamilies.limit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.config.OnDeviceLimit;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.device.DeviceDirectory;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import io.github.tokenfamilies.rotation.FamilyRevoker;
import io.github.tokenfamilies.rotation.FamilyStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.TokenUtil;

/**
 * {@code max-devices} / {@code on-device-limit}: before a login starts a family, makes room for it among the user's
 * live families of this client, or refuses it. Runs on the token-response events of logins, after Keycloak verified
 * the credentials (or the code and PKCE verifier) and before it signs the tokens, under a per-(realm, user, client)
 * lock held until the login's transaction completed, so concurrent logins are counted one after another, on any
 * node (docs/families.md, "Device limits").
 */
public final class DeviceLimit {

    /** Revocation reason of a family signed out to make room (evict-oldest, or the user's {@code replace_device}). */
    public static final String REASON_LIMIT = "device_limit";
    /** Revocation reason of a family replaced by a new login from the same device id. */
    public static final String REASON_RELOGIN = "device_relogin";
    /** The login parameter naming the family to sign out ({@code refuse}). */
    public static final String REPLACE_DEVICE = "replace_device";

    private DeviceLimit() {
    }

    /** @param token the refresh token the login is about to issue ({@code null}: no family is started) */
    public static void enforce(KeycloakSession session, FamilyConfig config, RefreshToken token) throws FamilyException {
        if (token == null || !config.limitsDevices()) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = session.getContext().getClient();
        boolean offline = TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType());
        UserSessionModel login = FamilyStore.userSession(session, realm, token.getSessionId(), offline);
        if (login == null) {
            return; // FamilyIssuer refuses a refresh token without a session
        }
        DeviceLimitLock.acquire(session, realm.getId(), login.getUser().getId(), client.getId());
        List<DeviceDirectory.Entry> live = new ArrayList<>();
        String deviceId = DeclaredDevice.current(session).id();
        for (DeviceDirectory.Entry e : new DeviceDirectory(session, realm).list(login.getUser())) {
            if (!e.target().clientUuid().equals(client.getId())) {
                continue;
            }
            if (deviceId != null && deviceId.equals(e.view().device().id())) {
                revoke(session, e, REASON_RELOGIN, login); // the same install logging in again: a replacement, not a device more
            } else {
                live.add(e);
            }
        }
        if (live.size() < config.maxDevices()) {
            return;
        }
        if (config.onDeviceLimit() == OnDeviceLimit.EVICT_OLDEST) {
            live.stream().sorted(OLDEST_FIRST).limit(live.size() - config.maxDevices() + 1L)
                    .forEach(e -> revoke(session, e, REASON_LIMIT, login));
            return;
        }
        String chosen = replaceDevice(session);
        DeviceDirectory.Entry replaced = live.stream().filter(e -> e.view().id().equals(chosen)).findFirst().orElse(null);
        if (replaced != null) {
            revoke(session, replaced, REASON_LIMIT, login);
            live.remove(replaced);
            if (live.size() < config.maxDevices()) {
                return;
            }
        }
        live.sort(Comparator.comparingLong((DeviceDirectory.Entry e) -> e.view().lastRefreshAt()).reversed());
        DeviceChoice.offer(session, live.stream().map(e -> e.view().withCurrent(false)).toList());
        throw new FamilyException(FamilyError.DEVICE_LIMIT_REACHED, "this account is signed in on " + live.size()
                + " devices for this app, the most it may be; sign one out by repeating the login with "
                + REPLACE_DEVICE + " set to its id");
    }

    /** Least recently refreshed first; then the oldest; then by id, so every node picks the same. */
    private static final Comparator<DeviceDirectory.Entry> OLDEST_FIRST = Comparator
            .comparingLong((DeviceDirectory.Entry e) -> e.view().lastRefreshAt())
            .thenComparingLong(e -> e.view().createdAt())
            .thenComparing(e -> e.view().id());

    private static void revoke(KeycloakSession session, DeviceDirectory.Entry e, String reason, UserSessionModel login) {
        if (e.target().sessionId().equals(login.getId())) {
            FamilyRevoker.revokeKeepingSession(session, e.target(), reason); // the new family is born in this session
        } else {
            new DeviceDirectory(session, session.getContext().getRealm()).revoke(e, reason);
        }
    }

    private static String replaceDevice(KeycloakSession session) {
        var request = session.getContext().getHttpRequest();
        var form = request == null ? null : request.getDecodedFormParameters();
        return form == null ? null : form.getFirst(REPLACE_DEVICE);
    }
}
