package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Refuses a query string that cannot be decoded: a {@code %} not followed by two hex digits, or
 * escapes that do not spell UTF-8. The servlet layer drops or mangles such parameters silently,
 * so {@code ?returnExistingUserIfExists=%zz} would read as absent; here it is a 400 for every
 * route, before anything else looks at the query.
 */
final class QueryString {

    static final String FIELD = "query";

    private QueryString() {
    }

    static void requireDecodable(Context ctx) {
        String query = ctx.queryString();
        if (query != null && !decodable(query)) {
            throw new MalformedRequestException(FIELD, "has an escape that is not %XX hex or not UTF-8");
        }
    }

    static boolean decodable(String query) {
        byte[] bytes = new byte[query.length()];
        int length = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || !HexFormat.isHexDigit(query.charAt(i + 1))
                        || !HexFormat.isHexDigit(query.charAt(i + 2))) {
                    return false;
                }
                bytes[length++] = (byte) HexFormat.fromHexDigits(query, i + 1, i + 3);
                i += 2;
            } else if (c > 0x7f) {
                // Jetty hands raw non-ASCII bytes over as Latin-1 or UTF-8; either way it is not a valid URI.
                return false;
            } else {
                bytes[length++] = (byte) c;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
