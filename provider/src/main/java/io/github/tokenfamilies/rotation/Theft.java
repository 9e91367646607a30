package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.FamilyMetrics;
import io.github.tokenfamilies.events.TheftNotifier;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

/** A theft signal (reuse or device mismatch) for one family: revoke, log one WARN line, tag the event. */
final class Theft {

    private static final Logger LOG = Logger.getLogger("io.github.tokenfamilies.theft");

    private final KeycloakSession session;
    private final FamilyConfig config;
    private final FamilyRevoker.Target target;
    private final boolean legacy;

    Theft(KeycloakSession session, FamilyConfig config, FamilyRevoker.Target target) {
        this(session, config, target, false);
    }

    /** @param legacy the presented token was issued before the opt-in: its family may not be recorded yet */
    Theft(KeycloakSession session, FamilyConfig config, FamilyRevoker.Target target, boolean legacy) {
        this.session = session;
        this.config = config;
        this.target = target;
        this.legacy = legacy;
    }

    FamilyRevoker.Target target() {
        return target;
    }

    FamilyException reuse(FamilyState state, String why) {
        return signal(FamilyError.REFRESH_TOKEN_REUSED, state, why,
                "refresh token was already used; its token family is revoked");
    }

    FamilyException mismatch(FamilyState state, String why) {
        return signal(FamilyError.DEVICE_MISMATCH, state, why,
                "this refresh token belongs to another device; its token family is revoked");
    }

    private FamilyException signal(FamilyError error, FamilyState state, String why, String text) {
        boolean first = FamilyRevoker.revokeOnTheft(session, target, error.code(), config.blastRadius(), legacy);
        EventBuilder event = FamilyEvents.current(session);
        if (event != null) {
            event.detail(FamilyEvents.FAMILY_ERROR, error.code());
        }
        if (!first) {
            return new FamilyException(FamilyError.FAMILY_REVOKED, "this token family was revoked; log in again");
        }
        String ip = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        LOG.warnf("Token family %s revoked: %s (%s). realm=%s client=%s user=%s ip=%s last_ip=%s blast_radius=%s",
                target.familyId(), error.code(), why, session.getContext().getRealm().getName(),
                session.getContext().getClient().getClientId(), target.userId(), ip,
                state == null ? "?" : state.lastIp(), config.blastRadius().value());
        FamilyMetrics.theft(session.getContext().getRealm().getName(), error.code());
        if (config.notifyUser()) {
            TheftNotifier.notify(session, session.getContext().getRealm(), target.userId(),
                    session.getContext().getClient().getClientId(), state == null ? null : state.device(), ip);
        }
        return new FamilyException(error, text);
    }
}
