package io.github.tokenfamilies.rotation;

/**
 * Thrown from the refresh check when the presented token was just used and its cached reply is to be returned;
 * the grant catches it before Keycloak does any refresh work.
 */
final class GraceReplay extends RuntimeException {

    private final transient byte[] reply;
    private final FamilyClaims position;

    GraceReplay(byte[] reply, FamilyClaims position) {
        super("grace replay", null, false, false);
        this.reply = reply;
        this.position = position;
    }

    byte[] reply() {
        return reply;
    }

    FamilyClaims position() {
        return position;
    }
}
