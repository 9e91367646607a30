package io.github.tokenfamilies.mobile;

import jakarta.ws.rs.core.MultivaluedHashMap;

import io.github.tokenfamilies.device.DeclaredDevice;

/** A parsed mobile-endpoint request: OAuth parameters as form parameters, and the declared device. */
record MobileRequest(MultivaluedHashMap<String, String> params, DeclaredDevice device) {

    String param(String name) {
        return params.getFirst(name);
    }
}
