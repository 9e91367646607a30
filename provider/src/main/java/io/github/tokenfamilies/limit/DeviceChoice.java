package io.github.tokenfamilies.limit;

import java.util.List;

import io.github.tokenfamilies.device.FamilyView;
import org.keycloak.models.KeycloakSession;

/**
 * The devices a refused login may choose from ({@code device_limit_reached}), kept for the request that was refused.
 * Only set after Keycloak verified the user's credentials (the limit runs on the token-response event), so only
 * a caller who proved them ever sees it. The mobile endpoint adds it to its error body as {@code devices}.
 */
public final class DeviceChoice {

    private static final String SESSION_ATTRIBUTE = DeviceChoice.class.getName();

    private DeviceChoice() {
    }

    static void offer(KeycloakSession session, List<FamilyView> devices) {
        session.setAttribute(SESSION_ATTRIBUTE, List.copyOf(devices));
    }

    /** The live devices offered by the refusal of this request, or {@code null} when it was not refused for the limit. */
    @SuppressWarnings("unchecked")
    public static List<FamilyView> offered(KeycloakSession session) {
        return session.getAttribute(SESSION_ATTRIBUTE, List.class);
    }
}
