package io.github.tokenfamilies.admin;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.tokenfamilies.device.DeviceDirectory;
import io.github.tokenfamilies.device.FamilyView;
import io.github.tokenfamilies.events.FamilyEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/token-families}: a user's device families for admins. Keycloak lets every
 * authenticated realm user reach admin extensions, so each method checks Keycloak's own admin permissions:
 * view-users on that user to read, manage-users on that user to revoke.
 */
public final class FamilyAdminResource {

    private static final String REASON = "admin";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    FamilyAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER_SESSION);
    }

    @GET
    @Path("users/{userId}/devices")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FamilyView> list(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireView(user);
        return new DeviceDirectory(session, realm).list(user).stream().map(DeviceDirectory.Entry::view).toList();
    }

    @DELETE
    @Path("users/{userId}/devices/{familyId}")
    public Response revoke(@PathParam("userId") String userId, @PathParam("familyId") String familyId) {
        UserModel user = user(userId);
        auth.users().requireManage(user);
        DeviceDirectory directory = new DeviceDirectory(session, realm);
        DeviceDirectory.Entry entry = directory.find(user, familyId)
                .orElseThrow(() -> notFound("device_not_found", "no live device family " + familyId + " for this user"));
        directory.revoke(entry, REASON, s -> event(s, user, entry.view()));
        return Response.noContent().build();
    }

    @DELETE
    @Path("users/{userId}/devices")
    public Response revokeAll(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireManage(user);
        DeviceDirectory directory = new DeviceDirectory(session, realm);
        for (DeviceDirectory.Entry e : directory.revocable(user)) {
            directory.revoke(e, REASON, s -> event(s, user, e.view()));
        }
        return Response.noContent().build();
    }

    /**
     * The admin event of one device sign-out: operation DELETE on resource type USER_SESSION (as Keycloak's own
     * session sign-out), details naming the family and its device (never a token); the representation, stored when
     * the realm includes representations, is the same family view the admin API lists.
     */
    private void event(KeycloakSession revocation, UserModel user, FamilyView family) {
        AdminEventBuilder e = adminEvent.clone(revocation).operation(OperationType.DELETE)
                .resourcePath("token-families", "users", user.getId(), "devices", family.id())
                .representation(family)
                .detail(FamilyEvents.FAMILY_ID, family.id())
                .detail(FamilyEvents.REVOKE_REASON, REASON)
                .detail("client_id", family.clientId());
        FamilyView.Device d = family.device();
        if (d != null) {
            e.detail(FamilyEvents.DEVICE_ID, d.id()).detail(FamilyEvents.DEVICE_NAME, d.name())
                    .detail(FamilyEvents.DEVICE_PLATFORM, d.platform());
        }
        e.success();
    }

    private UserModel user(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery(); // outsiders learn nothing about which ids exist
            throw notFound("user_not_found", "no user " + userId + " in this realm");
        }
        return user;
    }

    private static NotFoundException notFound(String code, String text) {
        return new NotFoundException(Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code, "error_description", text)).build());
    }
}
