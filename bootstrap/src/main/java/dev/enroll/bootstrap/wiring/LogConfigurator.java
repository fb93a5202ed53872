package dev.enroll.bootstrap.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.enroll.bootstrap.config.Config;
import dev.enroll.bootstrap.config.LogFormat;
import dev.enroll.bootstrap.config.LogLevel;
import java.util.List;
import java.util.Optional;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.LoggerFactory;

/**
 * Logback's configuration, in code rather than in logback.xml: parsing XML (an XML parser and
 * Logback's model of it) was about a tenth of a start. Logback finds it through
 * META-INF/services. Logs go to stderr, which stdout leaves to what commands print (partner
 * credentials as JSON), through one writer thread; {@value Config#LOG_FORMAT} picks text or
 * JSON lines, {@value Config#LOG_LEVEL} the root level (INFO by default).
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** Libraries speak up only when something is wrong. */
    private static final List<String> QUIET_LIBRARIES = List.of("org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari",
            "org.flywaydb");
    /**
     * Jetty's HTTP parser warns about what a client sent, quoting it (a second {@code Host}
     * header's value, say): the client's own text, which may be personal data, and as many lines
     * as a client cares to cause. The client is answered 400 all the same.
     */
    private static final String HTTP_PARSER = "org.eclipse.jetty.http.HttpParser";
    /**
     * HikariCP warns, each with a stack trace, of every pooled connection an outage breaks (a
     * pool's worth at once, about 340 lines when the database stops), and advises a shorter
     * maxLifetime where the server was simply gone. The store says it once, in one line with the
     * SQLState, on each request it fails.
     */
    private static final List<String> OUTAGE_CHATTER = List.of("com.zaxxer.hikari.pool.ProxyConnection",
            "com.zaxxer.hikari.pool.PoolBase");
    private static final String OUT = "OUT";
    /** Request threads hand their lines to the writer thread instead of queueing for stderr. */
    static final int QUEUE_SIZE = 8192;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // An operator's own file wins.
        }
        // An unknown format is refused by Config, which stops the start; log that in text.
        LogFormat format = Optional.ofNullable(System.getenv(Config.LOG_FORMAT)).map(String::strip)
                .flatMap(LogFormat::named).orElse(LogFormat.TEXT);
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName(OUT);
        out.setTarget("System.err");
        out.setEncoder(format == LogFormat.JSON ? json(context) : text(context));
        out.start();

        LogQueue async = new LogQueue(QUEUE_SIZE);
        async.setContext(context);
        async.addAppender(out);
        async.start();

        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        context.getLogger(HTTP_PARSER).setLevel(Level.ERROR);
        OUTAGE_CHATTER.forEach(chatter -> context.getLogger(chatter).setLevel(Level.ERROR));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(Optional.ofNullable(System.getenv(Config.LOG_LEVEL)).flatMap(LogLevel::named)
                .orElse(LogLevel.INFO)));
        root.addAppender(async);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The format and level the configuration names, which a {@code --config} file may set: the
     * start reads only the environment (it runs before any configuration is loaded), so the
     * loaded configuration, validated, has the last word. Call it before the command logs.
     */
    public static void apply(LogFormat format, LogLevel level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // An operator's own Logback file, or another binding: theirs to configure.
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level(level));
        LogQueue.of(context).map(queue -> queue.getAppender(OUT)).ifPresent(appender -> {
            boolean toJson = format == LogFormat.JSON;
            // The encoder says which format is written: switched only when the configuration differs.
            if (appender instanceof ConsoleAppender<ILoggingEvent> out
                    && out.getEncoder() instanceof LoggingEventCompositeJsonEncoder != toJson) {
                out.stop();
                out.setEncoder(toJson ? json(context) : text(context));
                out.start();
            }
        });
    }

    private static Level level(LogLevel level) {
        return Level.toLevel(level.name());
    }

    /** One line per event, for people. */
    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        return encoder;
    }

    /**
     * One JSON object per line, for a log pipeline. The access log's fields (method, route,
     * status, duration_ms, request_id, partner_id) come as key-value pairs; request_id is also in
     * the MDC of every line written while a request is served.
     */
    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        LoggingEventFormattedTimestampJsonProvider time = new LoggingEventFormattedTimestampJsonProvider();
        time.setFieldName("time");
        time.setTimeZone("UTC");
        providers.addTimestamp(time);
        LogLevelJsonProvider level = new LogLevelJsonProvider();
        level.setFieldName("level");
        providers.addLogLevel(level);
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName("logger");
        providers.addLoggerName(logger);
        LoggingEventThreadNameJsonProvider thread = new LoggingEventThreadNameJsonProvider();
        thread.setFieldName("thread");
        providers.addThreadName(thread);
        providers.addMessage(new MessageJsonProvider());
        providers.addMdc(new MdcJsonProvider());
        providers.addKeyValuePairs(new KeyValuePairsJsonProvider());
        StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
        stackTrace.setFieldName("stack_trace");
        providers.addStackTrace(stackTrace);

        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(providers);
        encoder.start();
        return encoder;
    }
}
