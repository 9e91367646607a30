package io.github.tokenfamilies.it.support;

/** A user a test created for itself. */
public record TestUser(String id, String username, String password) {
}
