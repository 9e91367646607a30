package io.github.tokenfamilies.it.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@link BrowserLogin} ended up: the URL of the last response, its status, the redirect it points to when it
 * left Keycloak (a client's redirect URI), and its HTML. Reads the few things a test needs from Keycloak's pages
 * (title, forms) with patterns, not a full HTML parser: Keycloak's login theme writes attributes with double quotes.
 */
public record Page(URI url, int status, String location, String body) {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUTTON = Pattern.compile("<button\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern TITLE = Pattern.compile("id=\"kc-page-title\"[^>]*>(.*?)</h1>", Pattern.DOTALL);
    private static final Pattern PAGE_ID = Pattern.compile("data-page-id=\"([^\"]+)\"");

    /** A form of the page: its absolute action and the fields a browser would send (hidden and pre-filled inputs). */
    public record Form(URI action, Map<String, String> fields) {
    }

    /** The page's heading ({@code kc-page-title}) as plain text, or "" when there is none. */
    public String title() {
        Matcher m = TITLE.matcher(body);
        return m.find() ? m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim() : "";
    }

    /** The theme's page id ({@code data-page-id}, e.g. {@code login-login}, {@code login-oauth-grant}), or "". */
    public String pageId() {
        Matcher m = PAGE_ID.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    /** The form that has a submit button or input with this name (e.g. "accept" on the consent page). */
    public Optional<Form> formWithButton(String buttonName) {
        Matcher f = FORM.matcher(body);
        while (f.find()) {
            String inner = f.group(2);
            String buttonValue = submitValue(inner, buttonName);
            if (buttonValue == null) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher i = INPUT.matcher(inner);
            while (i.find()) {
                Map<String, String> a = attributes(i.group(1));
                String type = a.getOrDefault("type", "text").toLowerCase(java.util.Locale.ROOT);
                if (a.containsKey("name") && !type.equals("submit") && !type.equals("checkbox") && !type.equals("radio")) {
                    fields.put(a.get("name"), a.getOrDefault("value", ""));
                }
            }
            fields.put(buttonName, buttonValue);
            String action = attributes(f.group(1)).getOrDefault("action", url.toString());
            return Optional.of(new Form(url.resolve(action), fields));
        }
        return Optional.empty();
    }

    /** The form with Keycloak's username/password login ({@code kc-form-login}), if the page shows it. */
    public Optional<Form> loginForm() {
        Matcher f = FORM.matcher(body);
        while (f.find()) {
            Map<String, String> a = attributes(f.group(1));
            if ("kc-form-login".equals(a.get("id"))) {
                return Optional.of(new Form(url.resolve(a.get("action")), new LinkedHashMap<>()));
            }
        }
        return Optional.empty();
    }

    private static String submitValue(String formHtml, String name) {
        for (Pattern p : new Pattern[]{BUTTON, INPUT}) {
            Matcher m = p.matcher(formHtml);
            while (m.find()) {
                Map<String, String> a = attributes(m.group(1));
                if (name.equals(a.get("name")) && (p == BUTTON || "submit".equalsIgnoreCase(a.get("type")))) {
                    return a.getOrDefault("value", ""); // a button without a value attribute is sent with an empty one
                }
            }
        }
        return null;
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), unescape(m.group(2)));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }

    @Override
    public String toString() {
        return status + " " + url + (location == null ? "" : " -> " + location) + " [" + pageId() + "] " + title();
    }
}
