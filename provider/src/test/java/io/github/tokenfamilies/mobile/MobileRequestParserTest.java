package io.github.tokenfamilies.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;

import io.github.tokenfamilies.errors.FamilyError;
import io.github.tokenfamilies.errors.FamilyException;
import org.junit.jupiter.api.Test;

class MobileRequestParserTest {

    static MobileRequest parse(String type, String body) throws FamilyException {
        HttpHeaders h = mock(HttpHeaders.class);
        when(h.getHeaderString(HttpHeaders.CONTENT_TYPE)).thenReturn(type);
        return MobileRequestParser.parse(h, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), MultivaluedHashMap::new);
    }

    @Test
    void jsonWithDevice() throws Exception {
        MobileRequest r = parse("application/json; charset=utf-8", "{\"grant_type\":\"password\",\"client_id\":\"a\",\"x\":1,"
                + "\"device\":{\"id\":\"d1\",\"name\":\"Phone\",\"app_version\":\"2\"}}");
        assertEquals("password", r.param("grant_type"));
        assertEquals("d1", r.device().id());
        assertEquals("2", r.device().appVersion());
    }

    @Test
    void formWithDeviceFields() throws Exception {
        MobileRequest r = parse("application/x-www-form-urlencoded", "grant_type=refresh_token&refresh_token=a%2Bb&device.id=d2");
        assertEquals("a+b", r.param("refresh_token"));
        assertEquals("d2", r.device().id());
    }

    @Test
    void badInputNamesTheProblem() {
        FamilyException e = assertThrows(FamilyException.class, () -> parse("application/json", "{\"username\":[1]}"));
        assertEquals(FamilyError.INVALID_REQUEST, e.error());
        assertTrue(e.getMessage().contains("username"));
        assertTrue(assertThrows(FamilyException.class, () -> parse("text/plain", "a")).getMessage().contains("Content-Type"));
        assertTrue(assertThrows(FamilyException.class, () -> parse("application/json", "{\"a\":1,\"a\":2}")).getMessage().contains("JSON"));
        assertTrue(assertThrows(FamilyException.class, () -> parse("application/json", "x".repeat(70_000))).getMessage().contains("64 KiB"));
        assertTrue(assertThrows(FamilyException.class, () -> parse("application/json", "[".repeat(100) + "]".repeat(100))).getMessage().contains("JSON"));
    }
}
