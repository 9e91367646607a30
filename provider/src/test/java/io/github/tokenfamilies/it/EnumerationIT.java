package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DESIGN.md §6: the mobile endpoint never reveals more about an account (exists, locked, disabled) than Keycloak's
 * standard token endpoint does for the same request. Each case sends the same password-grant credentials to both
 * endpoints; wherever the standard endpoint gives two cases the same reply, the mobile endpoint must too. Runs in
 * the demo realm, whose brute-force protection (5 failures, temporary lockout) ships in realm-export.json; every
 * case has its own user, so nothing shared changes.
 */
@ExtendWith(KeycloakExtension.class)
class EnumerationIT {

    static final String APP = "mobile-app";
    static final String WRONG = "wrong-password";

    record Outcome(String name, Reply standard, Reply mobile) {

        /** Everything the standard endpoint says: status, error, description. */
        String standardKey() {
            return standard.status() + " " + standard.field("error") + " / " + standard.field("error_description");
        }

        /** Everything the mobile endpoint says: status, code, text, action, and whether it asks the app to wait. */
        String mobileKey() {
            return mobile.status() + " " + mobile.field("error") + " / " + mobile.field("error_description") + " / "
                    + mobile.field("action") + (mobile.headers().firstValue("Retry-After").isPresent() ? " / Retry-After" : "");
        }
    }

    @Test
    void theMobileEndpointTellsAccountsApartOnlyWhereTheStandardEndpointDoes(Kc kc) {
        List<Outcome> outcomes = new ArrayList<>();

        outcomes.add(both(kc, "unknown user", "nobody-" + UUID.randomUUID(), WRONG));

        TestUser existing = kc.createUser("enum-wrong");
        outcomes.add(both(kc, "existing user, wrong password", existing.username(), WRONG));

        TestUser disabledWrong = disabled(kc, "enum-disabled-wrong");
        outcomes.add(both(kc, "disabled user, wrong password", disabledWrong.username(), WRONG));

        TestUser disabledRight = disabled(kc, "enum-disabled-right");
        outcomes.add(both(kc, "disabled user, right password", disabledRight.username(), disabledRight.password()));

        TestUser lockedWrong = locked(kc, "enum-locked-wrong");
        outcomes.add(both(kc, "locked user, wrong password", lockedWrong.username(), WRONG));

        TestUser lockedRight = locked(kc, "enum-locked-right");
        outcomes.add(both(kc, "locked user, right password", lockedRight.username(), lockedRight.password()));

        StringBuilder table = new StringBuilder("case | standard endpoint | mobile endpoint\n");
        outcomes.forEach(o -> table.append(o.name()).append(" | ").append(o.standardKey()).append(" | ").append(o.mobileKey()).append('\n'));
        System.out.println("[EnumerationIT]\n" + table);

        for (Outcome a : outcomes) {
            for (Outcome b : outcomes) {
                if (a.standardKey().equals(b.standardKey())) {
                    assertEquals(a.mobileKey(), b.mobileKey(), "the standard endpoint answers \"" + a.name() + "\" and \""
                            + b.name() + "\" alike, so the mobile endpoint must too:\n" + table);
                }
            }
        }
        // What stock Keycloak reveals: only a disabled account ("Account disabled"): on 26.7 and 26.5 only to the right
        // password, on 26.4 to any password (measured). Never a lockout.
        for (Outcome o : outcomes) {
            if ("Account disabled".equals(o.standard().field("error_description"))) {
                assertEquals("account_disabled", o.mobile().field("error"), table.toString());
                assertEquals(403, o.mobile().status(), table.toString());
            } else {
                assertEquals("invalid_credentials", o.mobile().field("error"), o.name() + "\n" + table);
                assertEquals(401, o.mobile().status(), o.name() + "\n" + table);
                assertTrue(o.mobile().headers().firstValue("Retry-After").isEmpty(), o.name() + "\n" + table);
            }
        }
    }

    /** Sends the same password grant to the standard endpoint, then to the mobile endpoint. */
    static Outcome both(Kc kc, String name, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", APP);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        Reply standard = kc.postForm(kc.tokenUrl(), form);
        Reply mobile = kc.mobileToken("{\"grant_type\":\"password\",\"client_id\":\"" + APP + "\",\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"scope\":\"openid\",\"device\":{\"id\":\"enum-" + UUID.randomUUID()
                + "\",\"name\":\"Enumeration probe\"}}");
        assertTrue(standard.status() >= 400 && mobile.status() >= 400, name + ": both refuse (" + standard + " / " + mobile + ")");
        return new Outcome(name, standard, mobile);
    }

    static TestUser disabled(Kc kc, String prefix) {
        TestUser u = kc.createUser(prefix);
        assertEquals(204, kc.admin("PUT", "/users/" + u.id(), "{\"enabled\":false}").status());
        return u;
    }

    /** A user locked by the demo realm's brute-force protection: more failed logins than its failure factor (5). */
    static TestUser locked(Kc kc, String prefix) {
        TestUser u = kc.createUser(prefix);
        // a failure sent while Keycloak still records the previous one is refused uncounted: try until locked
        for (int i = 0; i < 20 && !kc.lockedOut(u.id()); i++) {
            kc.passwordLogin(APP, new TestUser(u.id(), u.username(), WRONG));
        }
        assertEquals(true, kc.lockedOut(u.id()), "brute-force protection locked " + prefix);
        return u;
    }
}
