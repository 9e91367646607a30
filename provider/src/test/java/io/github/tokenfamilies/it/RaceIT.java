package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;

import io.github.tokenfamilies.it.support.AtOnce;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R4: concurrent refreshes of one token produce one rotation and one reply; the family survives. */
@ExtendWith(KeycloakExtension.class)
class RaceIT {

    @Test
    void fiftyConcurrentRefreshesOfOneTokenMakeOneRotation(Kc kc) throws Exception {
        TestUser u = kc.createUser("race");
        String rt1 = kc.passwordLogin("mobile-app", u).refreshToken();
        Set<String> bodies = new HashSet<>();
        for (Reply r : AtOnce.run(50, i -> kc.refresh("mobile-app", rt1))) {
            assertEquals(200, r.status(), "no caller is refused: " + r);
            bodies.add(r.body());
        }
        assertEquals(1, bodies.size(), "every caller got the one reply");
        String rt2 = new Reply(200, null, bodies.iterator().next()).refreshToken();
        assertEquals(2, Jwt.generation(rt2), "exactly one rotation");
        Reply next = kc.refresh("mobile-app", rt2);
        assertEquals(200, next.status(), "no false revocation: the family works afterwards " + next);
        assertEquals(3, Jwt.generation(next.refreshToken()));
    }
}
