package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.github.tokenfamilies.it.support.Dpop;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 11, defect 10: with require-dpop on, refreshes without a DPoP proof are refused, also of older families. */
@ExtendWith(KeycloakExtension.class)
class RequireDpopRefreshIT {

    @Test
    void refreshesWithoutAProofAreRefusedOnceDpopIsRequired(Kc kc) {
        String client = "require-dpop-app";
        kc.createPublicClient(client);
        kc.optIn(client, Map.of());
        TestUser u = kc.createUser("reqdpop");
        Reply login = kc.passwordLogin(client, u);
        assertEquals(200, login.status(), login.toString());

        kc.optIn(client, Map.of("require-dpop", "true"));
        Reply bare = kc.refresh(client, login.refreshToken());
        assertEquals(400, bare.status(), bare.toString());
        assertEquals("invalid_dpop_proof", bare.field("error"), "a family created before the switch needs a proof too: " + bare);

        Dpop key = new Dpop();
        Reply proven = kc.refresh(client, login.refreshToken(), "DPoP", key.proof("POST", kc.tokenUrl(), null));
        assertEquals(200, proven.status(), "the same token with a proof works (the refusal consumed nothing): " + proven);
    }
}
