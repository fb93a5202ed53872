package dev.enroll.bootstrap.wiring;

import dev.enroll.application.port.in.IssuedCredentials;

/**
 * Writes the few JSON strings the command line prints. JSON libraries stay in the HTTP adapter;
 * escaping a string is all that is needed here.
 */
public final class JsonText {

    private JsonText() {
    }

    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {"partnerId", "clientId", "clientSecret"}: what partner create and rotate-secret print. */
    public static String credentials(IssuedCredentials issued) {
        return credentials(issued.partner().id().value(), issued.partner().clientId().value(), issued.clientSecret());
    }

    public static String credentials(String partnerId, String clientId, String clientSecret) {
        return "{\"partnerId\":" + quote(partnerId) + ",\"clientId\":" + quote(clientId)
                + ",\"clientSecret\":" + quote(clientSecret) + "}";
    }
}
