package io.github.tokenfamilies.it.support;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen: one cookie jar, Keycloak's real login form, authorization code + PKCE. Two logins
 * through one instance share the Keycloak SSO session, like two tabs of one browser.
 */
public final class BrowserLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final Kc kc;
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Keycloak marks its cookies Secure; real browsers send them to http://localhost, java.net's jar does not. */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public BrowserLogin(Kc kc) {
        this.kc = kc;
    }

    /** The browser's cookies as a Cookie header (after a login: Keycloak's SSO session). */
    public String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining("; "));
    }

    /** An authorization code and the PKCE verifier that goes with it. */
    public record Code(String code, String verifier) {
    }

    /**
     * Logs in (or reuses the SSO session) and exchanges the code at the standard endpoint, with {@code headers}
     * (name, value, …) on the code exchange, such as {@code X-Device-Id}.
     */
    public Reply login(String clientId, String redirectUri, TestUser user, String... headers) throws Exception {
        return exchange(clientId, redirectUri, code(clientId, redirectUri, user, "openid"), headers);
    }

    /** Logs in with the given scope (e.g. "openid offline_access") and exchanges the code. */
    public Reply loginWithScope(String clientId, String redirectUri, TestUser user, String scope) throws Exception {
        return exchange(clientId, redirectUri, code(clientId, redirectUri, user, scope));
    }

    /** Logs in (or reuses the SSO session) and returns the authorization code, not yet exchanged. */
    public Code code(String clientId, String redirectUri, TestUser user) throws Exception {
        return code(clientId, redirectUri, user, "openid");
    }

    /** Exchanges a code at the standard endpoint, with {@code headers} (name, value, …) on the request. */
    public Reply exchange(String clientId, String redirectUri, Code c, String... headers) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("client_id", clientId);
        f.put("code", c.code());
        f.put("redirect_uri", redirectUri);
        f.put("code_verifier", c.verifier());
        return kc.postForm(kc.tokenUrl(), f, headers);
    }

    private Code code(String clientId, String redirectUri, TestUser user, String scope) throws Exception {
        String verifier = b64(random(32));
        String challenge = b64(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String auth = kc.realmUrl() + "/protocol/openid-connect/auth?client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirectUri) + "&response_type=code&scope=" + enc(scope) + "&state=s" + System.nanoTime()
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(auth)).GET());
        String location;
        if (page.statusCode() == 302) {
            location = page.headers().firstValue("Location").orElseThrow(); // SSO session: no form
        } else {
            Matcher m = FORM_ACTION.matcher(page.body());
            if (!m.find()) {
                throw new AssertionError("no login form: " + page.statusCode());
            }
            HttpResponse<String> posted = postLoginForm(m, user);
            // Keycloak re-renders the form when it refuses; see Kc.login for why a right password can be refused
            for (int i = 1; posted.statusCode() == 200 && kc.mayRetryLogin(user.password(), i); i++) {
                m = FORM_ACTION.matcher(posted.body());
                if (!m.find()) {
                    break;
                }
                posted = postLoginForm(m, user);
            }
            if (posted.statusCode() != 302) {
                throw new AssertionError("login form refused: " + posted.statusCode());
            }
            location = posted.headers().firstValue("Location").orElseThrow();
        }
        String code = query(location).get("code");
        if (code == null) {
            throw new AssertionError("no code in redirect");
        }
        return new Code(code, verifier);
    }

    private HttpResponse<String> postLoginForm(Matcher form, TestUser user) throws Exception {
        // the form posts to Keycloak's frontend URL; a cluster node's is a --hostname that does not resolve
        String action = form.group(1).replace("&amp;", "&").replaceFirst("^https?://[^/]+", kc.baseUrl());
        return send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user.username()) + "&password=" + enc(user.password())
                        + "&credentialId=")));
    }

    // ---- any Keycloak page (device verification, consent, …) ----

    /** GETs a URL in this browser and follows Keycloak's redirects; a redirect that leaves Keycloak is not followed. */
    public Page open(String url) {
        return follow(URI.create(url), HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /**
     * Opens a URL and, when Keycloak answers with its login form, signs the user in with username and password;
     * returns the page Keycloak shows next (a consent page, an info page, or a redirect out of Keycloak). With an
     * SSO session in this browser no form is shown and the page after the redirects is returned as it is.
     */
    public Page openAndLogin(String url, TestUser user) {
        Page page = open(url);
        Page.Form login = page.loginForm().orElse(null);
        if (login == null) {
            return page;
        }
        Page after = post(login.action(), Map.of("username", user.username(), "password", user.password(), "credentialId", ""));
        // Keycloak re-renders the form when it refuses; see Kc.login for why a right password can be refused
        for (int i = 1; after.loginForm().isPresent() && kc.mayRetryLogin(user.password(), i); i++) {
            after = post(after.loginForm().get().action(), Map.of("username", user.username(), "password", user.password(), "credentialId", ""));
        }
        return after;
    }

    /** Clicks the submit button with this name in one of the page's forms (e.g. "accept" on the consent page). */
    public Page submit(Page page, String buttonName) {
        Page.Form form = page.formWithButton(buttonName)
                .orElseThrow(() -> new AssertionError("no form with a '" + buttonName + "' button on " + page));
        return post(form.action(), form.fields());
    }

    private Page post(URI action, Map<String, String> fields) {
        return follow(action, HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Kc.form(fields))));
    }

    /** Sends the request and follows redirects that stay on Keycloak (at most 20), like a browser. */
    private Page follow(URI url, HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = send(request);
            for (int hops = 0; hops < 20; hops++) {
                String location = r.headers().firstValue("Location").orElse(null);
                if (r.statusCode() / 100 != 3 || location == null) {
                    return new Page(url, r.statusCode(), null, r.body());
                }
                URI next = url.resolve(location);
                if (!next.toString().startsWith(kc.baseUrl() + "/")) {
                    return new Page(url, r.statusCode(), next.toString(), r.body());
                }
                url = next;
                r = send(HttpRequest.newBuilder(url).GET());
            }
            throw new AssertionError("more than 20 redirects, last at " + url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("browser request to " + url + " failed: " + e, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        HttpResponse<String> r = browser.send(b.timeout(java.time.Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || c.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return r;
    }

    private static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = location.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String kv : location.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
