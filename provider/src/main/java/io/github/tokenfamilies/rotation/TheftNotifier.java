package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.errors.FamilyError;
import org.keycloak.models.KeycloakSession;

/** Hook for R5 {@code notify-user}: e-mails the user when theft revokes a family (see events package). */
final class TheftNotifier {

    private TheftNotifier() {
    }

    static void notify(KeycloakSession session, FamilyRevoker.Target target, FamilyError error, FamilyState state) {
        // Filled in by the notify feature; no-op until then.
    }
}
