package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.application.port.in.Patch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object by type, without coercion: a number is not a string and
 * {@code "yes"} is not a boolean. Every problem is noted (named as the API spells the field, e.g.
 * {@code address.zip}) rather than thrown, so one answer lists them all; {@link #done()} throws
 * them together. A field nobody asked for is a problem too: a misspelt field must not be ignored.
 *
 * <p>Two readings of presence: for a new resource, absent and {@code null} both mean "not given";
 * for a partial update ({@code ...Patch} methods), absent keeps, {@code null} clears.
 */
final class JsonObjectReader {

    private final ObjectNode node;
    private final String prefix;
    private final List<FieldError> errors;
    private final Set<String> known = new HashSet<>();

    private JsonObjectReader(ObjectNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** A reader of the request body, which must be a JSON object. */
    static JsonObjectReader of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new MalformedRequestException("body", "must be a JSON object");
        }
        return new JsonObjectReader((ObjectNode) body, "", new ArrayList<>());
    }

    String text(String name) {
        JsonNode value = field(name);
        return isGiven(value) ? textOf(name, value) : null;
    }

    Patch<String> textPatch(String name) {
        return patchOf(name, field(name), this::textOf);
    }

    /** A flag that may also be spelt {@code alias}; sending both spellings with different values is refused. */
    Boolean flag(String name, String alias) {
        String sent = spelling(name, alias);
        JsonNode value = field(sent);
        return isGiven(value) ? flagOf(sent, value) : null;
    }

    Patch<Boolean> flagPatch(String name, String alias) {
        String sent = spelling(name, alias);
        return patchOf(sent, field(sent), this::flagOf);
    }

    /** The nested object, or {@code null} when absent or {@code null}. */
    JsonObjectReader object(String name) {
        JsonNode value = field(name);
        return isGiven(value) ? objectOf(name, value) : null;
    }

    Patch<JsonObjectReader> objectPatch(String name) {
        return patchOf(name, field(name), this::objectOf);
    }

    /** Notes every field of this object that was never asked for. Call after reading the fields. */
    void rejectUnknownFields() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(FieldError.unknown(prefix + name));
            }
        }
    }

    /** Rejects unknown fields of this (the body) object, then throws every problem noted, if any. */
    void done() {
        rejectUnknownFields();
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
    }

    private JsonNode field(String name) {
        known.add(name);
        return node.get(name);
    }

    /** Which of the two spellings to read: {@code name} unless only {@code alias} was sent. */
    private String spelling(String name, String alias) {
        JsonNode value = field(name);
        JsonNode aliasValue = field(alias);
        if (value != null && aliasValue != null && !value.equals(aliasValue)) {
            errors.add(new FieldError(prefix + alias, "conflicts with " + prefix + name));
        }
        return value == null && aliasValue != null ? alias : name;
    }

    private static boolean isGiven(JsonNode value) {
        return value != null && !value.isNull();
    }

    private <T> Patch<T> patchOf(String name, JsonNode value, Reading<T> reading) {
        if (value == null) {
            return Patch.keep();
        }
        if (value.isNull()) {
            return Patch.clear();
        }
        T read = reading.read(name, value);
        return read == null ? Patch.keep() : Patch.set(read);
    }

    private String textOf(String name, JsonNode value) {
        if (!value.isTextual()) {
            errors.add(new FieldError(prefix + name, "must be a string"));
            return null;
        }
        String text = value.textValue();
        if (!isUnicode(text)) {
            errors.add(new FieldError(prefix + name, "must be valid Unicode text (a lone surrogate escape is not)"));
            return null;
        }
        return text;
    }

    /**
     * A JSON string escape can spell half of a UTF-16 surrogate pair, which is no character at
     * all (RFC 8259 leaves its meaning open): stored as UTF-8 it would come back as '?'. Refused
     * here, for every text field of every body, rather than stored changed. (Control characters,
     * NUL among them, are the domain's to refuse.)
     */
    static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private Boolean flagOf(String name, JsonNode value) {
        if (!value.isBoolean()) {
            errors.add(new FieldError(prefix + name, "must be true or false"));
            return null;
        }
        return value.booleanValue();
    }

    private JsonObjectReader objectOf(String name, JsonNode value) {
        if (!value.isObject()) {
            errors.add(new FieldError(prefix + name, "must be an object"));
            return null;
        }
        return new JsonObjectReader((ObjectNode) value, prefix + name + ".", errors);
    }

    /** Reads a present, non-null value; notes a problem and answers {@code null} when it is the wrong type. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(String name, JsonNode value);
    }
}
