package io.nodeward.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM from
 * Kafka's own server jars, listening on 127.0.0.1 only.
 *
 * <p>Defaults, chosen for one node and for catching mistakes early:
 * <ul>
 *   <li>every internal topic (consumer offsets, transactions, share state) has replication factor 1
 *       and min ISR 1, otherwise consumer groups never form on a single broker;</li>
 *   <li>{@code auto.create.topics.enable=false}: services must provision their topics, as they must
 *       on a production cluster, so a forgotten topic fails here and not in production. Pass
 *       {@code Map.of("auto.create.topics.enable", "true")} as overrides to relax it;</li>
 *   <li>{@code num.partitions=3} so ordering-by-key bugs show up;
 *       {@code group.initial.rebalance.delay.ms=0} so a group starts consuming at once.</li>
 * </ul>
 *
 * <p>{@link #start(Path, int)} keeps everything in {@code dataDir}: started again on the same
 * directory, the broker has its topics, records and committed offsets back.
 */
public final class EmbeddedKafka implements KafkaEndpoint {

    private static final int NODE_ID = 1;

    private final KafkaNode node;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private boolean closed;

    private EmbeddedKafka(KafkaNode node, String bootstrapServers, Path dataDir, boolean deleteOnClose) {
        this.node = node;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts on a persistent directory (formatted on first use only); port 0 picks a free port. */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with broker settings that replace the defaults. */
    public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides) {
        return start(dataDir.toAbsolutePath(), port, overrides, false);
    }

    /** Starts on a fresh temporary directory, deleted on close, and a free port. */
    public static EmbeddedKafka startTemporary() {
        return startTemporary(Map.of());
    }

    public static EmbeddedKafka startTemporary(Map<String, String> overrides) {
        return start(DataDirs.temporary("embedded-kafka-"), 0, overrides, true);
    }

    private static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides, boolean temporary) {
        Objects.requireNonNull(overrides, "overrides");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        int brokerPort = Ports.freeUnless(port);
        int controllerPort = Ports.free();
        String bootstrap = "127.0.0.1:" + brokerPort;
        KafkaNode node = new KafkaNode(NODE_ID, dataDir, config(dataDir, brokerPort, controllerPort, overrides));
        String clusterId = KafkaNode.isFormatted(dataDir) ? KafkaNode.storedClusterId(dataDir) : Uuid.randomUuid().toString();
        try {
            node.start(clusterId);
            Readiness.awaitBrokers(bootstrap, 1);
        } catch (RuntimeException e) {
            node.stop();
            if (temporary) {
                DataDirs.deleteRecursively(dataDir);
            }
            throw e;
        }
        return new EmbeddedKafka(node, bootstrap, dataDir, temporary);
    }

    private static Map<String, String> config(Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        config.put("listeners", KafkaNode.BROKER_LISTENER + "://127.0.0.1:" + brokerPort + ","
                + KafkaNode.CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", KafkaNode.BROKER_LISTENER + "://127.0.0.1:" + brokerPort);
        config.put("controller.listener.names", KafkaNode.CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", KafkaNode.BROKER_LISTENER);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", dataDir.toString());
        config.put("metadata.log.dir", dataDir.toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("num.partitions", "3");
        config.put("auto.create.topics.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.putAll(overrides);
        return config;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        node.stop();
        if (deleteOnClose) {
            DataDirs.deleteRecursively(dataDir);
        }
    }
}
