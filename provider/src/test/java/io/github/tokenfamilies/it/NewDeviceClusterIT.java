package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.github.tokenfamilies.it.support.AtOnce;
import io.github.tokenfamilies.it.support.BrowserLogin;
import io.github.tokenfamilies.it.support.ClusterExtension;
import io.github.tokenfamilies.it.support.KeycloakCluster;
import io.github.tokenfamilies.it.support.Mailbox;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * notify-new-device on the two-node cluster: the first logins of one new device, half on each node at the same
 * moment, send one e-mail. Runs before {@link ClusterIT}, whose last tests stop nodes.
 */
@ExtendWith(ClusterExtension.class)
@Order(990)
class NewDeviceClusterIT {

    static final String APP = "new-device-cluster-app";
    static final String CALLBACK = "http://localhost/cb";

    @Test
    void firstLoginsOfOneDeviceOnBothNodesAtOnceSendOneMail(KeycloakCluster c) throws Exception {
        GreenMail smtp = Mailbox.startSmtp();
        JsonNode previous = Mailbox.use(c.node(1), smtp);
        try {
            c.node(1).createPublicClient(APP);
            c.node(1).optIn(APP, Map.of("notify-new-device", "true"));
            TestUser u = c.node(1).createUser("cl-newdev");
            String phone = "cl-race-" + UUID.randomUUID();
            List<BrowserLogin.Code> codes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                codes.add(new BrowserLogin(c.node(1 + i % 2)).code(APP, CALLBACK, u));
            }
            List<Reply> replies = AtOnce.run(codes.size(), i -> new BrowserLogin(c.node(1 + i % 2))
                    .exchange(APP, CALLBACK, codes.get(i), "X-Device-Id", phone, "X-Device-Name", "Cluster Phone"));
            for (Reply r : replies) {
                assertEquals(200, r.status(), r.toString());
            }
            assertEquals(200, c.node(2).mobileLogin(APP, u, "cl-after-" + UUID.randomUUID(), "After Phone").status());
            assertEquals(List.of("New sign-in on Cluster Phone", "New sign-in on After Phone"),
                    NewDeviceNotifyIT.subjects(Mailbox.awaitTo(smtp, u, 2)));
        } finally {
            Mailbox.restore(c.node(1), previous);
            smtp.stop();
        }
    }
}
