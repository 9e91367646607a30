package io.github.tokenfamilies.accesstoken;

import io.github.tokenfamilies.rotation.FamilyClaims;
import io.github.tokenfamilies.rotation.FamilyRevoker;
import io.github.tokenfamilies.rotation.FamilyState;
import io.github.tokenfamilies.rotation.FamilyStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.TokenUtil;

/**
 * Whether the family a signed token names still stands. A token without {@code tf_fid} is outside any family and
 * always stands. A family stands while its note exists in the token's client session, is not revoked and no
 * revocation of it has begun (its fence); a revoked, evicted or logged-out family does not.
 */
final class FamilyStanding {

    private FamilyStanding() {
    }

    /** The family id a token carries, or {@code null}. */
    static String familyId(AccessToken token) {
        return token.getOtherClaims().get(FamilyClaims.FAMILY_ID) instanceof String fid ? fid : null;
    }

    static boolean stands(KeycloakSession session, RealmModel realm, AccessToken token) {
        String familyId = familyId(token);
        if (familyId == null) {
            return true;
        }
        ClientModel client = token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
        if (client == null || token.getSessionId() == null || FamilyRevoker.begun(session, familyId)) {
            return false; // begun: being revoked, or its session may be back in the cache for a moment (README)
        }
        FamilyState state = find(session, realm, client, token, familyId);
        return state != null && !state.isRevoked();
    }

    /**
     * An offline refresh token names its session; an access token does not say whether its family is online or
     * offline (both sessions share the id), so the online client session is read first, then the offline one.
     */
    private static FamilyState find(KeycloakSession session, RealmModel realm, ClientModel client, AccessToken token,
                                    String familyId) {
        String sid = token.getSessionId();
        if (TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType())) {
            return FamilyStore.read(FamilyStore.clientSession(session, realm, client, sid, true), familyId);
        }
        FamilyState online = FamilyStore.read(FamilyStore.clientSession(session, realm, client, sid, false), familyId);
        return online != null ? online : FamilyStore.read(FamilyStore.clientSession(session, realm, client, sid, true), familyId);
    }
}
