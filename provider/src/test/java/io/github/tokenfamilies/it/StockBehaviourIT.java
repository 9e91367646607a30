package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that is not opted in keeps stock behaviour: the same sequence gives the same replies as on a client of
 * a realm where the extension is not configured at all.
 */
@ExtendWith(KeycloakExtension.class)
class StockBehaviourIT {

    @Test
    void legacyServiceBehavesLikeAClientTheExtensionDoesNotKnow(Kc kc) {
        TestUser u = kc.createUser("stock");
        List<String> demo = sequence(kc, "legacy-service", u);
        kc.createPublicClient("plain-app");
        List<String> plain = sequence(kc, "plain-app", u);
        assertEquals(List.of("200", "200", "200", "400 invalid_grant Invalid refresh token", "no family claim"), demo);
        assertEquals(demo, plain);
    }

    /** login, refresh, refresh the consumed token again, refresh garbage; summarised per step. */
    static List<String> sequence(Kc kc, String client, TestUser u) {
        List<String> out = new ArrayList<>();
        Reply login = kc.passwordLogin(client, u);
        out.add(String.valueOf(login.status()));
        Reply r2 = kc.refresh(client, login.refreshToken());
        out.add(String.valueOf(r2.status()));
        out.add(String.valueOf(kc.refresh(client, login.refreshToken()).status()));
        Reply bad = kc.refresh(client, "not-a-token");
        out.add(bad.status() + " " + bad.field("error") + " " + bad.field("error_description"));
        assertNull(Jwt.familyId(r2.refreshToken()));
        out.add("no family claim");
        return out;
    }
}
