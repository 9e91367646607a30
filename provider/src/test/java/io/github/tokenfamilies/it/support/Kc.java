package io.github.tokenfamilies.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a test needs from the running Keycloak: base URL, an admin client, and helpers to create users, log in and
 * refresh, so that each test reads as behaviour. Every token and password it handles is remembered, so a test can
 * check that none of them reached the server log.
 */
public final class Kc {

    public static final String REALM = "demo";

    /** The passwords {@link #createUser} set (and {@link #demoUser}'s), to their users' ids: a login with one is right. */
    private static final Map<String, String> CREATED_PASSWORDS = new ConcurrentHashMap<>();
    private static final int LOGIN_ATTEMPTS = 40;

    private final KeycloakServer server;
    private final HttpClient http;
    private final Set<String> secrets;
    private final boolean forLoad;

    public Kc(KeycloakServer server) {
        this(server, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(),
                ConcurrentHashMap.newKeySet(), false);
    }

    private Kc(KeycloakServer server, HttpClient http, Set<String> secrets, boolean forLoad) {
        this.server = server;
        this.http = http;
        this.secrets = secrets;
        this.forLoad = forLoad;
    }

    /**
     * The same server for load tests: a failed connection (refused, reset by a killed node) is a reply with status
     * 0 instead of an error, and the thousands of tokens a load handles are not added to {@link #secrets()} (the
     * passwords of the users it creates are).
     */
    public Kc forLoad() {
        return new Kc(server, http, secrets, true);
    }

    public KeycloakServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    /** Tokens, passwords and cookies the tests used. */
    public Set<String> secrets() {
        return secrets;
    }

    // ---- plain HTTP ----

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(r.statusCode(), r.headers(), r.body());
            if (!forLoad) {
                remember(reply);
            }
            return reply;
        } catch (IOException e) {
            if (forLoad) {
                return Reply.noAnswer(e);
            }
            throw new AssertionError("HTTP failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A form POST; a password login among them is retried as {@link #retriedLogin} says. */
    public Reply postForm(String url, Map<String, String> form, String... headers) {
        return retriedLogin(form.get("password"), () -> send(withHeaders(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))), headers)));
    }

    public Reply postJson(String url, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(withHeaders(b, headers));
    }

    public Reply get(String url, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(url)).GET(), headers));
    }

    public Reply delete(String url, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(url)).DELETE(), headers));
    }

    // ---- OAuth ----

    public Reply passwordLogin(String clientId, TestUser user, String... headers) {
        return passwordLoginWithScope(clientId, user, "openid", headers);
    }

    public Reply passwordLoginWithScope(String clientId, TestUser user, String scope, String... headers) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "password");
        f.put("client_id", clientId);
        if ("legacy-service".equals(clientId)) {
            f.put("client_secret", "legacy-service-secret");
        }
        f.put("username", user.username());
        f.put("password", user.password());
        f.put("scope", scope);
        return postForm(tokenUrl(), f, headers);
    }

    /**
     * Sends a password login again while Keycloak refuses it only because the same user's previous login is still
     * being recorded. Keycloak 26's blocking brute-force protector (DefaultBlockingBruteForceProtector) marks a user's
     * login as in progress until an off-thread job has recorded its outcome, which can finish after the login's reply;
     * a login of the same user arriving in that window from another request thread is refused like a wrong password.
     * There is no probe for that job, so the refusal itself is the signal: it is retried only when {@code password} is
     * one {@link #createUser} set and the attack-detection API says its user is not locked out. Wrong passwords and
     * real lockouts come back at once, unchanged; load runs ({@link #forLoad()}) are never retried.
     */
    private Reply retriedLogin(String password, java.util.function.Supplier<Reply> attempt) {
        Reply r = attempt.get();
        for (int i = 1; !forLoad && refusedAsWrongPassword(r) && mayRetryLogin(password, i); i++) {
            r = attempt.get();
        }
        return r;
    }

    /**
     * Whether a refused login with {@code password} may be sent again (see {@link #retriedLogin}), after pausing for
     * it: the password is one {@link #createUser} set, its user is not locked out and fewer than
     * {@value #LOGIN_ATTEMPTS} attempts were made.
     */
    boolean mayRetryLogin(String password, int attempts) {
        String userId = password == null ? null : CREATED_PASSWORDS.get(password);
        if (attempts >= LOGIN_ATTEMPTS || userId == null || lockedOut(userId)) {
            return false;
        }
        System.out.println("[it] Keycloak refused a right password while the user's previous login was recorded; again");
        pause(25L * attempts);
        return true;
    }

    /**
     * Whether Keycloak's brute-force protection has locked the user out (a real lockout, not a login in progress); a
     * user the admin API no longer finds counts as locked out, so that nothing retries its logins.
     */
    public boolean lockedOut(String userId) {
        Reply r = admin("GET", "/attack-detection/brute-force/users/" + userId, null);
        return r.status() != 200 || r.json().path("disabled").asBoolean();
    }

    private static boolean refusedAsWrongPassword(Reply r) {
        return (r.status() == 400 || r.status() == 401)
                && ("invalid_credentials".equals(r.code()) || r.body().contains("Invalid user credentials"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Reply refresh(String clientId, String refreshToken, String... headers) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("client_id", clientId);
        if ("legacy-service".equals(clientId)) {
            f.put("client_secret", "legacy-service-secret");
        }
        f.put("refresh_token", refreshToken);
        return postForm(tokenUrl(), f, headers);
    }

    public Reply userinfo(String accessToken) {
        return get(realmUrl() + "/protocol/openid-connect/userinfo", "Authorization", "Bearer " + accessToken);
    }

    /** Confidential client that introspects tokens in {@link #active}, like a resource server. */
    public static final String INTROSPECTOR = "it-introspector";
    private static final String INTROSPECTOR_SECRET = "it-introspector-secret";
    private volatile boolean introspectorCreated;

    /**
     * Token introspection as a resource server would do it; returns the "active" flag. Keycloak 26.7 answers
     * inactive when the caller is not in the token's audience, whatever the token's state; the introspecting client
     * is therefore created with the per-client switch that skips that check (ignored by versions without it).
     */
    public boolean active(String token) {
        return active(token, null);
    }

    /** Introspection with a {@code token_type_hint} (which picks Keycloak's introspection provider), or none. */
    public boolean active(String token, String typeHint) {
        ensureIntrospector();
        Map<String, String> form = new LinkedHashMap<>(Map.of("token", token, "client_id", INTROSPECTOR, "client_secret", INTROSPECTOR_SECRET));
        if (typeHint != null) {
            form.put("token_type_hint", typeHint);
        }
        Reply r = postForm(realmUrl() + "/protocol/openid-connect/token/introspect", form);
        if (r.status() != 200) {
            throw new AssertionError("introspection failed: " + r);
        }
        return r.json().path("active").asBoolean();
    }

    private synchronized void ensureIntrospector() {
        if (introspectorCreated) {
            return;
        }
        String body = "{\"clientId\":\"" + INTROSPECTOR + "\",\"enabled\":true,\"publicClient\":false,"
                + "\"secret\":\"" + INTROSPECTOR_SECRET + "\",\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,"
                + "\"attributes\":{\"allow.token.introspection.without.audience.check\":\"true\"}}";
        Reply r = admin("POST", "/clients", body);
        if (r.status() != 201 && r.status() != 409) {
            throw new AssertionError("introspector creation failed: " + r);
        }
        introspectorCreated = true;
    }

    // ---- mobile endpoint ----

    public String mobileUrl(String path) {
        return realmUrl() + "/mobile/" + path;
    }

    /** A request to the mobile token endpoint; a password login is retried as {@link #retriedLogin} says. */
    public Reply mobileToken(String json, String... headers) {
        return retriedLogin(passwordIn(json), () -> postJson(mobileUrl("token"), json, headers));
    }

    private static String passwordIn(String json) {
        try {
            JsonNode password = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("password");
            return password.isTextual() ? password.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: the malformed-request tests send such bodies on purpose
        }
    }

    /** A password login through the mobile endpoint with a declared device. */
    public Reply mobileLogin(String clientId, TestUser user, String deviceId, String deviceName, String... headers) {
        return mobileToken("{\"grant_type\":\"password\",\"client_id\":\"" + clientId + "\",\"username\":\"" + user.username()
                + "\",\"password\":\"" + user.password() + "\",\"scope\":\"openid\",\"device\":{\"id\":\"" + deviceId
                + "\",\"name\":\"" + deviceName + "\",\"platform\":\"iOS\",\"model\":\"iPhone15,2\",\"app_version\":\"1.4.0\"}}", headers);
    }

    public Reply mobileRefresh(String clientId, String refreshToken, String deviceId, String... headers) {
        return mobileToken("{\"grant_type\":\"refresh_token\",\"client_id\":\"" + clientId + "\",\"refresh_token\":\"" + refreshToken
                + "\"" + (deviceId == null ? "" : ",\"device\":{\"id\":\"" + deviceId + "\"}") + "}", headers);
    }

    // ---- admin ----

    public String adminToken() {
        Reply r = postForm(baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        if (r.status() != 200) {
            throw new AssertionError("admin login failed: " + r);
        }
        return r.accessToken();
    }

    public Reply admin(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(b);
    }

    public JsonNode adminJson(String path) {
        Reply r = admin("GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + ": " + r);
        }
        return r.json();
    }

    /** A new enabled user with a random name and password, e-mail and names set, realm default roles. */
    public TestUser createUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        secrets.add(password);
        String body = "{\"username\":\"" + username + "\",\"enabled\":true,\"email\":\"" + username + "@example.com\","
                + "\"emailVerified\":true,\"firstName\":\"Test\",\"lastName\":\"User\","
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}]}";
        Reply r = admin("POST", "/users", body);
        if (r.status() != 201) {
            throw new AssertionError("user creation failed: " + r);
        }
        String location = r.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        CREATED_PASSWORDS.put(password, id);
        return new TestUser(id, username, password);
    }

    /**
     * A user of the imported demo realm (realm-export.json), with the password README gives; known to
     * {@link #retriedLogin} like the users {@link #createUser} makes.
     */
    public TestUser demoUser(String username, String password) {
        JsonNode found = adminJson("/users?exact=true&username=" + username);
        if (found.size() != 1) {
            throw new AssertionError("demo user " + username + " not found: " + found);
        }
        String id = found.get(0).path("id").asText();
        CREATED_PASSWORDS.put(password, id);
        return new TestUser(id, username, password);
    }

    /** Creates a public client with direct grants (and offline access as an optional scope). */
    public void createPublicClient(String clientId) {
        String body = "{\"clientId\":\"" + clientId + "\",\"enabled\":true,\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":true,"
                + "\"redirectUris\":[\"http://localhost/cb\"],\"optionalClientScopes\":[\"offline_access\"]}";
        Reply r = admin("POST", "/clients", body);
        if (r.status() != 201 && r.status() != 409) {
            throw new AssertionError("client creation failed: " + r);
        }
    }

    /** An opted-in public client whose sessions expire after one idle second (for expiry scenarios). */
    public void createShortIdleClient(String clientId, Map<String, String> executorConfig) {
        createPublicClient(clientId);
        String id = adminJson("/clients?clientId=" + clientId).get(0).path("id").asText();
        expect(204, admin("PUT", "/clients/" + id, "{\"clientId\":\"" + clientId
                + "\",\"attributes\":{\"client.session.idle.timeout\":\"1\"}}"));
        optIn(clientId, executorConfig);
    }

    /**
     * Opts a client in the way an admin does in the console: a client profile with the token-families executor and
     * a client policy whose token-families-clients condition lists the client.
     */
    public void optIn(String clientId, Map<String, String> executorConfig) {
        String name = "it-" + clientId;
        expect(204, putProfile(name, executorConfig));
        expect(204, putPolicy(name, java.util.List.of(clientId), name));
    }

    /**
     * Saves the realm's client profiles through the admin REST API as the console does, with the profile {@code name}
     * (holding one token-families executor with this configuration) added or replaced; returns Keycloak's reply.
     */
    public Reply putProfile(String name, Map<String, ?> executorConfig) {
        com.fasterxml.jackson.databind.node.ObjectNode profiles = (com.fasterxml.jackson.databind.node.ObjectNode) adminJson("/client-policies/profiles");
        com.fasterxml.jackson.databind.node.ArrayNode pl = profiles.withArray("profiles");
        removeNamed(pl, name);
        com.fasterxml.jackson.databind.node.ObjectNode profile = pl.addObject().put("name", name);
        com.fasterxml.jackson.databind.node.ObjectNode exec = profile.putArray("executors").addObject().put("executor", "token-families");
        exec.set("configuration", Reply.JSON.valueToTree(executorConfig));
        profiles.remove("globalProfiles");
        return admin("PUT", "/client-policies/profiles", profiles.toString());
    }

    /**
     * Saves the realm's client policies as the console does, with the enabled policy {@code name} (a
     * token-families-clients condition listing {@code clientIds}, and the profile {@code profile}) added or replaced.
     */
    public Reply putPolicy(String name, java.util.List<String> clientIds, String profile) {
        com.fasterxml.jackson.databind.node.ObjectNode policies = (com.fasterxml.jackson.databind.node.ObjectNode) adminJson("/client-policies/policies");
        com.fasterxml.jackson.databind.node.ArrayNode pol = policies.withArray("policies");
        removeNamed(pol, name);
        com.fasterxml.jackson.databind.node.ObjectNode policy = pol.addObject().put("name", name).put("enabled", true);
        com.fasterxml.jackson.databind.node.ObjectNode cond = policy.putArray("conditions").addObject().put("condition", "token-families-clients");
        com.fasterxml.jackson.databind.node.ArrayNode clients = cond.putObject("configuration").putArray("clients");
        clientIds.forEach(clients::add);
        policy.putArray("profiles").add(profile);
        policies.remove("globalPolicies");
        return admin("PUT", "/client-policies/policies", policies.toString());
    }

    private static void removeNamed(com.fasterxml.jackson.databind.node.ArrayNode list, String name) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (name.equals(list.get(i).path("name").asText())) {
                list.remove(i);
            }
        }
    }

    private static void expect(int status, Reply r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ": " + r);
        }
    }

    /** Grants a realm-management client role (view-users, manage-users, …) to a user. */
    public void grantRealmManagementRole(TestUser user, String role) {
        String rm = adminJson("/clients?clientId=realm-management").get(0).path("id").asText();
        JsonNode roleRep = adminJson("/clients/" + rm + "/roles/" + role);
        expect(204, admin("POST", "/users/" + user.id() + "/role-mappings/clients/" + rm, "[" + roleRep + "]"));
    }

    /** The live families of a user, through the admin API. */
    public JsonNode devicesOf(String userId) {
        return adminJson("/token-families/users/" + userId + "/devices");
    }

    // ---- internals ----

    private void remember(Reply reply) {
        if (reply.body() == null || !reply.body().startsWith("{")) {
            return;
        }
        try {
            JsonNode n = Reply.JSON.readTree(reply.body());
            for (String f : new String[]{"access_token", "refresh_token", "id_token"}) {
                if (n.hasNonNull(f)) {
                    secrets.add(n.get(f).asText());
                }
            }
        } catch (Exception ignored) {
            // not JSON after all
        }
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
