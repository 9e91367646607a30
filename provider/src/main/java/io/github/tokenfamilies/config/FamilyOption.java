package io.github.tokenfamilies.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * One option of the {@code token-families} executor: its key, the admin console's label and help text, its type
 * and what it accepts. {@link FamilyConfigProperties#OPTIONS} lists them all; the console form and the validation
 * at save are both derived from that list, so an option is added with one line there.
 *
 * @param key          the configuration key, as stored and as in a realm export
 * @param label        the field's English label, as validation messages name it
 * @param help         the field's English help text
 * @param kind         the value's type
 * @param defaultValue what an absent or empty value means
 * @param min          smallest accepted value ({@link Kind#INTEGER})
 * @param max          largest accepted value ({@link Kind#INTEGER})
 * @param choices      the accepted values ({@link Kind#CHOICE}), the first being the default
 */
public record FamilyOption(String key, String label, String help, Kind kind, String defaultValue, int min, int max,
                           List<String> choices) {

    /** How a value is typed in the console and checked at save. */
    public enum Kind { INTEGER, BOOLEAN, CHOICE }

    private static final int MAX_ECHO = 40;

    /** A whole number from {@code min} to {@code max}, rendered as a number field. */
    public static FamilyOption integer(String key, String label, String help, int defaultValue, int min, int max) {
        return new FamilyOption(key, label, help + " " + min + " to " + max + ".", Kind.INTEGER,
                String.valueOf(defaultValue), min, max, List.of());
    }

    /** {@code true} or {@code false} (default {@code false}), rendered as a switch. */
    public static FamilyOption bool(String key, String label, String help) {
        return new FamilyOption(key, label, help, Kind.BOOLEAN, "false", 0, 0, List.of());
    }

    /** One of {@code choices} (the first is the default), rendered as a drop-down list. */
    public static FamilyOption choice(String key, String label, String help, String... choices) {
        return new FamilyOption(key, label, help, Kind.CHOICE, choices[0], 0, 0, List.of(choices));
    }

    /**
     * The message key of this option's label in {@code theme-resources/messages} ({@code tokenFamilies} + the key in
     * camel case, e.g. {@code tokenFamiliesGraceSeconds}); the help text's key adds {@code Help}. The admin console
     * translates both with the realm's and the admin's locale ({@link #label} and {@link #help} are the English
     * texts, which messages_en.properties repeats).
     */
    public String messageKey() {
        StringBuilder b = new StringBuilder("tokenFamilies");
        for (String part : key.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    /** The admin console's form field for this option: label and help text are message keys (see {@link #messageKey}). */
    public ProviderConfigProperty property() {
        ProviderConfigProperty p = new ProviderConfigProperty(key, messageKey(), messageKey() + "Help", switch (kind) {
            case INTEGER -> ProviderConfigProperty.INTEGER_TYPE;
            case BOOLEAN -> ProviderConfigProperty.BOOLEAN_TYPE;
            case CHOICE -> ProviderConfigProperty.LIST_TYPE;
        }, defaultValue);
        if (kind == Kind.CHOICE) {
            p.setOptions(choices);
        }
        return p;
    }

    /**
     * Why {@code value} (as stored: a string, number, boolean, or a one-element list) is not acceptable, naming the
     * option and what it accepts; empty when it is acceptable. An absent or empty value means the default.
     */
    public Optional<String> problem(Object value) {
        String text = text(value);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String v = text.trim();
        boolean ok = switch (kind) {
            case INTEGER -> v.matches("-?\\d{1,9}") && Integer.parseInt(v) >= min && Integer.parseInt(v) <= max;
            case BOOLEAN -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
            case CHOICE -> choices.contains(v.toLowerCase(Locale.ROOT));
        };
        if (ok) {
            return Optional.empty();
        }
        String accepted = switch (kind) {
            case INTEGER -> "a whole number from " + min + " to " + max;
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
        return Optional.of(key + " (" + label + ") must be " + accepted + ", not \"" + echo(v) + "\"");
    }

    /** The stored value as text: lists (as the console may store values) give their first element. */
    static String text(Object value) {
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? null : text(c.iterator().next());
        }
        return value == null ? null : String.valueOf(value);
    }

    private static String echo(String v) {
        String shown = v.length() > MAX_ECHO ? v.substring(0, MAX_ECHO) + "…" : v;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
