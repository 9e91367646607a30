package io.github.tokenfamilies.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.stream.Stream;

import io.github.tokenfamilies.rotation.FamilyState;
import io.github.tokenfamilies.rotation.FamilyStore;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;

/**
 * A revocation whose transaction failed leaves its fence up and the family unrecorded. Listings hide such a family
 * (it is refused), but a retried sign-out must still find it, or the family would outlive its fence unrevoked
 * while the caller was told "no such device".
 */
class DeviceDirectoryTest {

    @Test
    void aFamilyWhoseRevocationBeganIsHiddenFromListingsButFoundBySignOuts() {
        KeycloakSession session = mock(KeycloakSession.class);
        RealmModel realm = mock(RealmModel.class);
        UserModel user = mock(UserModel.class);
        when(user.getId()).thenReturn("user");
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        when(session.singleUseObjects()).thenReturn(store);
        when(store.contains("tf:fence:fenced")).thenReturn(true);

        DeclaredDevice none = new DeclaredDevice(null, null, null, null, null);
        ClientModel client = mock(ClientModel.class);
        when(client.getId()).thenReturn("client-uuid");
        when(client.getClientId()).thenReturn("mobile-app");
        AuthenticatedClientSessionModel cs = mock(AuthenticatedClientSessionModel.class);
        when(cs.getClient()).thenReturn(client);
        when(cs.getNotes()).thenReturn(Map.of(
                FamilyStore.NOTE_PREFIX + "fenced", FamilyState.born(100, "ip", none, null).encode(),
                FamilyStore.NOTE_PREFIX + "live", FamilyState.born(100, "ip", none, null).encode()));
        UserSessionModel us = mock(UserSessionModel.class);
        when(us.getId()).thenReturn("sid");
        when(us.getAuthenticatedClientSessions()).thenReturn(Map.of("client-uuid", cs));
        UserSessionProvider sessions = mock(UserSessionProvider.class);
        when(session.sessions()).thenReturn(sessions);
        when(sessions.getUserSessionsStream(realm, user)).thenAnswer(i -> Stream.of(us));
        when(sessions.getOfflineUserSessionsStream(realm, user)).thenAnswer(i -> Stream.empty());

        DeviceDirectory directory = new DeviceDirectory(session, realm);
        assertEquals(java.util.List.of("live"), directory.list(user).stream().map(e -> e.view().id()).toList());
        assertEquals(2, directory.revocable(user).size());
        assertTrue(directory.find(user, "fenced").isPresent(), "a retried sign-out finds it");
    }
}
