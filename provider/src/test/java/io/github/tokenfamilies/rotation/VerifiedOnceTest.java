package io.github.tokenfamilies.rotation;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.RefreshToken;

/**
 * Keycloak's second verification of a refresh token is skipped only for exactly the string the gate verified, for
 * the same realm and client, and only once: anything else must be verified in full.
 */
class VerifiedOnceTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final ClientModel client = mock(ClientModel.class);
    private final RefreshToken token = mock(RefreshToken.class);

    @BeforeEach
    void sessionAttributes() {
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(session).setAttribute(anyString(), any());
        when(session.getAttribute(anyString(), any())).thenAnswer(i -> attributes.get((String) i.getArgument(0)));
        when(session.removeAttribute(anyString())).thenAnswer(i -> attributes.remove((String) i.getArgument(0)));
        when(realm.getId()).thenReturn("realm-1");
        when(client.getId()).thenReturn("client-1");
    }

    @Test
    void theVerifiedStringIsRecalledOnceAndThenVerifiedAgain() {
        VerifiedOnce.remember(session, realm, client, "a.b.c", token);
        assertSame(token, VerifiedOnce.recall(session, realm, client, "a.b.c"));
        assertNull(VerifiedOnce.recall(session, realm, client, "a.b.c"));
    }

    @Test
    void anotherStringIsNotRecalled() {
        VerifiedOnce.remember(session, realm, client, "a.b.c", token);
        assertNull(VerifiedOnce.recall(session, realm, client, "a.b.d"));
    }

    @Test
    void anotherClientOrRealmIsNotRecalled() {
        ClientModel other = mock(ClientModel.class);
        when(other.getId()).thenReturn("client-2");
        VerifiedOnce.remember(session, realm, client, "a.b.c", token);
        assertNull(VerifiedOnce.recall(session, realm, other, "a.b.c"));

        RealmModel otherRealm = mock(RealmModel.class);
        when(otherRealm.getId()).thenReturn("realm-2");
        VerifiedOnce.remember(session, realm, client, "a.b.c", token);
        assertNull(VerifiedOnce.recall(session, otherRealm, client, "a.b.c"));
    }

    @Test
    void nothingRememberedIsNothingRecalled() {
        assertNull(VerifiedOnce.recall(session, realm, client, "a.b.c"));
    }
}
