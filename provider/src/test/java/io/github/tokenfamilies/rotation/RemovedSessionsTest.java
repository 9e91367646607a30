package io.github.tokenfamilies.rotation;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import io.github.tokenfamilies.device.DeclaredDevice;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;
import org.mockito.InOrder;

/**
 * A blast radius that removes whole sessions ends every family in them: each live one gets its fence before the
 * session goes, so none of them can be refreshed if a concurrent read brings the session back into the cache.
 */
class RemovedSessionsTest {

    @Test
    void everyLiveFamilyOfARemovedSessionIsFencedBeforeTheSessionGoes() {
        KeycloakSession s = mock(KeycloakSession.class);
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        UserSessionProvider sessions = mock(UserSessionProvider.class);
        when(s.singleUseObjects()).thenReturn(store);
        when(s.sessions()).thenReturn(sessions);
        RealmModel realm = mock(RealmModel.class);

        Map<String, String> notes = new HashMap<>();
        DeclaredDevice none = new DeclaredDevice(null, null, null, null, null);
        notes.put(FamilyStore.NOTE_PREFIX + "live-1", FamilyState.born(100, "ip", none, null).encode());
        notes.put(FamilyStore.NOTE_PREFIX + "live-2", FamilyState.born(100, "ip", none, null).encode());
        notes.put(FamilyStore.NOTE_PREFIX + "gone", FamilyState.born(100, "ip", none, null).encode());
        notes.put(FamilyStore.REVOKED_PREFIX + "gone", "200 logout");
        AuthenticatedClientSessionModel cs = mock(AuthenticatedClientSessionModel.class);
        when(cs.getNotes()).thenReturn(notes);
        UserSessionModel us = mock(UserSessionModel.class);
        when(us.getId()).thenReturn("sid");
        when(us.getAuthenticatedClientSessions()).thenReturn(Map.of("client", cs));

        new RemovedSessions().remove(s, realm, us);

        InOrder order = inOrder(store, sessions);
        order.verify(store).putIfAbsent(eq("tf:fence:live-1"), anyLong());
        order.verify(sessions).removeUserSession(realm, us);
        verify(store).putIfAbsent(eq("tf:fence:live-2"), anyLong());
        verify(store, never()).putIfAbsent(eq("tf:fence:gone"), anyLong());
    }
}
