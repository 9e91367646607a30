package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** R8: per-family state is O(1) in the number of rotations. */
@ExtendWith(KeycloakExtension.class)
class StateSizeIT {

    @Test
    void stateAfterAThousandRotationsIsNoLargerThanAfterTwo(Kc kc) {
        TestUser u = kc.createUser("size");
        String rt = kc.passwordLogin("mobile-app", u).refreshToken();
        rt = kc.refresh("mobile-app", rt).refreshToken();
        int afterTwo = family(kc, u).path("state_bytes").asInt();
        for (int i = 0; i < 998; i++) {
            Reply r = kc.refresh("mobile-app", rt);
            assertEquals(200, r.status(), r.toString());
            rt = r.refreshToken();
        }
        JsonNode f = family(kc, u);
        assertEquals(1000, f.path("generation").asLong());
        assertEquals(afterTwo, f.path("state_bytes").asInt(), "stored state grew with rotations");
    }

    static JsonNode family(Kc kc, TestUser u) {
        JsonNode devices = kc.devicesOf(u.id());
        assertEquals(1, devices.size(), devices.toString());
        return devices.get(0);
    }
}
