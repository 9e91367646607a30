package io.github.tokenfamilies.it.support;

import java.net.http.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP reply: status, headers, raw body, and the body as JSON when it is JSON. */
public record Reply(int status, HttpHeaders headers, String body) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** No HTTP answer at all (connection refused or reset): status 0, the failure as the body. */
    public static Reply noAnswer(Throwable failure) {
        return new Reply(0, HttpHeaders.of(java.util.Map.of(), (name, value) -> true), failure.toString());
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON (status " + status + "): " + body, e);
        }
    }

    /** A text field of the JSON body, or null. */
    public String field(String name) {
        JsonNode n = json().get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    public String accessToken() {
        return field("access_token");
    }

    public String refreshToken() {
        return field("refresh_token");
    }

    /** The stable §6 code: the mobile endpoint's "error", or the code at the start of error_description. */
    public String code() {
        String d = field("error_description");
        if (d != null && d.indexOf(':') > 0) {
            return d.substring(0, d.indexOf(':'));
        }
        return field("error");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
