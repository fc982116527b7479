package io.nodeward.kafka.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Blocks until the brokers answer a client, so callers can produce the moment start returns. */
final class Readiness {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Readiness() {
    }

    static void awaitBrokers(String bootstrapServers, int expectedBrokers) {
        awaitBrokers(bootstrapServers, expectedBrokers, Map.of());
    }

    /** @param security client settings a secured broker needs (TLS, client certificate); empty for plaintext */
    static void awaitBrokers(String bootstrapServers, int expectedBrokers, Map<String, Object> security) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        config.putAll(security);
        int seen = -1;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                try {
                    seen = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(6, TimeUnit.SECONDS).size();
                    if (seen >= expectedBrokers) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet: the broker is still catching up with the controller
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka at " + bootstrapServers, e);
        }
        throw new IllegalStateException("Kafka at " + bootstrapServers + " did not report " + expectedBrokers
                + " broker(s) within " + START_TIMEOUT + " (last seen: " + seen + ")");
    }
}
