package dev.enroll.adapter.http;

import dev.enroll.application.port.in.ImportCommand;
import dev.enroll.application.port.in.ImportSummary;
import dev.enroll.application.port.in.ImportUsersUseCase;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.domain.user.ContributorId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/users/import}: a body of NDJSON or CSV rows in, a line per row out, while the
 * body streams in. Before the first line goes out, a refusal is an ordinary error answer
 * (credentials 401, scope 403, query 400, media type 415, the partner's imports at once 429, a
 * body not in UTF-8 or a CSV header 400); after it, the status is
 * 200 and a failure ends the answer with an error line instead of the summary.
 */
final class ImportRoutes {

    static final String IMPORT = "/api/users/import";
    static final String DRY_RUN = "dryRun";
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private static final Logger LOG = LoggerFactory.getLogger(ImportRoutes.class);
    /** How long an import that did not read its body to the end leaves its connection open after its last line. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final ImportUsersUseCase imports;
    private final PartnerImports running;
    private final StopSignal stop;

    /** {@code importPlaces}: how many imports the server runs at once (Admission). */
    ImportRoutes(ImportUsersUseCase imports, int importPlaces, StopSignal stop) {
        this.imports = imports;
        this.running = new PartnerImports(importPlaces);
        this.stop = stop;
    }

    void register(Javalin app) {
        app.post(IMPORT, this::importUsers, Access.ADMIN);
    }

    private void importUsers(Context ctx) throws IOException {
        ContributorId partner = Authentication.callerOf(ctx).partner();
        ImportCommand command = new ImportCommand(partner, QueryFlag.read(ctx, UserRoutes.RETURN_EXISTING),
                QueryFlag.read(ctx, DRY_RUN));
        String type = RequestMediaType.requireUtf8(ctx.req().getContentType(), NDJSON, CSV);
        try (PartnerImports.Place place = running.enter(partner)) {
            importUsers(ctx, partner, command, type);
        }
    }

    private void importUsers(Context ctx, ContributorId partner, ImportCommand command, String type)
            throws IOException {
        InputStream body = ctx.req().getInputStream();
        ctx.status(200);
        ctx.res().setContentType(ImportReport.CONTENT_TYPE);
        ImportReport report = new ImportReport(ctx.res().getOutputStream(), field -> WireFields.of(ctx, field));
        StopAwareRows rows = null;
        try {
            // Inside: a CSV header may stop arriving too, and a refused one (400) goes out as ever.
            InputStream utf8 = utf8(body);
            rows = new StopAwareRows(CSV.equals(type) ? CsvRows.open(utf8) : new NdjsonRows(utf8), stop);
            ImportSummary summary = imports.importUsers(command, rows, report::rows);
            if (rows.cut()) {
                LOG.info("Import by partner {} ended early: the server is stopping", partner.value());
                endStopping(report);
                return;
            }
            report.summary(summary);
        } catch (UncheckedIOException closed) {
            if (IdleTimeout.ended(closed)) {
                // The client is there but its body stopped arriving (the idle timeout, cut short when
                // the server stops): it can still be told, like any request whose body is late.
                LOG.info("Import by partner {} ended early: its body stopped arriving", partner.value());
                HttpResponseException late = new HttpResponseException(408, "the body stopped arriving");
                if (!report.started()) {
                    throw late;
                }
                endWithError(report, late);
                return;
            }
            // The client went away: what was reported is committed; nobody is left to tell.
            LOG.info("Import by partner {} ended early: the connection broke", partner.value());
            for (Throwable alsoFailed : closed.getSuppressed()) {
                // The chunk being written failed too; nobody is left to tell, so the log is told.
                if (alsoFailed instanceof Exception failure) {
                    ErrorMapping.ErrorResponse answer = ErrorMapping.map(failure, field -> field);
                    ErrorMapping.logIfUnexpected(answer, failure);
                    LOG.warn("Import by partner {}: the chunk being written failed as well: {}", partner.value(),
                            answer.code());
                }
            }
        } catch (RuntimeException failure) {
            if (failure instanceof StoreUnavailableException && stop.begun()) {
                // A stop found a chunk the database did not finish: the client is to send the rest to
                // another instance, not to retry this one, which is going away.
                LOG.info("Import by partner {} ended early: the server is stopping and the database did not"
                        + " answer ({})", partner.value(), failure.getMessage());
                endStopping(report);
                return;
            }
            if (!report.started()) {
                throw failure;
            }
            endWithError(report, failure);
        } finally {
            // Whatever ended it (a stop, a store failure, a refused header, a body gone quiet), an
            // import that did not read its body to the end must not leave its connection open.
            if (rows == null || !rows.ended()) {
                lastOnItsConnection(ctx);
            }
        }
    }

    /**
     * {@code body}, refused (400) when it starts as UTF-16 or UTF-32: a CSV parser would detect
     * the encoding and read it, and NDJSON would reject every line; bodies are UTF-8, as JSON's are.
     */
    private static InputStream utf8(InputStream body) {
        try {
            PushbackInputStream start = new PushbackInputStream(body, 4);
            byte[] first = start.readNBytes(4);
            if (JsonBody.startsAsUtf16Or32(first)) {
                throw new MalformedRequestException("body", "is not UTF-8");
            }
            start.unread(first);
            return start;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes this answer its connection's last, and closes the connection {@link #LINGER} after it
     * is written: for an import that did not read its body to the end. Not kept alive: the body's
     * unread rest must never be taken for another request (and a stop may not have reached the
     * connector yet). Closed: Jetty, left to itself, shuts only its side and reads on until the
     * client stops sending, so a client that keeps sending rows would hold a connection, and a
     * stop for its whole grace; the linger gives the client time to read the last line before the
     * close, which could otherwise reset the connection under it.
     */
    private static void lastOnItsConnection(Context ctx) {
        HttpChannel channel = Request.getBaseRequest(ctx.req()).getHttpChannel();
        if (channel.getConnection() instanceof HttpConnection http1) {
            http1.getGenerator().setPersistent(false);
        }
        EndPoint connection = channel.getEndPoint();
        channel.getConnector().getScheduler().schedule(connection::close, LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends an import a stop ended: the rows answered are done, and the rest go to another instance. */
    private static void endStopping(ImportReport report) {
        if (!report.started()) {
            // No row answered: an ordinary 503, as any request refused by a stop.
            throw new OverloadedException("The server is stopping; send the import to another instance");
        }
        endWithError(report, new OverloadedException("The server is stopping: the rows answered above are done,"
                + " the rest were not; send those again, to another instance"));
    }

    private static void endWithError(ImportReport report, RuntimeException failure) {
        try {
            report.error(failure);
        } catch (UncheckedIOException closed) {
            LOG.info("Import ended by a failure, and the connection broke before it could be told");
        }
    }
}
