package io.github.tokenfamilies.device;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.function.Consumer;

import io.github.tokenfamilies.config.BlastRadius;
import io.github.tokenfamilies.rotation.FamilyRevoker;
import io.github.tokenfamilies.rotation.FamilyState;
import io.github.tokenfamilies.rotation.FamilyStore;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/** A user's live families across their online and offline sessions: list them, revoke one or all. */
public final class DeviceDirectory {

    private final KeycloakSession session;
    private final RealmModel realm;

    public DeviceDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** A live family and where it lives. */
    public record Entry(FamilyView view, FamilyRevoker.Target target) {
    }

    /**
     * Each live family once. Online sessions are read first: a family id also found in an offline session there is
     * Keycloak's copy of the online client session's notes (made before 0.2 removed such copies), not a family.
     */
    public List<Entry> list(UserModel user) {
        return entries(user, false);
    }

    /**
     * What a sign-out must reach: the listed families, and those whose revocation began (fence up) without being
     * recorded. A revocation whose transaction failed leaves exactly that: the caller got an error and retries, and
     * the retry must find the family again rather than answer "no such device" while the family outlives its fence.
     */
    public List<Entry> revocable(UserModel user) {
        return entries(user, true);
    }

    public Optional<Entry> find(UserModel user, String familyId) {
        return revocable(user).stream().filter(e -> e.view().id().equals(familyId)).findFirst();
    }

    private List<Entry> entries(UserModel user, boolean begun) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        Stream.concat(session.sessions().getUserSessionsStream(realm, user),
                        session.sessions().getOfflineUserSessionsStream(realm, user))
                .forEach(us -> us.getAuthenticatedClientSessions().values().forEach(cs -> collect(user, us, cs, byId, begun)));
        List<Entry> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingLong((Entry e) -> e.view().lastRefreshAt()).reversed());
        return out;
    }

    /** Revokes one family (its session goes too when nothing else lives in it). */
    public void revoke(Entry entry, String reason) {
        FamilyRevoker.revoke(session, entry.target(), reason, BlastRadius.FAMILY);
    }

    /** {@link #revoke(Entry, String)}, with {@code record} stored in the revocation's own transaction when it records it. */
    public void revoke(Entry entry, String reason, Consumer<KeycloakSession> record) {
        FamilyRevoker.revoke(session, entry.target(), reason, BlastRadius.FAMILY, record);
    }

    /** Families whose revocation has begun are not listed ({@code begun} false): they are refused from that moment on. */
    private void collect(UserModel user, UserSessionModel us, AuthenticatedClientSessionModel cs, Map<String, Entry> out,
                         boolean begun) {
        FamilyStore.all(cs).forEach((id, state) -> {
            if (!state.isRevoked() && !out.containsKey(id) && (begun || !FamilyRevoker.begun(session, id))) {
                out.put(id, new Entry(view(id, cs, us, state),
                        new FamilyRevoker.Target(realm.getId(), cs.getClient().getId(), user.getId(), us.getId(), us.isOffline(), id)));
            }
        });
    }

    private static FamilyView view(String id, AuthenticatedClientSessionModel cs, UserSessionModel us, FamilyState s) {
        DeclaredDevice d = s.device();
        return new FamilyView(id, cs.getClient().getClientId(),
                new FamilyView.Device(d.id(), d.name(), d.platform(), d.model(), d.appVersion(), s.jkt() != null),
                s.createdAt(), s.lastRefreshAt(), s.lastIp(), s.generation(), us.isOffline(), us.getId(),
                s.encode().getBytes(StandardCharsets.UTF_8).length, null);
    }
}
