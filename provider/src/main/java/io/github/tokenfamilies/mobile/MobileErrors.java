package io.github.tokenfamilies.mobile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.device.FamilyView;
import io.github.tokenfamilies.errors.FamilyError;

/** The mobile endpoint's error body of DESIGN.md §6: {@code {error, error_description, action}}. */
final class MobileErrors {

    private MobileErrors() {
    }

    static Response.ResponseBuilder of(FamilyError error, String description, int retryAfterSeconds) {
        return of(error, description, retryAfterSeconds, null);
    }

    /** @param devices for {@code device_limit_reached}: the devices the user may choose from (devices-API shape), or null */
    static Response.ResponseBuilder of(FamilyError error, String description, int retryAfterSeconds, List<FamilyView> devices) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("error_description", description);
        body.put("action", error.action().value());
        if (devices != null) {
            body.put("devices", devices);
        }
        Response.ResponseBuilder b = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
        if (error.action() == FamilyError.Action.WAIT) {
            b.header("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
        }
        return b;
    }

    /** Strips our code prefix ("code: text") for the mobile body, which carries the code separately. */
    static String text(String description, FamilyError error) {
        if (description == null) {
            return error.code();
        }
        String prefix = error.code() + ": ";
        return description.startsWith(prefix) ? description.substring(prefix.length()) : description;
    }
}
