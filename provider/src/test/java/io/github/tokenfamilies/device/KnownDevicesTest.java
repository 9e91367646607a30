package io.github.tokenfamilies.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

class KnownDevicesTest {

    /** A user whose stored credentials are a list in memory. */
    static UserModel userWith(List<CredentialModel> store) {
        SubjectCredentialManager credentials = (SubjectCredentialManager) Proxy.newProxyInstance(
                KnownDevicesTest.class.getClassLoader(), new Class<?>[]{SubjectCredentialManager.class}, (p, m, args) -> switch (m.getName()) {
                    case "getStoredCredentialsByTypeStream" ->
                            store.stream().filter(c -> c.getType().equals(args[0])).map(CredentialModel::shallowClone).toList().stream();
                    case "createStoredCredential" -> {
                        CredentialModel c = ((CredentialModel) args[0]).shallowClone();
                        c.setId(UUID.randomUUID().toString());
                        store.add(c);
                        yield c;
                    }
                    case "updateStoredCredential" -> {
                        CredentialModel c = (CredentialModel) args[0];
                        store.replaceAll(old -> old.getId().equals(c.getId()) ? c.shallowClone() : old);
                        yield null;
                    }
                    case "removeStoredCredentialById" -> store.removeIf(c -> c.getId().equals(args[0]));
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (UserModel) Proxy.newProxyInstance(KnownDevicesTest.class.getClassLoader(), new Class<?>[]{UserModel.class},
                (p, m, args) -> {
                    if (m.getName().equals("credentialManager")) {
                        return credentials;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void remembersTheLastFiftyDevicesAsHashesOnly() {
        List<CredentialModel> store = new ArrayList<>();
        UserModel user = userWith(store);
        for (int i = 0; i <= KnownDevices.LIMIT; i++) {
            KnownDevices known = KnownDevices.of(user);
            assertFalse(known.isKnown("device-" + i));
            known.remember("device-" + i);
            known.save();
        }
        assertEquals(1, store.size(), "one credential");
        KnownDevices known = KnownDevices.of(user);
        assertFalse(known.isKnown("device-0"), "the least recently used beyond the limit is forgotten");
        assertTrue(known.isKnown("device-1") && known.isKnown("device-" + KnownDevices.LIMIT));
        assertTrue(known.isMostRecent("device-" + KnownDevices.LIMIT));
        String stored = store.get(0).getCredentialData() + store.get(0).getSecretData();
        assertFalse(stored.contains("device-"), stored);

        known.remember("device-1");
        known.save();
        known = KnownDevices.of(user);
        known.remember("device-x");
        known.save();
        assertTrue(KnownDevices.of(user).isKnown("device-1"), "using a device makes it recent again");
        assertFalse(KnownDevices.of(user).isKnown("device-2"));
    }

    @Test
    void hashesDifferBetweenUsers() {
        List<CredentialModel> a = new ArrayList<>();
        List<CredentialModel> b = new ArrayList<>();
        for (List<CredentialModel> store : List.of(a, b)) {
            KnownDevices known = KnownDevices.of(userWith(store));
            known.remember("same-device");
            known.save();
        }
        assertFalse(a.get(0).getCredentialData().equals(b.get(0).getCredentialData()), "a per-user key");
    }

    @Test
    void aDuplicateLeftByAConcurrentFirstWriteIsDropped() {
        List<CredentialModel> store = new ArrayList<>();
        UserModel user = userWith(store);
        KnownDevices first = KnownDevices.of(user);
        KnownDevices second = KnownDevices.of(user);
        first.remember("a");
        second.remember("b");
        first.save();
        second.save();
        assertEquals(1, store.size());
        assertTrue(KnownDevices.of(user).isKnown("b"));
    }
}
