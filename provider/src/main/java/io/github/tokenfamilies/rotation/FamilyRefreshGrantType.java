package io.github.tokenfamilies.rotation;

import java.io.IOException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.FamilyMetrics;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.RefreshTokenGrantType;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's refresh_token grant with three additions for opted-in clients: a retry within the grace window gets
 * the cached bytes of the first reply, a rotation's reply is cached (encrypted) for such retries, and neither is
 * answered once a revocation of the family has begun ({@link RevocationFence}). For other
 * clients it is the stock grant, unchanged. Extends the internal {@code RefreshTokenGrantType}: covered by ITs.
 */
final class FamilyRefreshGrantType extends RefreshTokenGrantType {

    /** Keycloak's context, with the token manager that reuses the gate's verification ({@link VerifiedOnce}). */
    @Override
    protected void setContext(Context context) {
        super.setContext(context);
        this.tokenManager = new VerifiedOnce();
    }

    @Override
    public Response process(Context context) {
        KeycloakSession kc = context.getSession();
        FamilyEvents.attach(kc, context.getEvent());
        Response response;
        try {
            response = super.process(context);
        } catch (GraceReplay replay) {
            if (RevocationFence.isRaised(kc, replay.position().familyId())) {
                context.getEvent().detail(FamilyEvents.FAMILY_ERROR, FamilyError.FAMILY_REVOKED.code()).error(Errors.INVALID_TOKEN);
                throw revoked(context);
            }
            context.getEvent().detail(FamilyEvents.GRACE_REPLAY, "true").success();
            FamilyMetrics.graceReplay(context.getRealm().getName());
            return context.getCors().add(Response.ok(replay.reply(), MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store").header("Pragma", "no-cache"));
        }
        Rotation rotation = Rotation.current(kc);
        if (rotation == null || !(response.getEntity() instanceof AccessTokenResponse body)) {
            return response;
        }
        // Keycloak has already recorded the refresh as a success; the refusals below roll that back, so each records
        // its REFRESH_TOKEN_ERROR itself, as the grace-replay refusal above does.
        if (!rotation.issued() && body.getRefreshToken() != null) { // the gate ran, the family issuer did not
            kc.getTransactionManager().setRollbackOnly();
            context.getEvent().detail(FamilyEvents.FAMILY_ERROR, FamilyError.SERVER_ERROR.code()).error(Errors.INVALID_REQUEST);
            throw new CorsErrorResponseException(context.getCors(), OAuthErrorException.SERVER_ERROR,
                    SplitPolicy.refused(kc).getMessage(), Response.Status.SERVICE_UNAVAILABLE);
        }
        if (rotation.issued() && RevocationFence.isRaised(kc, rotation.familyId())) {
            kc.getTransactionManager().setRollbackOnly(); // the family was revoked while this rotation ran
            context.getEvent().detail(FamilyEvents.FAMILY_ERROR, FamilyError.FAMILY_REVOKED.code()).error(Errors.INVALID_TOKEN);
            throw revoked(context);
        }
        byte[] bytes = serialize(body);
        GraceCache.put(kc, rotation.presented(), rotation.presentedToken(),
                bytes, rotation.graceSeconds());
        return Response.fromResponse(response).entity(bytes).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static CorsErrorResponseException revoked(Context context) {
        return new CorsErrorResponseException(context.getCors(), OAuthErrorException.INVALID_GRANT,
                FamilyError.FAMILY_REVOKED.describe("this token family was revoked; log in again"), Response.Status.BAD_REQUEST);
    }

    private static byte[] serialize(AccessTokenResponse body) {
        try {
            return JsonSerialization.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize token response", e);
        }
    }
}
