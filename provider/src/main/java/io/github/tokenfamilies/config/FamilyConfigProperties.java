package io.github.tokenfamilies.config;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The executor options as the admin console renders them (Realm settings → Client policies → Profiles). */
public final class FamilyConfigProperties {

    private FamilyConfigProperties() {
    }

    public static List<ProviderConfigProperty> get() {
        return ProviderConfigurationBuilder.create()
                .property().name(FamilyConfig.GRACE_SECONDS).label("Retry grace (seconds)")
                .helpText("A refresh token presented again within this many seconds after it was used, before its "
                        + "successor was used, gets the same reply instead of revoking the family. 0 to 300.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(FamilyConfig.DEFAULT_GRACE_SECONDS)).add()
                .property().name(FamilyConfig.BLAST_RADIUS).label("Blast radius on reuse")
                .helpText("What a reused refresh token revokes: the token family, the whole user session, or every session of the user.")
                .type(ProviderConfigProperty.LIST_TYPE).options("family", "session", "user").defaultValue("family").add()
                .property().name(FamilyConfig.NOTIFY_USER).label("E-mail the user on reuse")
                .helpText("Send the user an e-mail naming the device and time when reuse revokes a family.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(FamilyConfig.REQUIRE_DEVICE_ID).label("Require a device id")
                .helpText("Logins without a device id (mobile endpoint device.id or X-Device-Id header) are refused.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(FamilyConfig.REQUIRE_DPOP).label("Require DPoP")
                .helpText("Logins and refreshes without a DPoP proof are refused.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(FamilyConfig.COOKIE_MODE).label("Cookie mode (browser apps)")
                .helpText("On the mobile endpoint the refresh token travels only in an HttpOnly cookie, never in the body.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(FamilyConfig.MAX_DEVICES).label("Maximum devices per user")
                .helpText("The most live token families (devices) a user may hold for this client; 0 for no limit. "
                        + "A login from a device id that already holds a family replaces that family.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("0").add()
                .property().name(FamilyConfig.ON_DEVICE_LIMIT).label("At the device limit")
                .helpText("refuse: the login is refused with device_limit_reached and the app offers to sign a device out "
                        + "(replace_device); evict-oldest: the login succeeds and the least recently refreshed device is signed out.")
                .type(ProviderConfigProperty.LIST_TYPE).options("refuse", "evict-oldest").defaultValue("refuse").add()
                .build();
    }
}
