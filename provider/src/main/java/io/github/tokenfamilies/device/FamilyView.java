package io.github.tokenfamilies.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One family as users and admins see it (no token material). Serialized as the JSON of the admin and mobile
 * device APIs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FamilyView(
        @JsonProperty("id") String id,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("device") Device device,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("last_refresh_at") long lastRefreshAt,
        @JsonProperty("last_ip") String lastIp,
        @JsonProperty("generation") long generation,
        @JsonProperty("offline") boolean offline,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("state_bytes") int stateBytes,
        @JsonProperty("current") Boolean current) {

    /** The device fields of a family. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("platform") String platform,
            @JsonProperty("model") String model,
            @JsonProperty("app_version") String appVersion,
            @JsonProperty("dpop_bound") boolean dpopBound) {
    }

    public FamilyView withCurrent(boolean isCurrent) {
        return new FamilyView(id, clientId, device, createdAt, lastRefreshAt, lastIp, generation, offline, sessionId,
                stateBytes, isCurrent);
    }
}
