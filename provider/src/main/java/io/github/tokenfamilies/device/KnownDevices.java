package io.github.tokenfamilies.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * The devices a user signed in from, remembered for new-device alerts: the last {@value #LIMIT} device ids, most
 * recently used first, each as {@code HMAC-SHA256(key, device id)} cut to 128 bits, under a random 256-bit key of
 * this user's own; never the raw id. All of it is one credential of type {@value #TYPE} of the user: kept in
 * Keycloak's database with the user (survives restarts, shared by all nodes, deleted with the user), hidden from
 * the user (the account console only lists and deletes credential types that have a credential provider, and this
 * one has none), shown to admins in the user's Credentials tab, where deleting it forgets the user's devices. The
 * key is the credential's secret data, which Keycloak's APIs never return; the hashes are its credential data.
 */
public final class KnownDevices {

    public static final String TYPE = "token-families-known-devices";
    public static final int LIMIT = 50;
    private static final String LABEL = "Known devices (new-device alerts)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserModel user;
    private final CredentialModel credential;
    private final byte[] key;
    private final List<String> hashes;

    private KnownDevices(UserModel user, CredentialModel credential, byte[] key, List<String> hashes) {
        this.user = user;
        this.credential = credential;
        this.key = key;
        this.hashes = hashes;
    }

    /** The user's known devices as stored now (none yet: an empty list with a fresh key, stored on {@link #save()}). */
    public static KnownDevices of(UserModel user) {
        CredentialModel stored = user.credentialManager().getStoredCredentialsByTypeStream(TYPE)
                .min(Comparator.comparing((CredentialModel c) -> c.getCreatedDate() == null ? 0L : c.getCreatedDate())
                        .thenComparing(CredentialModel::getId))
                .orElse(null);
        if (stored != null) {
            try {
                Secret secret = JsonSerialization.readValue(stored.getSecretData(), Secret.class);
                Data data = JsonSerialization.readValue(stored.getCredentialData(), Data.class);
                if (secret.key != null && data.devices != null) {
                    return new KnownDevices(user, stored, Base64.getDecoder().decode(secret.key), new ArrayList<>(data.devices));
                }
            } catch (IOException | IllegalArgumentException e) {
                // unreadable: start over under a new key (it replaces the broken credential on save)
            }
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new KnownDevices(user, stored, key, new ArrayList<>());
    }

    public boolean isKnown(String deviceId) {
        return hashes.contains(hash(deviceId));
    }

    public boolean isMostRecent(String deviceId) {
        return !hashes.isEmpty() && hashes.get(0).equals(hash(deviceId));
    }

    /** Puts the device first, forgetting the least recently used beyond {@value #LIMIT}. */
    public void remember(String deviceId) {
        String h = hash(deviceId);
        hashes.remove(h);
        hashes.add(0, h);
        while (hashes.size() > LIMIT) {
            hashes.remove(hashes.size() - 1);
        }
    }

    /** Writes the list to the user's credential (created on first use); drops duplicates left by a concurrent creation. */
    public void save() {
        try {
            String data = JsonSerialization.writeValueAsString(new Data(hashes));
            String secret = JsonSerialization.writeValueAsString(new Secret(Base64.getEncoder().encodeToString(key)));
            if (credential != null && secret.equals(credential.getSecretData())) {
                CredentialModel updated = credential.shallowClone();
                updated.setCredentialData(data);
                user.credentialManager().updateStoredCredential(updated);
            } else {
                CredentialModel fresh = new CredentialModel();
                fresh.setType(TYPE);
                fresh.setUserLabel(LABEL);
                fresh.setCreatedDate(Time.currentTimeMillis());
                fresh.setCredentialData(data);
                fresh.setSecretData(secret);
                String id = user.credentialManager().createStoredCredential(fresh).getId();
                user.credentialManager().getStoredCredentialsByTypeStream(TYPE).map(CredentialModel::getId)
                        .filter(other -> !other.equals(id)).toList()
                        .forEach(other -> user.credentialManager().removeStoredCredentialById(other));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not serialise the known devices", e);
        }
    }

    private String hash(String deviceId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(deviceId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Credential data: the hashes, most recent first. */
    static final class Data {
        @JsonProperty("devices")
        List<String> devices;

        Data() {
        }

        Data(List<String> devices) {
            this.devices = devices;
        }
    }

    /** Secret data: the user's hashing key, base64. */
    static final class Secret {
        @JsonProperty("key")
        String key;

        Secret() {
        }

        Secret(String key) {
            this.key = key;
        }
    }
}
