package io.github.tokenfamilies.rotation;

import java.security.SecureRandom;
import java.util.Base64;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.device.DeviceActivityNote;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.FamilyMetrics;
import io.github.tokenfamilies.events.NewDeviceAlert;
import io.github.tokenfamilies.errors.FamilyException;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.TokenUtil;

/**
 * Makes the refresh token Keycloak is about to sign a family token: a login starts a family at generation 1; a
 * rotation that {@link RefreshGate} granted issues the next generation. Runs on the token-response client-policy
 * events (every grant that issues a refresh token to an opted-in client, Keycloak 26.4 to 26.7), where Keycloak has
 * built the refresh token and not yet encoded it, and writes the family state beside it.
 */
public final class FamilyIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;

    public FamilyIssuer(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Adds the family claims to {@code token} (null: the grant issues no refresh token) and records the family.
     *
     * @param refresh the response of a refresh: it continues the family the gate rotated, and never starts one
     * @throws FamilyException {@code server_error} when a refresh response comes without the gate's rotation: the
     *                         client's policy applied to the response but not to the request (a condition that
     *                         depends on the request, such as grant-type); starting a family here would let any
     *                         refresh token, a revoked family's too, refresh into a new family
     */
    public void issue(RefreshToken token, boolean refresh) throws FamilyException {
        if (token == null || FamilyConfig.current(session) == null) {
            return;
        }
        if (refresh && Rotation.current(session) == null) {
            throw SplitPolicy.refused(session);
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = session.getContext().getClient();
        boolean offline = TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType());
        AuthenticatedClientSessionModel cs = FamilyStore.clientSession(session, realm, client, token.getSessionId(), offline);
        if (cs == null) {
            throw new IllegalStateException("no client session for the refresh token being issued; refusing to issue it outside a family");
        }
        long now = Time.currentTime();
        String ip = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        Rotation rotation = Rotation.current(session);
        String familyId;
        FamilyState state;
        if (rotation == null) {
            familyId = newFamilyId();
            state = born(cs, now, ip, token, 0);
            NewDeviceAlert.onLogin(session, cs.getUserSession().getUser(), state.device());
        } else {
            FamilyState previous = FamilyStore.read(cs, rotation.familyId());
            familyId = rotation.familyId();
            if (previous != null && previous.generation() == rotation.fromGeneration()) {
                state = previous.rotated(now, ip).boundTo(previous.jkt() != null ? previous.jkt() : thumbprint(token));
                FamilyMetrics.rotation(realm.getName());
            } else if (previous == null && rotation.fromGeneration() == 0) {
                state = born(cs, now, ip, token, now); // the first refresh of a token issued before the opt-in
            } else {
                // RefreshGate granted this rotation from a position the store no longer holds: never fork.
                throw new IllegalStateException("token family moved during its rotation; the request is rolled back");
            }
            rotation.markIssued();
        }
        FamilyStore.write(cs, familyId, state);
        new FamilyClaims(familyId, state.generation()).writeTo(token);
        EventBuilder event = FamilyEvents.current(session);
        if (event != null) {
            FamilyEvents.family(event, familyId, state.generation(), state.device());
        }
    }

    private FamilyState born(AuthenticatedClientSessionModel cs, long now, String ip, RefreshToken token, long rotatedAt) {
        FamilyStore.dropCopiesOfOnlineFamilies(session, cs);
        FamilyStore.makeRoom(cs, now);
        DeclaredDevice device = DeclaredDevice.current(session);
        DeviceActivityNote.apply(cs.getUserSession(), device);
        return FamilyState.born(now, ip, device, thumbprint(token)).rotatedAt(rotatedAt);
    }

    private static String thumbprint(RefreshToken token) {
        return DpopKey.of(token); // a DPoP key only: other cnf.jkt uses (client attestation) do not bind a family
    }

    private static String newFamilyId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
