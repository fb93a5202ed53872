package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.util.List;

/** A boolean query parameter: {@code true} or {@code false} exactly, once at most; absent means {@code false}. */
final class QueryFlag {

    private QueryFlag() {
    }

    static boolean read(Context ctx, String name) {
        List<String> values = QueryString.values(ctx, name);
        if (values.isEmpty()) {
            return false;
        }
        if (values.size() > 1) {
            throw new MalformedRequestException(name, "must be given at most once");
        }
        if (values.get(0).equals("true") || values.get(0).equals("false")) {
            return Boolean.parseBoolean(values.get(0));
        }
        throw new MalformedRequestException(name, "must be true or false");
    }
}
