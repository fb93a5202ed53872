package dev.enroll.adapter.http;

import dev.enroll.application.port.in.VersionCondition;
import dev.enroll.domain.user.User;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Conditional requests (RFC 9110 §8.8.3, §13): a user's strong entity tag is its version, which
 * moves with every change and only then, so the tag changes exactly when the user does. If-Match
 * compares strongly (a weak tag never matches); If-None-Match weakly. Tags this API never gave
 * out simply match nothing.
 */
final class EntityTags {

    static final String ETAG = "ETag";
    static final String IF_MATCH = "If-Match";
    static final String IF_NONE_MATCH = "If-None-Match";
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*(?:,|$)");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");
    private static final String WRITE_IF_NONE_MATCH = "enroll.writeIfNoneMatch";

    private EntityTags() {
    }

    static String of(User user) {
        return "\"" + user.version() + "\"";
    }

    /** Sets the user's tag on the answer. */
    static void tag(Context ctx, User user) {
        ctx.header(ETAG, of(user));
    }

    /**
     * The versions a write may apply to: those If-Match names (strongly; any for {@code *} or
     * none given), less those If-None-Match names (weakly; every one for {@code *}). The user
     * exists for every write, so If-None-Match: * always fails it (RFC 9110 §13.1.2).
     */
    static VersionCondition writeCondition(Context ctx) {
        List<String> ifMatch = headers(ctx, IF_MATCH);
        VersionCondition condition = ifMatch.isEmpty() || star(ifMatch)
                ? VersionCondition.NONE : VersionCondition.oneOf(versions(ifMatch, false));
        List<String> ifNoneMatch = ifNoneMatch(ctx);
        if (ifNoneMatch.isEmpty()) {
            return condition;
        }
        return condition.noneOf(versions(ifNoneMatch, true), star(ifNoneMatch));
    }

    /**
     * Takes If-None-Match off every request but a GET or HEAD, keeping it for
     * {@link #writeCondition}: Javalin answers 304 whenever an answer's ETag equals that header,
     * whatever the method, so a write that succeeded would come back as 304 without its body.
     */
    static void setAsideOnWrites(Context ctx) {
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return;
        }
        List<String> lines = headers(ctx, IF_NONE_MATCH);
        if (lines.isEmpty()) {
            return;
        }
        ctx.attribute(WRITE_IF_NONE_MATCH, lines);
        Request request = Request.getBaseRequest(ctx.req());
        request.setHttpFields(HttpFields.build(request.getHttpFields()).remove(HttpHeader.IF_NONE_MATCH));
    }

    /** Every line of If-None-Match, as sent (set aside on a write). */
    private static List<String> ifNoneMatch(Context ctx) {
        List<String> setAside = ctx.attribute(WRITE_IF_NONE_MATCH);
        return setAside != null ? setAside : headers(ctx, IF_NONE_MATCH);
    }

    private static boolean star(List<String> lines) {
        return lines.stream().anyMatch(line -> line.strip().equals("*"));
    }

    private static List<String> headers(Context ctx, String name) {
        return ctx.req().getHeaders(name) == null ? List.of() : Collections.list(ctx.req().getHeaders(name));
    }

    /** The versions the lists name; weak tags count only when {@code weakToo} (weak comparison). */
    private static Set<Long> versions(List<String> headers, boolean weakToo) {
        Set<Long> versions = new HashSet<>();
        for (String header : headers) {
            for (Tag tag : tags(header)) {
                if ((weakToo || !tag.weak()) && VERSION.matcher(tag.opaque()).matches()) {
                    versions.add(Long.parseLong(tag.opaque()));
                }
            }
        }
        return versions;
    }

    /** Whether If-None-Match names {@code user}'s current tag (or is {@code *}): a GET then answers 304. */
    static boolean notModified(Context ctx, User user) {
        List<String> lines = ifNoneMatch(ctx);
        return !lines.isEmpty() && (star(lines) || versions(lines, true).contains(user.version()));
    }

    private record Tag(boolean weak, String opaque) {
    }

    /** The tags of a list, as far as it is well formed. */
    private static List<Tag> tags(String header) {
        List<Tag> tags = new ArrayList<>();
        Matcher matcher = TAG.matcher(header);
        int at = 0;
        while (at < header.length() && matcher.find(at) && matcher.start() == at) {
            tags.add(new Tag(matcher.group(1) != null, matcher.group(2)));
            at = matcher.end();
        }
        return tags;
    }
}
