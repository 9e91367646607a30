package io.github.tokenfamilies.mobile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tokenfamilies.device.DeclaredDevice;
import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;

/**
 * Turns a mobile-endpoint body (JSON or form, at most 64 KiB) into OAuth parameters and a device, refusing bad
 * input with {@code invalid_request} and the offending field named. Unknown fields are ignored.
 */
final class MobileRequestParser {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_FIELD_CHARS = 16 * 1024;
    static final Set<String> STRING_FIELDS = Set.of("grant_type", "client_id", "client_secret", "code", "code_verifier",
            "redirect_uri", "username", "password", "totp", "otp", "refresh_token", "scope",
            "client_assertion", "client_assertion_type", "replace_device");
    private static final String[][] DEVICE_FIELDS = {
            {"id", DeclaredDevice.HEADER_ID}, {"name", DeclaredDevice.HEADER_NAME}, {"platform", DeclaredDevice.HEADER_PLATFORM},
            {"model", DeclaredDevice.HEADER_MODEL}, {"app_version", DeclaredDevice.HEADER_APP_VERSION}};

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(MAX_BODY_BYTES).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // "{…} garbage" is not JSON

    private MobileRequestParser() {
    }

    /**
     * Parses a body whose content type must be JSON or form-encoded. Keycloak's HTTP layer decodes form bodies
     * before resources run, so {@code decodedForm} supplies them when the stream is already consumed.
     */
    static MobileRequest parse(HttpHeaders headers, InputStream body, Supplier<MultivaluedMap<String, String>> decodedForm)
            throws FamilyException {
        String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String text = read(body);
        Map<String, String> device = new HashMap<>();
        MultivaluedHashMap<String, String> params;
        if (media.equals("application/json") || media.endsWith("+json")) {
            params = json(text, device);
        } else if (media.equals("application/x-www-form-urlencoded")) {
            params = text.isEmpty() ? decoded(decodedForm, device) : form(text, device);
        } else {
            throw bad("Content-Type must be application/json or application/x-www-form-urlencoded");
        }
        return new MobileRequest(params, device(headers, device));
    }

    /** Parses an optional body (logout): an empty body is an empty request. */
    static MobileRequest parseOptional(HttpHeaders headers, InputStream body, Supplier<MultivaluedMap<String, String>> decodedForm)
            throws FamilyException {
        String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            String text = read(body);
            if (!text.isBlank()) {
                throw bad("Content-Type must be application/json or application/x-www-form-urlencoded");
            }
            return new MobileRequest(new MultivaluedHashMap<>(), device(headers, Map.of()));
        }
        return parse(headers, body, decodedForm);
    }

    private static MultivaluedHashMap<String, String> decoded(Supplier<MultivaluedMap<String, String>> decodedForm,
                                                              Map<String, String> device) throws FamilyException {
        MultivaluedMap<String, String> form;
        try {
            form = decodedForm.get();
        } catch (RuntimeException e) {
            throw bad("form body is not well-formed (bad percent-encoding)");
        }
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        if (form == null) {
            return params;
        }
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String key = e.getKey();
            List<String> values = e.getValue();
            if (values == null || values.isEmpty()) {
                continue;
            }
            if (values.size() > 1 && (STRING_FIELDS.contains(key) || deviceField(key) != null)) {
                throw bad("field '" + key + "' is repeated");
            }
            String deviceField = deviceField(key);
            if (deviceField != null) {
                device.put(deviceField, deviceValue("device." + deviceField, values.get(0)));
            } else if (STRING_FIELDS.contains(key)) {
                params.add(key, limited(key, values.get(0)));
            }
        }
        return params;
    }

    private static String read(InputStream in) throws FamilyException {
        try {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw bad("body is larger than 64 KiB");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad("body is not valid UTF-8");
        } catch (IOException e) { // the connection broke or timed out mid-body: nothing was wrong with the request
            throw new FamilyException(FamilyError.SERVER_ERROR, "the request body could not be read; retry");
        }
    }

    private static MultivaluedHashMap<String, String> json(String text, Map<String, String> device) throws FamilyException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw bad("body is not well-formed JSON" + (e.getMessage() != null && e.getMessage().contains("nesting") ? " (nested too deeply)" : ""));
        }
        if (root == null || !root.isObject()) {
            throw bad("body must be a JSON object");
        }
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        for (String f : STRING_FIELDS) {
            JsonNode v = root.get(f);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isTextual()) {
                throw bad("field '" + f + "' must be a string");
            }
            params.add(f, limited(f, v.asText()));
        }
        JsonNode d = root.get("device");
        if (d != null && !d.isNull()) {
            if (!d.isObject()) {
                throw bad("field 'device' must be an object");
            }
            for (String[] f : DEVICE_FIELDS) {
                JsonNode v = d.get(f[0]);
                if (v == null || v.isNull()) {
                    continue;
                }
                if (!v.isTextual()) {
                    throw bad("field 'device." + f[0] + "' must be a string");
                }
                device.put(f[0], deviceValue("device." + f[0], v.asText()));
            }
        }
        return params;
    }

    private static MultivaluedHashMap<String, String> form(String text, Map<String, String> device) throws FamilyException {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        if (text.isBlank()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw bad("form body is not well-formed (bad percent-encoding)");
            }
            String deviceField = deviceField(key);
            if (deviceField != null) {
                device.put(deviceField, deviceValue("device." + deviceField, value));
            } else if (STRING_FIELDS.contains(key)) {
                if (params.containsKey(key)) {
                    throw bad("field '" + key + "' is repeated");
                }
                params.add(key, limited(key, value));
            }
        }
        return params;
    }

    private static String deviceField(String key) {
        for (String[] f : DEVICE_FIELDS) {
            if (key.equals("device." + f[0]) || key.equals("device[" + f[0] + "]") || key.equals("device_" + f[0])) {
                return f[0];
            }
        }
        return null;
    }

    private static DeclaredDevice device(HttpHeaders headers, Map<String, String> body) throws FamilyException {
        String[] v = new String[DEVICE_FIELDS.length];
        for (int i = 0; i < DEVICE_FIELDS.length; i++) {
            String fromBody = body.get(DEVICE_FIELDS[i][0]);
            String fromHeader = headers.getHeaderString(DEVICE_FIELDS[i][1]);
            v[i] = fromBody != null ? fromBody : fromHeader == null ? null : deviceValue("header " + DEVICE_FIELDS[i][1], fromHeader);
        }
        return new DeclaredDevice(v[0], v[1], v[2], v[3], v[4]);
    }

    private static String deviceValue(String field, String value) throws FamilyException {
        if (value.length() > DeclaredDevice.MAX_FIELD_LENGTH) {
            throw bad(field + " is longer than " + DeclaredDevice.MAX_FIELD_LENGTH + " characters");
        }
        return value;
    }

    private static String limited(String field, String value) throws FamilyException {
        if (value.length() > MAX_FIELD_CHARS) {
            throw bad("field '" + field + "' is too long");
        }
        return value;
    }

    static FamilyException bad(String text) {
        return new FamilyException(FamilyError.INVALID_REQUEST, text);
    }
}
