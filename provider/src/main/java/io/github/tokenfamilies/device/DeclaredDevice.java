package io.github.tokenfamilies.device;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.models.KeycloakSession;

/**
 * The device an app declares at login: its install id and descriptive fields. Comes from the mobile endpoint's
 * {@code device} object or, on the standard endpoint, from {@code X-Device-*} headers.
 */
public record DeclaredDevice(String id, String name, String platform, String model, String appVersion) {

    public static final String HEADER_ID = "X-Device-Id";
    public static final String HEADER_NAME = "X-Device-Name";
    public static final String HEADER_PLATFORM = "X-Device-Platform";
    public static final String HEADER_MODEL = "X-Device-Model";
    public static final String HEADER_APP_VERSION = "X-App-Version";

    /** Longest value kept for any field; longer values are refused by the mobile endpoint and cut here. */
    public static final int MAX_FIELD_LENGTH = 128;

    private static final String SESSION_ATTRIBUTE = DeclaredDevice.class.getName();
    private static final DeclaredDevice NONE = new DeclaredDevice(null, null, null, null, null);

    public DeclaredDevice {
        id = clean(id);
        name = clean(name);
        platform = clean(platform);
        model = clean(model);
        appVersion = clean(appVersion);
    }

    /** The device of the current request: set by the mobile endpoint, else read from the headers. */
    public static DeclaredDevice current(KeycloakSession session) {
        DeclaredDevice attached = session.getAttribute(SESSION_ATTRIBUTE, DeclaredDevice.class);
        if (attached != null) {
            return attached;
        }
        if (session.getContext().getRequestHeaders() == null) {
            return NONE;
        }
        HttpHeaders h = session.getContext().getRequestHeaders();
        return new DeclaredDevice(h.getHeaderString(HEADER_ID), h.getHeaderString(HEADER_NAME),
                h.getHeaderString(HEADER_PLATFORM), h.getHeaderString(HEADER_MODEL), h.getHeaderString(HEADER_APP_VERSION));
    }

    public void attachTo(KeycloakSession session) {
        session.setAttribute(SESSION_ATTRIBUTE, this);
    }

    public boolean isDeclared() {
        return id != null;
    }

    public boolean isEmpty() {
        return id == null && name == null && platform == null && model == null && appVersion == null;
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(v.length(), MAX_FIELD_LENGTH));
        for (int i = 0; i < v.length() && out.length() < MAX_FIELD_LENGTH; i++) {
            char c = v.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }
}
