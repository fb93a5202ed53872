package dev.enroll.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.application.port.in.ImportSummary;
import dev.enroll.application.port.in.ImportedRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The answer to an import, as NDJSON: a line per row, in input order, sent as soon as its chunk
 * is committed; then a summary line, or, when the import could not go on, an error line.
 */
final class ImportReport {

    static final String CONTENT_TYPE = "application/x-ndjson;charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonGenerator json;
    private final UnaryOperator<String> wireName;
    private boolean started;

    /** {@code wireName} spells the domain's field names as the rows did ({@link WireFields}). */
    ImportReport(OutputStream out, UnaryOperator<String> wireName) {
        this.wireName = wireName;
        try {
            this.json = MAPPER.getFactory().createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any line went out: from then on, the status is 200 whatever happens. */
    boolean started() {
        return started;
    }

    /** One line per row: {@code {"line":n,"status":"created","id":...}}, a rejected row with the error a single create would get. */
    void rows(List<ImportedRow> rows) {
        write(() -> {
            for (ImportedRow row : rows) {
                if (row.status() == ImportedRow.Status.REJECTED) {
                    ObjectNode line = MAPPER.createObjectNode();
                    line.put("line", row.line());
                    line.put("status", "rejected");
                    line.setAll(ErrorMapping.map(row.refusal(), wireName).body());
                    MAPPER.writeTree(json, line);
                } else {
                    json.writeStartObject();
                    json.writeNumberField("line", row.line());
                    json.writeStringField("status", row.status().name().toLowerCase(Locale.ROOT));
                    if (row.id() != null) {
                        json.writeStringField("id", row.id().toString());
                    }
                    json.writeEndObject();
                }
                json.writeRaw('\n');
            }
        });
    }

    void summary(ImportSummary summary) {
        write(() -> {
            json.writeStartObject();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("rows", summary.rows());
            json.writeNumberField("created", summary.created());
            json.writeNumberField("existing", summary.existing());
            json.writeNumberField("rejected", summary.rejected());
            json.writeNumberField("seconds", summary.elapsed().toMillis() / 1000.0);
            json.writeBooleanField("dryRun", summary.dryRun());
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        });
    }

    /** The last line of an import that stopped: {@code {"error":{"error_code":...}}}, as the error would be answered. */
    void error(Exception failure) {
        write(() -> {
            ObjectNode line = MAPPER.createObjectNode();
            line.set("error", ErrorMapping.body(ErrorMapping.map(failure, wireName), failure));
            MAPPER.writeTree(json, line);
            json.writeRaw('\n');
        });
    }

    private void write(Lines lines) {
        try {
            lines.write();
            json.flush();
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Lines {
        void write() throws IOException;
    }
}
