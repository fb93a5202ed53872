package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enroll.application.port.in.ImportRow;
import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.domain.Violation;
import java.util.List;

/**
 * Reads one import row, whatever its format, exactly as a create's body is read: the fields of
 * {@code POST /api/users}, and {@code policyInfo} for a create with policy. A row that cannot be
 * read becomes an unreadable row rather than an exception: it must not stop the others.
 */
final class ImportRowReader {

    private ImportRowReader() {
    }

    static ImportRow read(long line, JsonNode row) {
        if (!row.isObject()) {
            return ImportRow.unreadable(line, List.of(Violation.invalid("line", "must be a JSON object")));
        }
        try {
            JsonObjectReader body = JsonObjectReader.of(row);
            UserInput user = UserRequest.input(body);
            PolicyInput policy = PolicyRequest.nested(body);
            body.done();
            return ImportRow.of(line, user, policy);
        } catch (MalformedRequestException e) {
            return unreadable(line, e);
        }
    }

    static ImportRow unreadable(long line, MalformedRequestException problem) {
        return ImportRow.unreadable(line, problem.errors().stream()
                .map(error -> Violation.invalid(error.field(), error.message())).toList());
    }
}
