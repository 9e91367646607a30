package io.github.tokenfamilies.rotation;

import java.security.SecureRandom;
import java.util.Base64;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.device.DeviceActivityNote;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.FamilyMetrics;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.refresh.DefaultRefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.InitialRefreshTokenContext;
import org.keycloak.protocol.oidc.refresh.RefreshTokenContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.TokenUtil;

/**
 * Issues the refresh tokens of opted-in clients: Keycloak's default token plus the family claims, and the family
 * state written beside it. A login starts a family at generation 1; a rotation that {@link RefreshGate} granted
 * issues the next generation. Refresh processing itself stays Keycloak's default provider.
 * Extends the internal {@code DefaultRefreshTokenProvider} (Keycloak 26.7): covered by the rotation ITs.
 */
final class FamilyRefreshTokenProvider extends DefaultRefreshTokenProvider {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;

    FamilyRefreshTokenProvider(KeycloakSession session) {
        super(session);
        this.session = session;
    }

    @Override
    public boolean supports(InitialRefreshTokenContext ctx) {
        return FamilyConfig.current(session) != null;
    }

    @Override
    public boolean supports(RefreshTokenContext ctx) {
        return false; // the refresh runs in Keycloak's default provider, after RefreshGate allowed it
    }

    @Override
    public RefreshToken generateRefreshToken(InitialRefreshTokenContext ctx) {
        RefreshToken token = super.generateRefreshToken(ctx);
        AuthenticatedClientSessionModel cs = familyHome(ctx, token);
        long now = Time.currentTime();
        String ip = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        Rotation rotation = Rotation.current(session);
        String familyId;
        FamilyState state;
        if (rotation == null) {
            familyId = newFamilyId();
            state = born(cs, now, ip, token, 0);
        } else {
            FamilyState previous = FamilyStore.read(cs, rotation.familyId());
            familyId = rotation.familyId();
            if (previous != null && previous.generation() == rotation.fromGeneration()) {
                state = previous.rotated(now, ip).boundTo(previous.jkt() != null ? previous.jkt() : thumbprint(token));
                FamilyMetrics.rotation(cs.getRealm().getName());
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
        ctx.event().detail(FamilyEvents.FAMILY_ID, familyId)
                .detail(FamilyEvents.GENERATION, String.valueOf(state.generation()));
        if (state.device().id() != null) {
            ctx.event().detail(FamilyEvents.DEVICE_ID, state.device().id());
        }
        return token;
    }

    private FamilyState born(AuthenticatedClientSessionModel cs, long now, String ip, RefreshToken token, long rotatedAt) {
        FamilyStore.dropCopiesOfOnlineFamilies(session, cs);
        FamilyStore.makeRoom(cs, now);
        DeclaredDevice device = DeclaredDevice.current(session);
        DeviceActivityNote.apply(cs.getUserSession(), device);
        return FamilyState.born(now, ip, device, thumbprint(token)).rotatedAt(rotatedAt);
    }

    /** The client session the token belongs to: the offline one for offline tokens. */
    private AuthenticatedClientSessionModel familyHome(InitialRefreshTokenContext ctx, RefreshToken token) {
        AuthenticatedClientSessionModel cs = ctx.clientSessionCtx().getClientSession();
        if (TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType()) && !cs.getUserSession().isOffline()) {
            UserSessionModel offline = session.sessions().getOfflineUserSession(cs.getRealm(), cs.getUserSession().getId());
            if (offline != null && offline.getAuthenticatedClientSessionByClient(cs.getClient().getId()) != null) {
                return offline.getAuthenticatedClientSessionByClient(cs.getClient().getId());
            }
        }
        return cs;
    }

    private static String thumbprint(RefreshToken token) {
        AccessToken.Confirmation cnf = token.getConfirmation();
        return cnf == null ? null : cnf.getKeyThumbprint();
    }

    private static String newFamilyId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
