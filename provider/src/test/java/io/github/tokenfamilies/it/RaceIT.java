package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
        int n = 50;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return kc.refresh("mobile-app", rt1);
            }, pool));
        }
        go.countDown();
        Set<String> bodies = new HashSet<>();
        for (CompletableFuture<Reply> c : calls) {
            Reply r = c.get();
            assertEquals(200, r.status(), "no caller is refused: " + r);
            bodies.add(r.body());
        }
        pool.shutdown();
        assertEquals(1, bodies.size(), "every caller got the one reply");
        String rt2 = new Reply(200, null, bodies.iterator().next()).refreshToken();
        assertEquals(2, Jwt.generation(rt2), "exactly one rotation");
        Reply next = kc.refresh("mobile-app", rt2);
        assertEquals(200, next.status(), "no false revocation: the family works afterwards " + next);
        assertEquals(3, Jwt.generation(next.refreshToken()));
    }
}
