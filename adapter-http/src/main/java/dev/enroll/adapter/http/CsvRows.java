package dev.enroll.adapter.http;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.enroll.application.port.in.ImportRow;
import dev.enroll.domain.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rows of a CSV body (RFC 4180: quoted fields may hold commas, quotes and line breaks; LF or
 * CRLF; UTF-8 with or without a byte order mark; blank lines skipped), read record by record as
 * they arrive. The header names the fields as a JSON body would, nested ones with a dot
 * ({@code address.state}, {@code policyInfo.policyNumber}); each record becomes that JSON object,
 * an empty cell meaning "not given", and is read like an NDJSON line. {@code true} and
 * {@code false} (any case) are the flags' values. A column the API does not know is refused with
 * the header, before any row is read; a missing one is a field not given, which the rules of
 * creates then judge row by row.
 */
final class CsvRows extends LookaheadRows {

    /** No cell may be longer than a whole JSON create body: memory stays bounded whatever the body. */
    private static final CsvFactory CSV = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(JsonBody.MAX_BYTES).build())
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final CsvParser parser;
    private final List<String> header;
    /** Set when the body cannot be read past a broken record: the next call ends the import with it. */
    private MalformedRequestException broken;

    private CsvRows(CsvParser parser, List<String> header) {
        this.parser = parser;
        this.header = header;
    }

    /** Reads and checks the header; a header the API cannot read is refused here, before any row. */
    static CsvRows open(InputStream body) {
        try {
            CsvParser parser = CSV.createParser(strictUtf8(body));
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedRequestException("body", "must start with a header row");
            }
            List<String> header = new ArrayList<>();
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedRequestException("body", "must start with a header row");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
                header.add(parser.getText().strip());
            }
            requireKnownColumns(header);
            return new CsvRows(parser, List.copyOf(header));
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException("body", "is not UTF-8");
        } catch (StreamConstraintsException e) {
            throw new MalformedRequestException("body", "has a header cell longer than " + JsonBody.MAX_BYTES + " characters");
        } catch (StreamReadException e) {
            throw new MalformedRequestException("body", "has a header row that is not valid CSV");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next record as a row; {@code null} at the end of the body. */
    @Override
    ImportRow readRow() {
        if (broken != null) {
            throw broken;
        }
        long line = -1;
        long start = -1;
        try {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> cells = new ArrayList<>(header.size());
            int count = 0;
            // Where the record starts, for when its first field is the broken one (a quote never
            // closed): the parser has read no further yet, unlike when it gives up.
            start = parser.currentLocation().getLineNr();
            for (token = parser.nextToken(); token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
                if (line < 0) {
                    line = parser.currentTokenLocation().getLineNr();
                }
                if (count++ < header.size()) {
                    cells.add(parser.getText());
                }
            }
            if (count != header.size()) {
                return ImportRowReader.unreadable(line, new MalformedRequestException("line",
                        "has " + count + " fields where the header has " + header.size()));
            }
            return row(line, cells);
        } catch (StreamConstraintsException e) {
            // The parser stopped inside the field, quoted or not: where the next record starts is
            // unknowable, so the import ends here rather than read the rest of the field as rows.
            long at = recordLine(line, start);
            broken = new MalformedRequestException("body", "cannot be read past the field longer than "
                    + JsonBody.MAX_BYTES + " characters in the record at line " + at);
            return ImportRowReader.unreadable(at, new MalformedRequestException("line",
                    "has a field longer than " + JsonBody.MAX_BYTES + " characters"));
        } catch (CharacterCodingException e) {
            // Decoded ahead of the parser, a block at a time: which record holds the bytes is
            // unknown, so the import ends here, after the rows answered so far.
            broken = notUtf8(recordLine(line, start));
            throw broken;
        } catch (StreamReadException e) {
            long at = recordLine(line, start);
            skipRestOfRecord(at);
            return ImportRowReader.unreadable(at, new MalformedRequestException("line", "is not valid CSV"
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code body} as text, decoded strictly: the CSV parser's own decoder takes overlong forms
     * and encoded surrogates, and ends at a byte that is not UTF-8 with an error the import took
     * for a broken connection. A leading byte order mark is dropped, as the parser would.
     */
    private static Reader strictUtf8(InputStream body) throws IOException {
        PushbackReader text = new PushbackReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()), 1);
        int first = text.read();
        if (first >= 0 && first != '\uFEFF') {
            text.unread(first);
        }
        return text;
    }

    /** Bytes that are not UTF-8 somewhere from {@code line} on: decoded a block ahead, so no closer. */
    private static MalformedRequestException notUtf8(long line) {
        return new MalformedRequestException("body", "is not UTF-8 at or after line " + line);
    }

    /** The line a broken record starts on: its first field's, else where it began, else where the parser is. */
    private long recordLine(long firstField, long start) {
        return firstField >= 0 ? firstField : start >= 0 ? start : parser.currentLocation().getLineNr();
    }

    /** After a broken field, the parser goes on with the record's next one: skip to its end, if it has one. */
    private void skipRestOfRecord(long line) {
        try {
            JsonToken token = parser.nextToken();
            while (token == JsonToken.VALUE_STRING) {
                token = parser.nextToken();
            }
        } catch (StreamReadException | StreamConstraintsException e) {
            broken = new MalformedRequestException("body", "cannot be read past the record at line " + line);
        } catch (CharacterCodingException e) {
            broken = notUtf8(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportRow row(long line, List<String> cells) {
        try {
            return ImportRowReader.read(line, object(header, cells));
        } catch (MalformedRequestException e) {
            return ImportRowReader.unreadable(line, e);
        }
    }

    /** The record as the JSON object a create body would be; empty cells are left out. */
    private static ObjectNode object(List<String> columns, List<String> cells) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            String cell = cells.get(i);
            if (!cell.isEmpty()) {
                put(row, columns.get(i), value(columns.get(i), cell));
            }
        }
        return row;
    }

    private static JsonNode value(String column, String cell) {
        if (UserRequest.FLAGS.contains(column)) {
            String flag = Text.trimmed(cell).toLowerCase(Locale.ROOT);
            if (flag.equals("true") || flag.equals("false")) {
                return BooleanNode.valueOf(flag.equals("true"));
            }
        }
        return JsonNodeFactory.instance.textNode(cell);
    }

    /** Puts {@code value} at the dotted {@code path}, making the objects on the way. */
    private static void put(ObjectNode row, String path, JsonNode value) {
        String[] names = path.split("\\.", -1);
        ObjectNode parent = row;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = parent.get(names[i]);
            if (child == null) {
                child = parent.putObject(names[i]);
            } else if (!child.isObject()) {
                throw new MalformedRequestException(path, "conflicts with column " + String.join(".",
                        List.of(names).subList(0, i + 1)));
            }
            parent = (ObjectNode) child;
        }
        if (parent.has(names[names.length - 1])) {
            throw new MalformedRequestException(path, "conflicts with another column");
        }
        parent.set(names[names.length - 1], value);
    }

    /**
     * Refuses a header naming a field twice, or one the API does not know. Known is what the row
     * reader reads: a row with every column filled in must have no unknown field.
     */
    private static void requireKnownColumns(List<String> header) {
        if (header.isEmpty() || header.stream().allMatch(String::isEmpty)) {
            throw new MalformedRequestException("body", "must start with a header row");
        }
        // Not one known column: a file without its header row, whose first row is data (names,
        // phones), which an answer must not quote. Decided first, a column at a time, so that no
        // other check quotes it either (a cell twice, cells with dots read as nested columns).
        if (header.stream().noneMatch(CsvRows::isKnownColumn)) {
            throw new MalformedRequestException("body", "must start with a header row naming the fields");
        }
        Set<String> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (String column : header) {
            if (!seen.add(column)) {
                errors.add(new FieldError(column, "is a column twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
        ImportRow probe = ImportRowReader.read(1, object(header, header.stream().map(CsvRows::sample).toList()));
        if (!probe.unreadable().isEmpty()) {
            throw new MalformedRequestException(probe.unreadable().stream()
                    .map(v -> new FieldError(v.field(), FieldError.UNKNOWN.equals(v.reason())
                            ? FieldError.UNKNOWN_COLUMN : v.reason().replace("field", "column"))).toList());
        }
    }

    /** Whether the row reader knows {@code column}: a row with only it filled in has no unknown field. */
    private static boolean isKnownColumn(String column) {
        return ImportRowReader.read(1, object(List.of(column), List.of(sample(column)))).unreadable().stream()
                .noneMatch(violation -> FieldError.UNKNOWN.equals(violation.reason()));
    }

    /** A value the column's field takes: a flag's, or any text. */
    private static String sample(String column) {
        return UserRequest.FLAGS.contains(column) ? "true" : "x";
    }
}
