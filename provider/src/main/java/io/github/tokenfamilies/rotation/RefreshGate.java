package io.github.tokenfamilies.rotation;

import io.github.tokenfamilies.config.FamilyConfig;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import io.github.tokenfamilies.events.FamilyEvents;
import io.github.tokenfamilies.events.RevokedDevices;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.RefreshToken;

/**
 * Decides what a refresh of an opted-in client may do, before Keycloak's own refresh processing runs:
 * rotate (this request won generation N), replay the cached reply (a retry within the grace window), or refuse
 * (reuse → revoke the family; revoked, expired, foreign or mismatched → §6 code). Races are settled by
 * {@link RotationLock}, so N concurrent presentations of one token produce exactly one rotation.
 */
public final class RefreshGate {

    /**
     * How long a presentation of a token that another request is rotating right now waits for that request's
     * reply. Rotations take milliseconds; past this the caller gets {@code server_error} (retry) at once.
     */
    private static final long MAX_WAIT_MILLIS = 2_000;
    /** At most this many failed rotations in a row are recognised as such (each is a failed request of the app). */
    private static final int MAX_UNDELIVERED = 16;

    private final KeycloakSession session;
    private final FamilyConfig config;
    /** The presented token is DPoP-bound and came without a proof ({@link PresentedToken#keyless()}). */
    private boolean keyless;

    public RefreshGate(KeycloakSession session, FamilyConfig config) {
        this.session = session;
        this.config = config;
    }

    /**
     * Returns normally when the request may proceed (with a {@link Rotation} attached when it rotates a family).
     *
     * @throws FamilyException refusal with its §6 code
     * @throws GraceReplay     the reply to send instead of processing the refresh
     */
    public void check(String encoded) throws FamilyException {
        if (encoded == null) {
            return; // Keycloak answers "No refresh token" itself
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = session.getContext().getClient();
        PresentedToken verifier = new PresentedToken(session, realm, client);
        RefreshToken token;
        try {
            token = verifier.verify(encoded);
        } catch (FamilyException e) {
            RefreshToken signed = verifier.signed();
            FamilyClaims claims = FamilyClaims.of(signed);
            if (claims == null) {
                throw e;
            }
            if (!verifier.keyless()) {
                throw refused(e, realm, client, signed, claims);
            }
            // A family's DPoP-bound token sent without a proof goes on to the verdict: a consumed one is a reuse
            // whatever the key (R2), as a token issued before the family's binding is. Every path that serves it
            // demands the family's key (keyOf) and so answers invalid_dpop_proof; Keycloak never gets it as verified.
            token = signed;
            keyless = true;
        }
        decide(encoded, realm, client, token);
    }

    /** A token Keycloak refused: a DPoP key mismatch of a family is a theft verdict; anything else is answered as it is. */
    private FamilyException refused(FamilyException e, RealmModel realm, ClientModel client, RefreshToken signed,
                                    FamilyClaims claims) throws FamilyException {
        FamilyRevoker.Target t = FamilyRevoker.Target.of(session, realm, client, signed);
        boolean mismatch = e.error() == FamilyError.DEVICE_MISMATCH;
        FamilyState state = mismatch ? freshState(t) : FamilyStore.read(
                FamilyStore.clientSession(session, realm, client, signed.getSessionId(), t.offline()), claims.familyId());
        describe(t, claims, state);
        if (mismatch) {
            throw new Theft(session, config, t).mismatch(state, "another DPoP key was used");
        }
        return e;
    }

    private void decide(String encoded, RealmModel realm, ClientModel client, RefreshToken token) throws FamilyException {
        FamilyClaims presented = FamilyClaims.of(token);
        boolean legacy = presented == null;
        if (legacy && token.getAuthorization() != null) {
            // Keycloak's UMA grant issues an RPT's refresh token without a client-policy event, so after the opt-in
            // too: from an access token it would start new families, past every login rule. Never fail open.
            throw new FamilyException(FamilyError.INVALID_REQUEST, "the refresh token of an RPT (UMA grant) cannot start a "
                    + "token family for this client; request the RPT again with the app's access token");
        }
        if (legacy) {
            presented = LegacyToken.position(encoded); // issued before the client was opted in: generation 0
        }
        // one lookup of the token's user session serves the target and the family state (it showed in the profile twice)
        UserSessionModel us = FamilyStore.userSession(session, realm, token.getSessionId(), FamilyRevoker.Target.isOffline(token));
        FamilyRevoker.Target target = FamilyRevoker.Target.of(realm, client, token, presented.familyId(), us);
        FamilyState state = FamilyStore.read(us == null ? null : us.getAuthenticatedClientSessionByClient(client.getId()),
                presented.familyId());
        describe(target, presented, state);
        Theft theft = new Theft(session, config, target, legacy);
        if (legacy && state == null) {
            LoginRequirements.check(session, config); // this refresh starts the family: the login rules apply
            if (!tryRotate(presented, encoded)) {
                awaitSettled(presented, encoded, theft, null);
            }
            return;
        }
        if (state == null || state.isRevoked()) {
            throw revoked();
        }
        new DeviceCheck(session).verify(state, theft);
        long live = state.generation();
        long gen = presented.generation();
        if (gen == live && keyOf(state, theft) && tryRotate(presented, encoded)) {
            return;
        }
        if (gen > live) {
            throw revoked(); // the store is behind the token: never rotate from an unknown position
        }
        if (gen < live - 1 && successor(presented) < live) {
            throw theft.reuse(state, "an older generation was presented");
        }
        awaitSettled(presented, encoded, theft, state);
    }

    /** Takes generation N's marker and, if this request won it, attaches the rotation for the provider. */
    private boolean tryRotate(FamilyClaims p, String encoded) {
        return tryRotate(new Rotation(p.familyId(), p.generation(), encoded, config.graceSeconds()));
    }

    private boolean tryRotate(Rotation rotation) {
        if (!RotationLock.tryAcquire(session, rotation)) {
            return false;
        }
        rotation.attachTo(session);
        return true;
    }

    /** Generation N is being or was just rotated by another request: replay its reply, take over, or call reuse. */
    private void awaitSettled(FamilyClaims p, String encoded, Theft theft, FamilyState seen) throws FamilyException {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        long pause = 5;
        while (true) {
            long successor = successor(p);
            if (RotationLock.isTaken(session, p.familyId(), successor)) {
                throw theft.reuse(seen, "its successor was already used");
            }
            byte[] reply = GraceCache.get(session, p, encoded);
            FamilyState now = freshState(theft.target());
            if (reply != null) {
                // a replay is served with the family's device and key as they are now: the rotation whose reply it
                // is may have bound them after this request first read the family
                FamilyState current = now != null ? now : seen;
                if (current != null) {
                    new DeviceCheck(session).verify(current, theft);
                }
                keyOf(current, theft);
                throw new GraceReplay(reply, p);
            }
            boolean unborn = now == null && p.generation() == 0; // a pre-opt-in token whose family is being started
            if (!unborn && (now == null || now.isRevoked())) {
                throw revoked();
            }
            long live = unborn ? 0 : now.generation();
            boolean nothingDelivered = live > p.generation() && successor > live; // every later generation failed
            if (config.graceSeconds() == 0 && !nothingDelivered) {
                throw theft.reuse(now, "it was already used and the client has no grace window");
            }
            if (live > p.generation() && successor < live) {
                throw theft.reuse(now, "an older generation was presented");
            }
            if (live > p.generation() && successor == live) { // live is the presented token's successor
                if (Time.currentTime() - now.rotatedAt() > config.graceSeconds()) {
                    throw theft.reuse(now, "it was already used and its grace window is over");
                }
                if (!RotationLock.isTaken(session, p.familyId(), live - 1)) {
                    if (Time.currentTime() - now.rotatedAt() >= RotationLock.MIN_SECONDS) {
                        // every marker lives at least this long: a missing one may have expired (a grace window raised
                        // since that rotation), not been released, so the successor may be in someone's hands
                        throw theft.reuse(now, "it was already used and its rotation's marker is gone");
                    }
                    if (keyOf(now, theft)
                            && tryRotate(new Rotation(p.familyId(), live, encoded, config.graceSeconds(), p.generation()))) {
                        return; // repair: the rotation that produced the live generation left neither its marker nor its reply
                    }
                }
            } else if (nothingDelivered) {
                if (!RotationLock.isTaken(session, p.familyId(), p.generation()) && keyOf(now, theft)
                        && tryRotate(new Rotation(p.familyId(), live, encoded, config.graceSeconds(), p.generation()))) {
                    return; // nobody received any generation after the presented one: rotate the live one for it
                }
            } else if (live == p.generation() && keyOf(now, theft) && tryRotate(p, encoded)) {
                return; // the request that held generation N rolled back or was refused
            }
            if (System.currentTimeMillis() > deadline) {
                throw new FamilyException(FamilyError.SERVER_ERROR, "a concurrent refresh of this token is still in progress; retry");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FamilyException(FamilyError.SERVER_ERROR, "interrupted");
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    /** The family's DPoP key, checked where this request is served (a rotation or a replay); {@code true} when it passes. */
    private boolean keyOf(FamilyState state, Theft theft) throws FamilyException {
        // require-dpop is checked here, where a request is served, not before a verdict: a consumed token sent
        // without a proof is a reuse for such a client too (R2)
        LoginRequirements.requireDpopIfConfigured(session, config);
        new DeviceCheck(session).verifyKey(state, theft);
        if (keyless) { // the token's own key, whatever the family recorded: nothing is served without its proof
            throw new FamilyException(FamilyError.INVALID_DPOP_PROOF, "this token is DPoP-bound: send a DPoP proof");
        }
        return true;
    }

    /**
     * The generation that succeeded the presented one: the next one, unless rotations whose requests failed wrote
     * it ({@link RotationLock#isUndelivered}; nobody received those tokens, Keycloak commits its session cache even
     * when the database commit fails), then the first one after them. Presenting a token whose successor is still
     * the newest generation is a retry, not a reuse.
     */
    private long successor(FamilyClaims p) {
        long g = p.generation() + 1;
        while (g - p.generation() <= MAX_UNDELIVERED && RotationLock.isUndelivered(session, p.familyId(), g)) {
            g++;
        }
        return g;
    }

    /** Names the family, the presented position and its device (from its state, or remembered at revocation) on the event. */
    private void describe(FamilyRevoker.Target target, FamilyClaims presented, FamilyState state) {
        EventBuilder event = FamilyEvents.current(session);
        if (event != null) {
            event.user(target.userId());
            FamilyEvents.family(event, presented.familyId(), presented.generation(),
                    state != null ? state.device() : RevokedDevices.recall(session, presented.familyId()));
        }
    }

    private FamilyState freshState(FamilyRevoker.Target t) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), session.getContext(), s -> {
            RealmModel realm = s.realms().getRealm(t.realmId());
            return FamilyStore.read(FamilyStore.clientSession(s, realm, realm.getClientById(t.clientUuid()),
                    t.sessionId(), t.offline()), t.familyId());
        }, "token-families-state");
    }

    private static FamilyException revoked() {
        return new FamilyException(FamilyError.FAMILY_REVOKED, "this token family was revoked; log in again");
    }
}
