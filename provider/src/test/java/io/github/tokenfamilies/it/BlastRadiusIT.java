package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R5: blast radius {@code session} and {@code user} revoke what they say and nothing more. */
@ExtendWith(KeycloakExtension.class)
class BlastRadiusIT {

    static final String SESSION_APP = "radius-session-app";
    static final String USER_APP = "radius-user-app";

    @BeforeAll
    static void clients(Kc kc) {
        kc.createPublicClient(SESSION_APP);
        kc.optIn(SESSION_APP, Map.of("blast-radius", "session", "grace-seconds", "30"));
        kc.createPublicClient(USER_APP);
        kc.optIn(USER_APP, Map.of("blast-radius", "user", "grace-seconds", "30"));
    }

    @Test
    void sessionRadiusEndsTheWholeSessionButNotTheUsersOtherSessions(Kc kc) {
        TestUser u = kc.createUser("radius-s");
        Reply device = kc.passwordLogin(SESSION_APP, u);
        Reply otherDevice = kc.passwordLogin(SESSION_APP, u);
        Reply otherUser = kc.passwordLogin(SESSION_APP, kc.createUser("bystander"));
        steal(kc, SESSION_APP, device);
        assertEquals(401, kc.userinfo(device.accessToken()).status(), "the session is gone");
        assertEquals(200, kc.refresh(SESSION_APP, otherDevice.refreshToken()).status(), "the user's other session lives");
        assertEquals(200, kc.refresh(SESSION_APP, otherUser.refreshToken()).status());
    }

    @Test
    void userRadiusEndsEverySessionOfThatUserOnly(Kc kc) {
        TestUser u = kc.createUser("radius-u");
        Reply device = kc.passwordLogin(USER_APP, u);
        Reply otherDevice = kc.passwordLogin(USER_APP, u);
        Reply otherClient = kc.passwordLogin("legacy-service", u);
        Reply otherUser = kc.passwordLogin(USER_APP, kc.createUser("bystander"));
        steal(kc, USER_APP, device);
        assertEquals("family_revoked", kc.refresh(USER_APP, otherDevice.refreshToken()).code());
        assertEquals(400, kc.refresh("legacy-service", otherClient.refreshToken()).status(), "every session of the user");
        assertEquals(401, kc.userinfo(otherClient.accessToken()).status());
        assertEquals(200, kc.refresh(USER_APP, otherUser.refreshToken()).status(), "other users untouched");
    }

    /** R9: every family a blast radius ends is a revocation event of its own, naming it and why it ended. */
    @Test
    void everyFamilyTheRadiusEndsGetsItsOwnEvent(Kc kc) {
        TestUser u = kc.createUser("radius-ev");
        Reply device = kc.passwordLogin(USER_APP, u);
        Reply otherDevice = kc.passwordLogin(USER_APP, u);
        String stolen = Jwt.familyId(device.refreshToken());
        String sibling = Jwt.familyId(otherDevice.refreshToken());
        steal(kc, USER_APP, device);

        java.util.Set<String> named = new java.util.HashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode e : EventsIT.events(kc, u, "LOGOUT_ERROR")) {
            assertEquals("refresh_token_reused", e.path("details").path("revoke_reason").asText(), e.toString());
            assertEquals("user", e.path("details").path("blast_radius").asText(), e.toString());
            named.add(e.path("details").path("family_id").asText());
        }
        assertEquals(java.util.Set.of(stolen, sibling), named, "one event per ended family");
    }

    /** Rotates twice, then presents the first token again. */
    static void steal(Kc kc, String client, Reply login) {
        Reply r2 = kc.refresh(client, login.refreshToken());
        kc.refresh(client, r2.refreshToken());
        assertEquals("refresh_token_reused", kc.refresh(client, login.refreshToken()).code());
    }
}
