package io.github.tokenfamilies.rotation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.models.KeycloakSession;

/**
 * The reply of the last rotation of a family, kept for the grace window so that a retry of the same token gets
 * the same bytes back (R3). Stored in Keycloak's single-use-object store (cluster-wide, in memory) and useless on
 * its own: AES-256-GCM under a key derived from the presented refresh token, which the store never sees.
 * <p>
 * There is one slot per family, not one per generation: the next rotation's reply replaces it (Keycloak applies
 * the write when the rotating request commits), which is exactly when R3 closes the window of the previous token.
 * So the store holds at most one reply per recently rotated family, however often families rotate; a slot for
 * generation N cannot be opened as another generation, because the position is bound into the cipher's AAD.
 */
final class GraceCache {

    private static final String FIELD = "r";
    private static final byte[] KDF_LABEL = "token-families/grace-reply/v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Mac> KDF = perThread(() -> {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KDF_LABEL, "HmacSHA256"));
        return mac;
    });
    private static final ThreadLocal<Cipher> AES_GCM = perThread(() -> Cipher.getInstance("AES/GCM/NoPadding"));

    private GraceCache() {
    }

    static void put(KeycloakSession session, FamilyClaims presented, String presentedToken, byte[] reply, int seconds) {
        if (seconds <= 0) {
            return;
        }
        session.singleUseObjects().put(key(presented), seconds, Map.of(FIELD, seal(presented, presentedToken, reply)));
    }

    /** Drops the family's cached reply (its revocation: nothing may be replayed from it any more). */
    static void drop(KeycloakSession session, String familyId) {
        session.singleUseObjects().remove(key(familyId));
    }

    /** The cached reply for exactly this token, or {@code null} (absent, expired, or another token). */
    static byte[] get(KeycloakSession session, FamilyClaims presented, String presentedToken) {
        Map<String, String> entry = session.singleUseObjects().get(key(presented));
        if (entry == null || entry.get(FIELD) == null) {
            return null;
        }
        return open(presented, presentedToken, entry.get(FIELD));
    }

    static String seal(FamilyClaims position, String token, byte[] plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = cipher(Cipher.ENCRYPT_MODE, position, token, iv);
            byte[] sealed = c.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] open(FamilyClaims position, String token, String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            if (all.length < 28) {
                return null;
            }
            byte[] iv = java.util.Arrays.copyOfRange(all, 0, 12);
            return cipher(Cipher.DECRYPT_MODE, position, token, iv).doFinal(all, 12, all.length - 12);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Cipher cipher(int mode, FamilyClaims position, String token, byte[] iv) throws GeneralSecurityException {
        byte[] key = KDF.get().doFinal(token.getBytes(StandardCharsets.UTF_8));
        Cipher c = AES_GCM.get();
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(("tf:reply:" + position.familyId() + ":" + position.generation()).getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    /** Per-thread primitives: looking the algorithms up on every refresh showed in the benchmark's profile. */
    private static <T> ThreadLocal<T> perThread(java.util.concurrent.Callable<T> create) {
        return ThreadLocal.withInitial(() -> {
            try {
                return create.call();
            } catch (Exception e) {
                throw new IllegalStateException("HMAC-SHA256 or AES-GCM unavailable", e);
            }
        });
    }

    private static String key(FamilyClaims position) {
        return key(position.familyId());
    }

    private static String key(String familyId) {
        return "tf:reply:" + familyId;
    }
}
