package io.github.tokenfamilies.rotation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.tokenfamilies.device.DeclaredDevice;

/**
 * Everything stored about one family: one session note of fixed shape, so its size does not grow with the number
 * of rotations (R8). Numbers are written at fixed width; nothing in it is a credential.
 *
 * @param generation  generation of the live position (1 at login)
 * @param rotatedAt   epoch seconds of the last rotation (0 before the first)
 * @param revokedReason null while live; why it was revoked otherwise
 */
public record FamilyState(long generation, long createdAt, long lastRefreshAt, long rotatedAt, String lastIp,
                          String revokedReason, DeclaredDevice device, String jkt) {

    private static final String VERSION = "1";
    private static final char SEP = '|';

    public static FamilyState born(long now, String ip, DeclaredDevice device, String jkt) {
        return new FamilyState(1, now, now, 0, ip, null, device, jkt);
    }

    public boolean isRevoked() {
        return revokedReason != null;
    }

    public FamilyState rotated(long now, String ip) {
        return new FamilyState(generation + 1, createdAt, now, now, ip, null, device, jkt);
    }

    /** The same position with another last-rotation time (a family started by a refresh counts as rotated). */
    public FamilyState rotatedAt(long when) {
        return new FamilyState(generation, createdAt, lastRefreshAt, when, lastIp, revokedReason, device, jkt);
    }

    /** The same position bound to a DPoP key thumbprint ({@code null}: unbound). */
    public FamilyState boundTo(String thumbprint) {
        return new FamilyState(generation, createdAt, lastRefreshAt, rotatedAt, lastIp, revokedReason, device, thumbprint);
    }

    public FamilyState revoked(String reason) {
        return new FamilyState(generation, createdAt, lastRefreshAt, rotatedAt, lastIp, reason, device, jkt);
    }

    /** Serialized form stored in the client-session note. */
    public String encode() {
        StringBuilder b = new StringBuilder(160);
        b.append(VERSION).append(SEP)
                .append(padded(generation, 12)).append(SEP)
                .append(padded(createdAt, 11)).append(SEP)
                .append(padded(lastRefreshAt, 11)).append(SEP)
                .append(padded(rotatedAt, 11));
        for (String s : new String[]{lastIp, revokedReason, device.id(), device.name(), device.platform(),
                device.model(), device.appVersion(), jkt}) {
            b.append(SEP).append(escape(s));
        }
        return b.toString();
    }

    /** {@code value} zero-padded to {@code width} digits, as {@code %0<width>d} (String.format showed in the profile). */
    static String padded(long value, int width) {
        String digits = Long.toString(value);
        if (value < 0 || digits.length() >= width) {
            return String.format("%0" + width + "d", value);
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    /** Parses a stored note; {@code null} for absent or unreadable notes. */
    public static FamilyState decode(String note) {
        if (note == null) {
            return null;
        }
        List<String> f = split(note);
        if (f.size() != 13 || !VERSION.equals(f.get(0))) {
            return null;
        }
        try {
            return new FamilyState(Long.parseLong(f.get(1)), Long.parseLong(f.get(2)), Long.parseLong(f.get(3)),
                    Long.parseLong(f.get(4)), unescape(f.get(5)), unescape(f.get(6)),
                    new DeclaredDevice(unescape(f.get(7)), unescape(f.get(8)), unescape(f.get(9)), unescape(f.get(10)),
                            unescape(f.get(11))),
                    unescape(f.get(12)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>(13);
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == SEP) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static String escape(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('=');
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c == SEP || c == '%' || c < 0x20 || c > 0x7e) {
                b.append('%').append(String.format("%02X", x & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String unescape(String s) {
        if (s.equals("-") || s.isEmpty()) {
            return null;
        }
        String body = s.substring(1);
        byte[] out = new byte[body.length()];
        int n = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '%' && i + 2 < body.length()) {
                out[n++] = (byte) Integer.parseInt(body.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
