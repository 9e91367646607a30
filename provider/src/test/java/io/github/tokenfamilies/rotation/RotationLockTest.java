package io.github.tokenfamilies.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tokenfamilies.config.FamilyConfig;
import org.junit.jupiter.api.Test;

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
}
