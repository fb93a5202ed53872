package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query string, read here and only here. One that cannot be decoded (a {@code %} not
 * followed by two hex digits, or escapes that do not spell UTF-8) is a 400 for every route,
 * before anything else looks at the query. Parameters are decoded as UTF-8 whatever charset the
 * body declares: the servlet layer decodes them with that charset, and hands over none at all
 * when it does not know it ({@code charset="utf-8"}, quoted, as RFC 9110 allows), so
 * {@code ?dryRun=true} read as absent and a dry run wrote.
 */
final class QueryString {

    static final String FIELD = "query";
    private static final String PARAMETERS = "enroll.query";

    private QueryString() {
    }

    static void requireDecodable(Context ctx) {
        String query = ctx.queryString();
        if (query != null && !decodable(query)) {
            throw new MalformedRequestException(FIELD, "has an escape that is not %XX hex or not UTF-8");
        }
    }

    /** Every parameter with its values, in order; a name without {@code =} has the value "". */
    static Map<String, List<String>> parameters(Context ctx) {
        Map<String, List<String>> parameters = ctx.attribute(PARAMETERS);
        if (parameters == null) {
            parameters = parse(ctx.queryString());
            ctx.attribute(PARAMETERS, parameters);
        }
        return parameters;
    }

    /** The values of {@code name}, none when it is absent. */
    static List<String> values(Context ctx, String name) {
        return parameters(ctx).getOrDefault(name, List.of());
    }

    /** The first value of {@code name}, or {@code null}. */
    static String first(Context ctx, String name) {
        List<String> values = values(ctx, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> parse(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(parameters);
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
