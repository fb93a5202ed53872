package dev.enroll.adapter.http;

import java.util.Locale;

/** The media type a request body is declared as: one of those a route reads, in UTF-8. */
final class RequestMediaType {

    private RequestMediaType() {
    }

    /**
     * The declared media type, lower case, when it is one of {@code accepted} with no charset or
     * UTF-8; otherwise {@link UnsupportedMediaTypeException}. JSON, NDJSON and our CSV are UTF-8:
     * a body declared in another charset would be misread.
     */
    static String requireUtf8(String contentType, String... accepted) {
        if (contentType == null) {
            throw new UnsupportedMediaTypeException(accepted);
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean known = false;
        for (String candidate : accepted) {
            known |= candidate.equals(type);
        }
        if (!known) {
            throw new UnsupportedMediaTypeException(accepted);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && (parameter.length < 2
                    || !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                throw new UnsupportedMediaTypeException(accepted);
            }
        }
        return type;
    }
}
