package io.github.tokenfamilies.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * The executor options: one table from which the admin console's form (Realm settings → Client policies →
 * Profiles) and the validation when a profile is saved are both derived. To add an option, add its line here and
 * read it in {@link FamilyConfig}.
 */
public final class FamilyConfigProperties {

    /** Every option of the {@code token-families} executor, in the console's order. */
    public static final List<FamilyOption> OPTIONS = List.of(
            FamilyOption.integer(FamilyConfig.GRACE_SECONDS, "Retry grace (seconds)",
                    "A refresh token presented again within this many seconds after it was used, before its successor "
                            + "was used, gets the same reply instead of revoking the family.",
                    FamilyConfig.DEFAULT_GRACE_SECONDS, 0, FamilyConfig.MAX_GRACE_SECONDS),
            FamilyOption.choice(FamilyConfig.BLAST_RADIUS, "Blast radius on reuse",
                    "What a reused refresh token revokes: the token family, the whole user session, or every session of the user.",
                    BlastRadius.FAMILY.value(), BlastRadius.SESSION.value(), BlastRadius.USER.value()),
            FamilyOption.bool(FamilyConfig.NOTIFY_USER, "E-mail the user on reuse",
                    "Send the user an e-mail naming the device and time when reuse revokes a family."),
            FamilyOption.bool(FamilyConfig.REQUIRE_DEVICE_ID, "Require a device id",
                    "Logins without a device id (mobile endpoint device.id or X-Device-Id header) are refused."),
            FamilyOption.bool(FamilyConfig.REQUIRE_DPOP, "Require DPoP",
                    "Logins and refreshes without a DPoP proof are refused."),
            FamilyOption.bool(FamilyConfig.COOKIE_MODE, "Cookie mode (browser apps)",
                    "On the mobile endpoint the refresh token travels only in an HttpOnly cookie, never in the body."),
            FamilyOption.integer(FamilyConfig.MAX_DEVICES, "Maximum devices per user",
                    "The most live token families (devices) a user may hold for this client; 0 for no limit. "
                            + "A login from a device id that already holds a family replaces that family.",
                    0, 0, FamilyConfig.MAX_DEVICES_LIMIT),
            FamilyOption.choice(FamilyConfig.ON_DEVICE_LIMIT, "At the device limit",
                    "refuse: the login is refused with device_limit_reached and the app offers to sign a device out "
                            + "(replace_device); evict-oldest: the login succeeds and the least recently refreshed device is signed out.",
                    "refuse", "evict-oldest"),
            FamilyOption.bool(FamilyConfig.NOTIFY_NEW_DEVICE, "E-mail the user on a new device",
                    "Send the user one e-mail the first time they sign in from a device (device id) not used with this "
                            + "realm before. Logins without a device id are not counted."));

    private FamilyConfigProperties() {
    }

    /** The console's form fields. */
    public static List<ProviderConfigProperty> get() {
        return OPTIONS.stream().map(FamilyOption::property).toList();
    }

    /**
     * What is wrong with a stored executor configuration, one message per invalid option (each naming the option and
     * what it accepts); empty when it is valid. Keys that are not options are left alone.
     */
    public static List<String> problems(Map<String, Object> config) {
        List<String> problems = new ArrayList<>();
        if (config != null) {
            for (FamilyOption o : OPTIONS) {
                o.problem(config.get(o.key())).ifPresent(problems::add);
            }
        }
        return problems;
    }
}
