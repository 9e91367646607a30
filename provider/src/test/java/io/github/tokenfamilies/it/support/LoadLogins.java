package io.github.tokenfamilies.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.tokenfamilies.it.support.LoadFamily.Group;
import io.github.tokenfamilies.it.support.LoadFamily.Origin;
import io.github.tokenfamilies.it.support.Op.Kind;
import io.github.tokenfamilies.it.support.OpLog.Recorded;

/**
 * The logins of one load worker's user: a password family (alone in its Keycloak session), a device-bound mobile
 * family (alone too), and a browser whose code logins (two of mobile-app, the first with {@code X-Device-Id}, and
 * one of web-app) share one Keycloak session, so that revoking one of them leaves the session and its other
 * families alive. A group whose families are all retired is replaced by a new login; a browser that lost a family
 * sometimes logs in again, adding a family to the same session. About a third of the families are loyal: only
 * refreshed and retried, never revoked (check c).
 */
final class LoadLogins {

    private static final String APP = LoadWorker.APP;
    private static final String WEB = "web-app";
    private static final String APP_REDIRECT = "com.example.app:/oauth2redirect";
    private static final String WEB_REDIRECT = "http://localhost:8080/cb";

    private final InvariantLoad load;
    private final int worker;
    private final TestUser user;
    private final Random rnd;
    private final List<Group> groups = new ArrayList<>();
    /** Every family ever logged in; helper threads of a burst read it, the final phase too. */
    private final List<LoadFamily> families = new CopyOnWriteArrayList<>();

    /** @param rnd the worker's own seeded Random (used on the worker's thread only) */
    LoadLogins(InvariantLoad load, int worker, TestUser user, Random rnd) {
        this.load = load;
        this.worker = worker;
        this.user = user;
        this.rnd = rnd;
    }

    List<LoadFamily> families() {
        return families;
    }

    /** Keeps one password, one mobile and one browser group with families in use; browsers sometimes log in again. */
    void replenish() {
        for (Origin origin : Origin.values()) {
            if (groups.stream().noneMatch(g -> g.origin == origin && g.hasActive()) && !login(origin)) {
                LoadWorker.pause(200);
            }
        }
        for (Group g : List.copyOf(groups)) {
            boolean lostOne = g.families.stream().anyMatch(LoadFamily::retired);
            if (g.origin == Origin.BROWSER && g.hasActive() && lostOne && g.families.size() < 5 && rnd.nextInt(4) == 0) {
                codeLogin(g, APP, null); // one more family in the same, still living Keycloak session
            }
        }
    }

    private boolean login(Origin origin) {
        int node = LoadWorker.pickNode(load, rnd);
        Kc kc = load.node(node);
        Group g = new Group(origin, origin == Origin.BROWSER ? new BrowserLogin(kc) : null, node);
        switch (origin) {
            case PASSWORD -> family(g, APP, null, load.log().record(worker, Kind.LOGIN, null, -1, node, () -> kc.passwordLogin(APP, user)));
            case MOBILE -> {
                String device = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
                family(g, APP, device, load.log().record(worker, Kind.LOGIN, null, -1, node,
                        () -> kc.mobileLogin(APP, user, device, "Load phone " + worker)));
            }
            case BROWSER -> {
                codeLogin(g, APP, new UUID(rnd.nextLong(), rnd.nextLong()).toString());
                codeLogin(g, APP, null);
                codeLogin(g, WEB, null);
            }
        }
        if (!g.families.isEmpty()) {
            groups.add(g);
        }
        return !g.families.isEmpty();
    }

    private void codeLogin(Group g, String clientId, String deviceId) {
        String redirect = APP.equals(clientId) ? APP_REDIRECT : WEB_REDIRECT;
        String[] headers = deviceId == null ? new String[0] : new String[]{"X-Device-Id", deviceId, "X-Device-Name", "Load browser " + worker};
        family(g, clientId, deviceId, load.log().record(worker, Kind.LOGIN, null, -1, g.node, () -> {
            try {
                return g.browser.login(clientId, redirect, user, headers);
            } catch (Exception | AssertionError e) {
                return Reply.noAnswer(e);
            }
        }));
    }

    private void family(Group g, String clientId, String deviceId, Recorded login) {
        if (login.op().status() == 200) {
            int loyalUses = rnd.nextInt(10) < 3 ? 5 + rnd.nextInt(20) : 0;
            families.add(new LoadFamily(user.id(), clientId, deviceId, g, loyalUses, login.reply()));
        }
    }
}
