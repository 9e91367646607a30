package io.github.tokenfamilies.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.tokenfamilies.config.FamilyConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.SingleUseObjectProvider;
import org.mockito.ArgumentCaptor;

/**
 * The marker's lifespan is what a node death mid-rotation costs its family (README, "Node loss") and what keeps a
 * consumed token from passing for a lost one inside the grace window (docs/families.md).
 */
class RotationLockTest {

    @Test
    void aNodeDeathBlocksAFamilyOfTheDefaultWindowForOneMinuteAsBefore() {
        assertEquals(60, RotationLock.lifespan(0));
        assertEquals(60, RotationLock.lifespan(FamilyConfig.DEFAULT_GRACE_SECONDS));
    }

    @Test
    void theMarkerOutlivesEveryGraceWindowByTheMargin() {
        for (int grace = 0; grace <= FamilyConfig.MAX_GRACE_SECONDS; grace++) {
            assertTrue(RotationLock.lifespan(grace) >= grace + RotationLock.MARGIN_SECONDS, "grace " + grace);
        }
        assertEquals(330, RotationLock.lifespan(FamilyConfig.MAX_GRACE_SECONDS));
    }

    /**
     * Generation N+1 was recorded as undelivered by an attempt whose commit failed; the retry then rotated N and
     * committed. The record must go, or a later presentation of N would pass for one whose successor nobody
     * received and rotate the family a second time.
     */
    @Test
    void aCommittedRotationClearsTheUndeliveredRecordOfAFailedEarlierAttempt() {
        SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
        SingleUseObjectProvider jobStore = mock(SingleUseObjectProvider.class);
        KeycloakTransaction done = committed(store, jobStore, true, true);
        verify(jobStore).remove("tf:undelivered:fam:8");
        verify(jobStore, never()).remove("tf:rot:fam:7");

        SingleUseObjectProvider quietJobs = mock(SingleUseObjectProvider.class);
        committed(mock(SingleUseObjectProvider.class), quietJobs, false, true);
        verify(quietJobs, never()).remove(anyString()); // the usual case: no record, no extra write
        assertTrue(done != null);
    }

    /** Takes the marker of generation 7 (N+1 recorded as undelivered or not), then completes the request. */
    private static KeycloakTransaction committed(SingleUseObjectProvider store, SingleUseObjectProvider jobStore,
                                                 boolean undelivered, boolean issued) {
        KeycloakSession session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
        when(session.singleUseObjects()).thenReturn(store);
        when(store.putIfAbsent(anyString(), anyLong())).thenReturn(true);
        when(store.contains("tf:undelivered:fam:8")).thenReturn(undelivered);
        KeycloakSessionFactory factory = mock(KeycloakSessionFactory.class);
        KeycloakSession job = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
        when(job.singleUseObjects()).thenReturn(jobStore);
        when(factory.create()).thenReturn(job);
        when(session.getKeycloakSessionFactory()).thenReturn(factory);

        Rotation rotation = new Rotation("fam", 7, "token", 30);
        assertTrue(RotationLock.tryAcquire(session, rotation));
        ArgumentCaptor<KeycloakTransaction> tx = ArgumentCaptor.forClass(KeycloakTransaction.class);
        verify(session.getTransactionManager()).enlistAfterCompletion(tx.capture());
        if (issued) {
            rotation.markIssued();
        }
        try { // the commit step alone: AbstractKeycloakTransaction.commit() needs JTA classes that tests do not have
            java.lang.reflect.Method commit = org.keycloak.models.AbstractKeycloakTransaction.class.getDeclaredMethod("commitImpl");
            commit.setAccessible(true);
            commit.invoke(tx.getValue());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return tx.getValue();
    }
}
