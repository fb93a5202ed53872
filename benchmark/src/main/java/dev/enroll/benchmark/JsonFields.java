package dev.enroll.benchmark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a top-level string field out of the few small, known answers the driver needs (partner
 * credentials, token, a new user's id). A JSON library would be one more thing in the load
 * generator's JVM for no gain here.
 */
final class JsonFields {

    private JsonFields() {
    }

    static String string(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        if (!m.find()) {
            // Name the field, never echo the body: it may hold a secret or a token.
            throw new IllegalStateException("answer has no string field '" + field + "'");
        }
        return m.group(1);
    }
}
