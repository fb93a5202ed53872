package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A server that cannot bind says where and why, in an unchecked exception its caller can catch. */
class CannotListenTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void a_taken_port_is_named_with_the_systems_reason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ManagementServer management = new ManagementServer(registry, () -> true);

            assertThatThrownBy(() -> management.start("127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(CannotListenException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    void an_address_that_is_not_this_machines_is_named_too() {
        ManagementServer management = new ManagementServer(registry, () -> true);

        assertThatThrownBy(() -> management.start("999.1.1.1", 0))
                .isInstanceOf(CannotListenException.class)
                .hasMessageStartingWith("cannot listen on 999.1.1.1:0: ");
    }
}
