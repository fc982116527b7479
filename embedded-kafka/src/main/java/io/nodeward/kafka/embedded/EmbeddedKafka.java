package io.nodeward.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;

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
    private final Secured secured;
    private boolean closed;

    /** A secured broker's second listener and its super user's client settings; null for a plaintext broker. */
    private record Secured(String scramBootstrapServers, Map<String, Object> superUser) {
    }

    private EmbeddedKafka(KafkaNode node, String bootstrapServers, Path dataDir, boolean deleteOnClose, Secured secured) {
        this.node = node;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.secured = secured;
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
        KafkaNode node = new KafkaNode(NODE_ID, dataDir, config(dataDir, brokerPort, controllerPort, overrides),
                KafkaNode.CONTROLLER_LISTENER);
        String clusterId = KafkaNode.isFormatted(dataDir) ? KafkaNode.storedClusterId(dataDir) : Uuid.randomUuid().toString();
        try {
            node.start(clusterId);
            Readiness.awaitBrokers(bootstrap, 1, Map.of());
        } catch (RuntimeException e) {
            node.stop();
            if (temporary) {
                DataDirs.deleteRecursively(dataDir);
            }
            throw e;
        }
        return new EmbeddedKafka(node, bootstrap, dataDir, temporary, null);
    }

    /**
     * A broker as production runs one, on a fresh temporary directory: no plaintext listener at all; an SSL listener
     * that requires a client certificate from {@code pki} ({@code User:<CN>}) and a SASL_SSL listener for
     * SCRAM-SHA-512 users ({@link #addScramUser}); KRaft's {@code StandardAuthorizer} with nothing allowed
     * unless an ACL allows it ({@link #createAcls}, {@link NodewardAcls}). The broker's own certificate is the only
     * super user; the controller and inter-broker traffic use it over TLS too.
     */
    public static EmbeddedKafka startSecured(KafkaPki pki) {
        Path dataDir = DataDirs.temporary("embedded-kafka-secured-");
        int sslPort = Ports.free();
        int scramPort = Ports.free();
        int controllerPort = Ports.free();
        KafkaPki.Identity broker = pki.broker("nodeward-broker");
        Map<String, String> config = config(dataDir, sslPort, controllerPort, securedConfig(pki, broker, sslPort, scramPort,
                controllerPort));
        KafkaNode node = new KafkaNode(NODE_ID, dataDir, config, "CONTROLLER");
        String bootstrap = "127.0.0.1:" + sslPort;
        Map<String, Object> superUser = tlsClientConfig(pki.caPem(), broker);
        try {
            node.start(Uuid.randomUuid().toString());
            Readiness.awaitBrokers(bootstrap, 1, superUser);
        } catch (RuntimeException e) {
            node.stop();
            DataDirs.deleteRecursively(dataDir);
            throw e;
        }
        return new EmbeddedKafka(node, bootstrap, dataDir, true, new Secured("127.0.0.1:" + scramPort, superUser));
    }

    private static Map<String, String> securedConfig(KafkaPki pki, KafkaPki.Identity broker, int sslPort, int scramPort,
            int controllerPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", "SSL://127.0.0.1:" + sslPort + ",SASL_SSL://127.0.0.1:" + scramPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "SSL://127.0.0.1:" + sslPort + ",SASL_SSL://127.0.0.1:" + scramPort);
        config.put("listener.security.protocol.map", "SSL:SSL,SASL_SSL:SASL_SSL,CONTROLLER:SSL");
        config.put("inter.broker.listener.name", "SSL");
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", broker.certificatePem());
        config.put("ssl.keystore.key", broker.keyPem());
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.certificates", pki.caPem());
        config.put("ssl.client.auth", "required");
        // SCRAM clients authenticate by password; their TLS is server-authenticated only.
        config.put("listener.name.sasl_ssl.ssl.client.auth", "none");
        config.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        config.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // A client certificate "CN=issuer" is the principal User:issuer.
        config.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)(,.*)?$/$1/,DEFAULT");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:" + broker.principal());
        return config;
    }

    /** Client settings for TLS with a client certificate, as a service's KafkaSecurity would produce them. */
    public static Map<String, Object> tlsClientConfig(String caPem, KafkaPki.Identity identity) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("security.protocol", "SSL");
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.certificates", caPem);
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", identity.certificatePem());
        config.put("ssl.keystore.key", identity.keyPem());
        return config;
    }

    /** A secured broker's SASL_SSL (SCRAM-SHA-512) listener. */
    public String scramBootstrapServers() {
        return requireSecured().scramBootstrapServers();
    }

    /** Admin/producer settings of the broker's super user, with {@link #bootstrapServers()}: for test set-up only. */
    public Map<String, Object> superUserConfig() {
        Map<String, Object> config = new LinkedHashMap<>(requireSecured().superUser());
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** Creates (or updates) a SCRAM-SHA-512 user. */
    public void addScramUser(String user, String password) {
        try (Admin admin = Admin.create(superUserConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create SCRAM user " + user, e);
        }
    }

    public void createAcls(List<AclBinding> acls) {
        try (Admin admin = Admin.create(superUserConfig())) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create ACLs", e);
        }
    }

    private Secured requireSecured() {
        if (secured == null) {
            throw new IllegalStateException("this broker was not started with startSecured");
        }
        return secured;
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
