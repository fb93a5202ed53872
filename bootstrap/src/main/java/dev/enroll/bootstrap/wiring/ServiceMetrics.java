package dev.enroll.bootstrap.wiring;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.LoggerFactory;

/**
 * The one registry of a serving process, in Prometheus' format: the JVM's memory, garbage
 * collection, threads and class loading, CPU and uptime, and the log lines dropped, here; the API's requests, creates and
 * token requests, and the connection pool, recorded by the adapters into it; the sizes of the
 * PostgreSQL store's write groups, which {@link PostgresWiring} records as the store reports them.
 */
final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            LogQueue.of(logging).ifPresent(queue -> FunctionCounter.builder("enroll.log.lines.dropped", queue,
                            LogQueue::dropped)
                    .description("Log lines dropped because stderr did not take them (LogQueue)")
                    .register(registry));
        }
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
