package io.github.tokenfamilies.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.tokenfamilies.it.support.Jwt;
import io.github.tokenfamilies.it.support.Kc;
import io.github.tokenfamilies.it.support.KeycloakExtension;
import io.github.tokenfamilies.it.support.Reply;
import io.github.tokenfamilies.it.support.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forged, foreign and misused tokens: each refused with a §6 code, none a 5xx, and none revokes the innocent
 * family whose token was copied or imitated.
 */
@ExtendWith(KeycloakExtension.class)
class SecurityMatrixIT {

    static final String APP = "mobile-app";
    static final java.util.Set<String> CODES = MalformedRequestsIT.CODES;

    TestUser victim;
    Reply login;

    @BeforeAll
    static void otherRealm(Kc kc) {
        Reply r = kc.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(kc.baseUrl() + "/admin/realms"))
                .header("Authorization", "Bearer " + kc.adminToken()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"realm\":\"other\",\"enabled\":true,\"clients\":[{\"clientId\":\"mobile-app\","
                        + "\"publicClient\":true,\"directAccessGrantsEnabled\":true}]}")));
        assertTrue(r.status() == 201 || r.status() == 409, r.toString());
    }

    @BeforeEach
    void victim(Kc kc) {
        victim = kc.createUser("victim");
        login = kc.mobileLogin(APP, victim, "v-1", "Victim phone");
        assertEquals(200, login.status());
    }

    void refused(Reply r) {
        assertTrue(r.status() >= 400 && r.status() < 500, "4xx: " + r);
        assertTrue(CODES.contains(r.field("error")), "a §6 code: " + r);
    }

    void victimUnharmed(Kc kc) {
        Reply r = kc.mobileRefresh(APP, login.refreshToken(), "v-1");
        assertEquals(200, r.status(), "the innocent family still works: " + r);
    }

    String refresh(String client, String token) {
        return "{\"grant_type\":\"refresh_token\",\"client_id\":\"" + client + "\",\"refresh_token\":\"" + token + "\",\"device\":{\"id\":\"v-1\"}}";
    }

    @Test
    void aRefreshTokenOfClientXPresentedByClientY(Kc kc) {
        refused(kc.mobileToken(refresh("web-app", login.refreshToken()), "Origin", "http://localhost:8080", "X-Requested-With", "x"));
        refused(kc.mobileToken(refresh("legacy-service", login.refreshToken()).replace("\"grant_type\"", "\"client_secret\":\"legacy-service-secret\",\"grant_type\"")));
        victimUnharmed(kc);
    }

    @Test
    void aRefreshTokenOfRealmAAtRealmB(Kc kc) {
        refused(kc.postJson(kc.baseUrl() + "/realms/other/mobile/token", refresh(APP, login.refreshToken())));
        victimUnharmed(kc);
    }

    @Test
    void aTokenSignedWithAForeignKey(Kc kc) throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(header(login.refreshToken()).path("kid").asText()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).type(JOSEObjectType.JWT).build(),
                JWTClaimsSet.parse(Jwt.claims(login.refreshToken()).toString()));
        forged.sign(new RSASSASigner(foreign));
        refused(kc.mobileToken(refresh(APP, forged.serialize())));
        victimUnharmed(kc);
    }

    @Test
    void algNone(Kc kc) {
        String[] parts = login.refreshToken().split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        refused(kc.mobileToken(refresh(APP, none)));
        refused(kc.mobileToken(refresh(APP, b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2])));
        victimUnharmed(kc);
    }

    @Test
    void truncatedOrBitFlippedTokens(Kc kc) {
        String rt = login.refreshToken();
        refused(kc.mobileToken(refresh(APP, rt.substring(0, rt.length() - 10))));
        refused(kc.mobileToken(refresh(APP, rt.substring(0, rt.lastIndexOf('.')))));
        char[] c = rt.toCharArray();
        int i = rt.indexOf('.') + 20;
        c[i] = c[i] == 'A' ? 'B' : 'A';
        refused(kc.mobileToken(refresh(APP, new String(c))));
        victimUnharmed(kc);
    }

    @Test
    void aRefreshTokenUsedAsABearerAccessToken(Kc kc) {
        Reply r = kc.get(kc.mobileUrl("devices"), "Authorization", "Bearer " + login.refreshToken());
        refused(r);
        assertEquals(401, r.status());
        victimUnharmed(kc);
    }

    @Test
    void anAccessTokenUsedAsARefreshToken(Kc kc) {
        refused(kc.mobileToken(refresh(APP, login.accessToken())));
        refused(kc.mobileToken(refresh(APP, login.field("id_token"))));
        victimUnharmed(kc);
    }

    @Test
    void anExpiredToken(Kc kc) throws InterruptedException {
        String client = "matrix-short-idle";
        kc.createShortIdleClient(client, java.util.Map.of());
        Reply short1 = kc.mobileLogin(client, victim, "v-1", "Victim phone");
        Thread.sleep(2500); // a 1-second idle timeout must pass: elapsed time is the behaviour under test
        Reply r = kc.mobileRefresh(client, short1.refreshToken(), "v-1");
        refused(r);
        assertEquals("refresh_token_expired", r.field("error"));
        victimUnharmed(kc);
    }

    static com.fasterxml.jackson.databind.JsonNode header(String jwt) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
