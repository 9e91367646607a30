package io.github.tokenfamilies.rotation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.tokenfamilies.config.BlastRadius;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTaskWithResult;
import org.keycloak.models.SingleUseObjectProvider;

/** Issue 11, defect 12: a revocation whose transaction fails consumes nothing, so the next detection reports. */
class FamilyRevokerTest {

    @Test
    void aFailedRevocationTransactionDoesNotConsumeTheReport() {
        KeycloakSession request = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        when(request.singleUseObjects()).thenReturn(store);
        when(store.putIfAbsent(anyString(), anyLong())).thenReturn(true);
        FamilyRevoker.Transaction failing = new FamilyRevoker.Transaction() {
            @Override
            public <V> V run(KeycloakSessionFactory factory, KeycloakSessionTaskWithResult<V> task) {
                throw new IllegalStateException("database unavailable");
            }
        };

        FamilyRevoker.Target target = new FamilyRevoker.Target("realm", "client", "user", "sid", false, "fam");
        assertThrows(IllegalStateException.class,
                () -> FamilyRevoker.revoke(request, target, "refresh_token_reused", BlastRadius.FAMILY, failing));

        verify(store).putIfAbsent(startsWith("tf:fence:"), anyLong()); // the fence went up first: fail closed
        verify(store, never()).putIfAbsent(startsWith("tf:reported:"), anyLong());
    }
}
