package io.nodeward.kafka.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * One dedicated KRaft controller and N brokers in this JVM, for fault tests: stop a broker, keep
 * producing with {@code acks=all}, start it again on its own disk and port.
 *
 * <p>(Three combined broker+controller nodes fail with a Raft error in-process; a single dedicated
 * controller avoids that and is not what the tests exercise anyway.)
 *
 * <p>Defaults: {@code default.replication.factor=min(3, brokers)}, {@code min.insync.replicas=2}
 * (1 with a single broker), the same for the consumer-offsets and transaction topics, so one broker
 * can be down while {@code acks=all} producers go on. Topics are not auto-created.
 */
public final class EmbeddedKafkaCluster implements KafkaEndpoint {

    private static final int CONTROLLER_ID = 0;

    private final Path root;
    private final String clusterId;
    private final KafkaNode controller;
    private final List<KafkaNode> brokers;
    private final List<Integer> brokerPorts;
    private boolean closed;

    private EmbeddedKafkaCluster(Path root, String clusterId, KafkaNode controller,
                                 List<KafkaNode> brokers, List<Integer> brokerPorts) {
        this.root = root;
        this.clusterId = clusterId;
        this.controller = controller;
        this.brokers = brokers;
        this.brokerPorts = brokerPorts;
    }

    public static EmbeddedKafkaCluster start(int brokerCount) {
        return start(brokerCount, Map.of());
    }

    /** Starts in a temporary directory (deleted on close); overrides replace broker defaults. */
    public static EmbeddedKafkaCluster start(int brokerCount, Map<String, String> overrides) {
        if (brokerCount < 1) {
            throw new IllegalArgumentException("brokerCount must be at least 1, was " + brokerCount);
        }
        Path root = DataDirs.temporary("embedded-kafka-cluster-");
        String clusterId = Uuid.randomUuid().toString();
        int controllerPort = Ports.free();
        String voters = CONTROLLER_ID + "@127.0.0.1:" + controllerPort;
        KafkaNode controller = new KafkaNode(CONTROLLER_ID, root.resolve("controller"),
                controllerConfig(root.resolve("controller"), controllerPort, voters));
        List<KafkaNode> brokers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < brokerCount; i++) {
            int port = Ports.free();
            Path dir = root.resolve("broker-" + i);
            ports.add(port);
            brokers.add(new KafkaNode(i + 1, dir, brokerConfig(i + 1, dir, port, voters, brokerCount, overrides)));
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(root, clusterId, controller, List.copyOf(brokers), List.copyOf(ports));
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startAll() {
        controller.start(clusterId);
        // brokers in parallel: each spends most of its start waiting to catch up with the controller
        List<Thread> starters = new ArrayList<>();
        List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (KafkaNode broker : brokers) {
            Thread starter = new Thread(() -> {
                try {
                    broker.start(clusterId);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "embedded-kafka-start-" + broker.nodeId());
            starters.add(starter);
            starter.start();
        }
        for (Thread starter : starters) {
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting brokers", e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        Readiness.awaitBrokers(bootstrapServers(), brokers.size());
    }

    private static Map<String, String> controllerConfig(Path dir, int port, String voters) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "controller");
        config.put("node.id", Integer.toString(CONTROLLER_ID));
        config.put("controller.quorum.voters", voters);
        config.put("listeners", KafkaNode.CONTROLLER_LISTENER + "://127.0.0.1:" + port);
        config.put("controller.listener.names", KafkaNode.CONTROLLER_LISTENER);
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
        config.put("log.dirs", dir.toString());
        config.put("metadata.log.dir", dir.toString());
        return config;
    }

    private static Map<String, String> brokerConfig(int nodeId, Path dir, int port, String voters,
                                                    int brokerCount, Map<String, String> overrides) {
        String replication = Integer.toString(Math.min(3, brokerCount));
        String minIsr = brokerCount >= 2 ? "2" : "1";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker");
        config.put("node.id", Integer.toString(nodeId));
        config.put("controller.quorum.voters", voters);
        config.put("listeners", KafkaNode.BROKER_LISTENER + "://127.0.0.1:" + port);
        config.put("advertised.listeners", KafkaNode.BROKER_LISTENER + "://127.0.0.1:" + port);
        config.put("controller.listener.names", KafkaNode.CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", KafkaNode.BROKER_LISTENER);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", dir.toString());
        config.put("metadata.log.dir", dir.toString());
        config.put("default.replication.factor", replication);
        config.put("min.insync.replicas", minIsr);
        config.put("offsets.topic.replication.factor", replication);
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", replication);
        config.put("transaction.state.log.min.isr", minIsr);
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", replication);
        config.put("share.coordinator.state.topic.min.isr", minIsr);
        config.put("num.partitions", "3");
        config.put("auto.create.topics.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.putAll(overrides);
        return config;
    }

    /** Every broker, running or not: clients fail over to the live ones. */
    @Override
    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public int brokerCount() {
        return brokers.size();
    }

    /** Kafka's node id of broker {@code index} (0-based), as seen in partition metadata. */
    public int brokerNodeId(int index) {
        return broker(index).nodeId();
    }

    public boolean isBrokerRunning(int index) {
        return broker(index).isRunning();
    }

    /** Clean shutdown of one broker (leaderships move first); returns when it is down. */
    public synchronized void stopBroker(int index) {
        broker(index).stop();
    }

    /** Starts a stopped broker again on its own directory and port; returns once it is registered. */
    public synchronized void startBroker(int index) {
        broker(index).start(clusterId);
        long running = brokers.stream().filter(KafkaNode::isRunning).count();
        Readiness.awaitBrokers(bootstrapServers(), (int) running);
    }

    private KafkaNode broker(int index) {
        if (index < 0 || index >= brokers.size()) {
            throw new IndexOutOfBoundsException("broker " + index + " of " + brokers.size());
        }
        return brokers.get(index);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // brokers first: their controlled shutdown needs the controller
            for (KafkaNode broker : brokers) {
                broker.stop();
            }
            controller.stop();
        } finally {
            DataDirs.deleteRecursively(root);
        }
    }
}
