package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tokenfamilies.it.support.Dpop;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R6 with DPoP: a refresh with another key than the family's is device_mismatch and revokes the family. */
@ExtendWith(KeycloakExtension.class)
class DpopBindingIT {

    @Test
    void anotherDpopKeyRevokesTheFamily(Kc kc) {
        TestUser u = kc.createUser("dpop");
        Dpop owner = new Dpop();
        Dpop thief = new Dpop();
        String url = kc.mobileUrl("token");
        Reply login = kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"mobile-app\",\"username\":\"" + u.username()
                + "\",\"password\":\"" + u.password() + "\"}", "DPoP", owner.proof("POST", url, null));
        assertEquals(200, login.status(), login.toString());
        assertEquals(owner.thumbprint(), Jwt.claims(login.refreshToken()).path("cnf").path("jkt").asText(), "bound to the owner's key");

        Reply ok = kc.mobileRefresh("mobile-app", login.refreshToken(), null, "DPoP", owner.proof("POST", url, null));
        assertEquals(200, ok.status(), ok.toString());

        Reply stolen = kc.mobileRefresh("mobile-app", ok.refreshToken(), null, "DPoP", thief.proof("POST", url, null));
        assertEquals("device_mismatch", stolen.field("error"), stolen.toString());
        Reply after = kc.mobileRefresh("mobile-app", ok.refreshToken(), null, "DPoP", owner.proof("POST", url, null));
        assertEquals("family_revoked", after.field("error"), "the family is revoked: " + after);

        Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", "DPoP " + login.accessToken(),
                "DPoP", owner.proof("GET", kc.mobileUrl("devices"), login.accessToken()));
        assertEquals(401, list.status(), "the revoked family's access token no longer works: " + list);
    }

    @Test
    void dpopBoundAccessTokensListDevices(Kc kc) {
        TestUser u = kc.createUser("dpop-list");
        Dpop key = new Dpop();
        Reply login = kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"mobile-app\",\"username\":\"" + u.username()
                + "\",\"password\":\"" + u.password() + "\",\"device\":{\"id\":\"dp-1\",\"name\":\"DPoP phone\"}}",
                "DPoP", key.proof("POST", kc.mobileUrl("token"), null));
        Reply list = kc.get(kc.mobileUrl("devices"), "Authorization", "DPoP " + login.accessToken(),
                "DPoP", key.proof("GET", kc.mobileUrl("devices"), login.accessToken()));
        assertEquals(200, list.status(), list.toString());
        assertEquals(true, list.json().get(0).path("device").path("dpop_bound").asBoolean());
    }

    /**
     * A family that logged in without DPoP is bound at its first refresh with a proof. The consumed login token
     * carries no key of its own: its retry must come with the family's key, or it is refused (another key: theft).
     */
    @Test
    void theRetryOfATokenIssuedBeforeTheBindingNeedsTheFamilysKey(Kc kc) {
        TestUser u = kc.createUser("dpop-late");
        String url = kc.mobileUrl("token");
        Dpop owner = new Dpop();
        Dpop thief = new Dpop();
        Reply login = kc.mobileLogin("mobile-app", u, "d-late", "Phone");
        assertEquals(200, login.status(), login.toString());
        Reply bound = kc.mobileRefresh("mobile-app", login.refreshToken(), "d-late", "DPoP", owner.proof("POST", url, null));
        assertEquals(200, bound.status(), bound.toString());

        Reply bare = kc.mobileRefresh("mobile-app", login.refreshToken(), "d-late");
        assertEquals("invalid_dpop_proof", bare.field("error"), "no proof, no replay: " + bare);
        Reply retry = kc.mobileRefresh("mobile-app", login.refreshToken(), "d-late", "DPoP", owner.proof("POST", url, null));
        assertEquals(200, retry.status(), "the owner's retry gets the reply: " + retry);
        assertEquals(bound.refreshToken(), retry.refreshToken());

        Reply stolen = kc.mobileRefresh("mobile-app", login.refreshToken(), "d-late", "DPoP", thief.proof("POST", url, null));
        assertEquals("device_mismatch", stolen.field("error"), stolen.toString());
        Reply after = kc.mobileRefresh("mobile-app", bound.refreshToken(), "d-late", "DPoP", owner.proof("POST", url, null));
        assertEquals("family_revoked", after.field("error"), "the family is revoked: " + after);
    }

    /**
     * R2 holds for DPoP-bound tokens too: a consumed token presented without a proof is served nothing, and once its
     * successor was used it is a reuse, whatever the key (before, Keycloak's own binding check answered
     * invalid_dpop_proof first and the theft went unnoticed).
     */
    @Test
    void aConsumedBoundTokenWithoutAProofIsAReuse(Kc kc) {
        TestUser u = kc.createUser("dpop-keyless");
        String url = kc.mobileUrl("token");
        Dpop owner = new Dpop();
        Reply login = kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"mobile-app\",\"username\":\"" + u.username()
                + "\",\"password\":\"" + u.password() + "\"}", "DPoP", owner.proof("POST", url, null));
        assertEquals(200, login.status(), login.toString());
        Reply second = kc.mobileRefresh("mobile-app", login.refreshToken(), null, "DPoP", owner.proof("POST", url, null));
        assertEquals(200, second.status(), second.toString());

        Reply early = kc.mobileRefresh("mobile-app", login.refreshToken(), null);
        assertEquals("invalid_dpop_proof", early.field("error"), "inside the grace window: served nothing, no verdict: " + early);
        Reply live = kc.mobileRefresh("mobile-app", second.refreshToken(), null);
        assertEquals("invalid_dpop_proof", live.field("error"), "the live token without its proof: " + live);
        Reply third = kc.mobileRefresh("mobile-app", second.refreshToken(), null, "DPoP", owner.proof("POST", url, null));
        assertEquals(200, third.status(), "the refused requests consumed nothing: " + third);

        Reply replay = kc.mobileRefresh("mobile-app", login.refreshToken(), null);
        assertEquals("refresh_token_reused", replay.field("error"), "its successor was used: a reuse without a key too: " + replay);
        Reply after = kc.mobileRefresh("mobile-app", third.refreshToken(), null, "DPoP", owner.proof("POST", url, null));
        assertEquals("family_revoked", after.field("error"), "the family is revoked: " + after);
    }
}
