package io.nodeward.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * One KRaft process (controller, broker or both) run from Kafka's own server classes. Formats its
 * log directory the first time only, so a restart on the same directory keeps metadata, topics and
 * records, exactly like a real node restarted on its disk.
 */
final class KafkaNode {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String BROKER_LISTENER = "PLAINTEXT";

    private final int nodeId;
    private final Path logDir;
    private final Map<String, String> config;
    private final String controllerListener;
    private KafkaRaftServer server;

    KafkaNode(int nodeId, Path logDir, Map<String, String> config) {
        this(nodeId, logDir, config, CONTROLLER_LISTENER);
    }

    KafkaNode(int nodeId, Path logDir, Map<String, String> config, String controllerListener) {
        this.nodeId = nodeId;
        this.logDir = logDir;
        this.config = Map.copyOf(config);
        this.controllerListener = controllerListener;
    }

    int nodeId() {
        return nodeId;
    }

    boolean isRunning() {
        return server != null;
    }

    /** Formats if needed and starts; returns once the server's startup sequence has run. */
    synchronized void start(String clusterId) {
        if (server != null) {
            return;
        }
        formatIfNeeded(clusterId);
        Properties props = new Properties();
        props.putAll(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            stopQuietly(raftServer);
            throw new IllegalStateException("Kafka node " + nodeId + " did not start in " + logDir, e);
        }
        server = raftServer;
    }

    /** Clean shutdown (a broker hands its leaderships over first); waits until every thread is done. */
    synchronized void stop() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
        }
    }

    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    /** The cluster id stored by an earlier format, so a restarted node rejoins its own cluster. */
    static String storedClusterId(Path logDir) {
        Properties meta = new Properties();
        try (var in = Files.newInputStream(logDir.resolve("meta.properties"))) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logDir.resolve("meta.properties"), e);
        }
        String clusterId = meta.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalStateException(logDir + "/meta.properties has no cluster.id");
        }
        return clusterId;
    }

    private void formatIfNeeded(String clusterId) {
        if (isFormatted(logDir)) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(controllerListener)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
    }

    private static void stopQuietly(KafkaRaftServer raftServer) {
        try {
            raftServer.shutdown();
            raftServer.awaitShutdown();
        } catch (RuntimeException ignored) {
            // already failing to start: the start failure is the error worth reporting
        }
    }
}
