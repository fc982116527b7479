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

    /** Starts in a temporary directory (deleted on close); overrides replace the defaults on every node. */
    public static EmbeddedKafkaCluster start(int brokerCount, Map<String, String> overrides) {
        if (brokerCount < 1) {
            throw new IllegalArgumentException("brokerCount must be at least 1, was " + brokerCount);
        }
        Path root = DataDirs.temporary("embedded-kafka-cluster-");
        String clusterId = Uuid.randomUuid().toString();
        int controllerPort = Ports.free();
        String voters = CONTROLLER_ID + "@127.0.0.1:" + controllerPort;
        KafkaNode controller = new KafkaNode(CONTROLLER_ID, root.resolve("controller"),
                controllerConfig(root.resolve("controller"), controllerPort, voters, brokerCount, overrides));
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
        // in parallel: each broker spends most of its start waiting to catch up with the controller
        inParallel("start", broker -> broker.start(clusterId));
        Readiness.awaitBrokers(bootstrapServers(), brokers.size());
    }

    /** The controller resolves a CreateTopics request's defaults, so partition and replica defaults live here. */
    private static Map<String, String> controllerConfig(Path dir, int port, String voters,
                                                        int brokerCount, Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "controller");
        config.put("node.id", Integer.toString(CONTROLLER_ID));
        config.put("controller.quorum.voters", voters);
        config.put("listeners", KafkaNode.CONTROLLER_LISTENER + "://127.0.0.1:" + port);
        config.put("controller.listener.names", KafkaNode.CONTROLLER_LISTENER);
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
        config.put("log.dirs", dir.toString());
        config.put("metadata.log.dir", dir.toString());
        config.put("num.partitions", "3");
        config.put("default.replication.factor", replicationFactor(brokerCount));
        config.put("min.insync.replicas", minInsyncReplicas(brokerCount));
        // A restarted broker may register again only once its previous session expired: 9 s by
        // default, 3 s here, which also makes a crashed broker's leaderships move sooner.
        config.put("broker.session.timeout.ms", "3000");
        config.put("broker.heartbeat.interval.ms", "500");
        config.putAll(overrides);
        return config;
    }

    private static String replicationFactor(int brokerCount) {
        return Integer.toString(Math.min(3, brokerCount));
    }

    private static String minInsyncReplicas(int brokerCount) {
        return brokerCount >= 2 ? "2" : "1";
    }

    private static Map<String, String> brokerConfig(int nodeId, Path dir, int port, String voters,
                                                    int brokerCount, Map<String, String> overrides) {
        String replication = replicationFactor(brokerCount);
        String minIsr = minInsyncReplicas(brokerCount);
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
        config.put("min.insync.replicas", minIsr);
        config.put("offsets.topic.replication.factor", replication);
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", replication);
        config.put("transaction.state.log.min.isr", minIsr);
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", replication);
        config.put("share.coordinator.state.topic.min.isr", minIsr);
        config.put("auto.create.topics.enable", "false");
        config.put("broker.heartbeat.interval.ms", "500");
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

    private void inParallel(String action, java.util.function.Consumer<KafkaNode> step) {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (KafkaNode broker : brokers) {
            Thread thread = new Thread(() -> {
                try {
                    step.accept(broker);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "embedded-kafka-" + action + "-" + broker.nodeId());
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while brokers " + action, e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
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
            // brokers first, as their controlled shutdown talks to the controller; in parallel, since
            // one after the other each would wait for leaderships to move to a broker about to stop
            inParallel("stop", KafkaNode::stop);
            controller.stop();
        } finally {
            DataDirs.deleteRecursively(root);
        }
    }
}
