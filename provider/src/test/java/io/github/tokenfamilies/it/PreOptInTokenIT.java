package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, defect 3: a refresh token issued before its client was opted in starts <em>the</em> family on its first
 * refresh and is consumed by it; presenting it again is a grace retry, then a reuse. Online and offline.
 */
@ExtendWith(KeycloakExtension.class)
class PreOptInTokenIT {

    @Test
    void aPreOptInTokenStartsOneFamilyAndIsConsumed(Kc kc) {
        String client = "pre-optin-app";
        kc.createPublicClient(client);
        TestUser u = kc.createUser("preoptin");
        String online = kc.passwordLogin(client, u).refreshToken();
        String offline = kc.passwordLoginWithScope(client, u, "openid offline_access").refreshToken();
        assertNull(Jwt.familyId(online), "issued before the opt-in: no family");
        assertEquals("Offline", Jwt.claims(offline).path("typ").asText());

        kc.optIn(client, Map.of("grace-seconds", "30"));
        for (String legacy : new String[]{online, offline}) {
            Reply first = kc.refresh(client, legacy);
            assertEquals(200, first.status(), first.toString());
            String family = Jwt.familyId(first.refreshToken());
            assertNotNull(family, "the first refresh starts the family");
            assertEquals(1, Jwt.generation(first.refreshToken()));

            Reply retry = kc.refresh(client, legacy);
            assertEquals(first.body(), retry.body(), "a retry within the grace window is the same reply, not a second family");

            Reply second = kc.refresh(client, first.refreshToken());
            assertEquals(200, second.status(), second.toString());
            assertEquals(family, Jwt.familyId(second.refreshToken()));

            Reply reuse = kc.refresh(client, legacy);
            assertEquals("refresh_token_reused", reuse.code(), "after its successor was used the old token is a reuse: " + reuse);
            assertEquals("family_revoked", kc.refresh(client, second.refreshToken()).code(), "the family is revoked");
        }
    }

    @Test
    void theClientsDeviceRequirementsApplyToThePreOptInToken(Kc kc) {
        String client = "pre-optin-device-app";
        kc.createPublicClient(client);
        TestUser u = kc.createUser("preoptin-dev");
        String legacy = kc.passwordLogin(client, u).refreshToken();

        kc.optIn(client, Map.of("require-device-id", "true"));
        Reply noDevice = kc.refresh(client, legacy);
        assertEquals("invalid_request", noDevice.field("error"), "require-device-id applies: " + noDevice);

        Reply withDevice = kc.refresh(client, legacy, "X-Device-Id", "install-1", "X-Device-Name", "Old phone");
        assertEquals(200, withDevice.status(), withDevice.toString());
        Reply otherDevice = kc.refresh(client, withDevice.refreshToken(), "X-Device-Id", "install-2");
        assertEquals("device_mismatch", otherDevice.code(), "the family is bound to the device of its first refresh");
    }

    /**
     * {@code /mobile/logout} with a token from before the opt-in ends it too, also while another family keeps its
     * session alive (two logins of one browser share one client session): the token can no longer start its family.
     */
    @Test
    void aPreOptInTokenCanBeSignedOutOnTheMobileEndpoint(Kc kc) throws Exception {
        String client = "pre-optin-logout-app";
        kc.createPublicClient(client);
        TestUser u = kc.createUser("preoptin-out");
        BrowserLogin browser = new BrowserLogin(kc);
        Reply one = browser.login(client, "http://localhost/cb", u);
        Reply two = browser.login(client, "http://localhost/cb", u);
        assertEquals(200, one.status(), one.toString());
        assertEquals(Jwt.claims(one.refreshToken()).path("sid").asText(), Jwt.claims(two.refreshToken()).path("sid").asText());
        assertNotEquals(one.refreshToken(), two.refreshToken());
        String lone = kc.passwordLogin(client, u).refreshToken();

        kc.optIn(client, Map.of("grace-seconds", "30"));
        Reply other = kc.refresh(client, two.refreshToken());
        assertEquals(200, other.status(), "the other tab's family starts: " + other);

        for (String legacy : new String[] {one.refreshToken(), lone}) {
            Reply out = kc.postJson(kc.mobileUrl("logout"), "{\"refresh_token\":\"" + legacy + "\"}");
            assertEquals(204, out.status(), out.toString());
            Reply after = kc.refresh(client, legacy);
            assertNotEquals(200, after.status(), "a signed-out token must not start its family: " + after);
        }
        assertEquals("family_revoked", kc.refresh(client, one.refreshToken()).code(), "its family is recorded as revoked");
        Reply still = kc.refresh(client, other.refreshToken());
        assertEquals(200, still.status(), "the other tab's family keeps working: " + still);
    }
}
