package io.nodeward.stack;

import io.nodeward.kit.config.Env;
import io.nodeward.kit.config.Profile;
import io.nodeward.events.ProducerRole;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one-process stack's own settings; every service keeps reading its own variables from the same
 * environment, with the stack filling in only what it alone knows (the broker's address, file paths).
 *
 * @param dataDir NODEWARD_DATA_DIR (./data): kafka/, issuer/, authorizer/, audit/, dev-identity/ beneath it
 * @param kafkaPort NODEWARD_STACK_KAFKA_PORT (9092; 0 = any free port)
 * @param demoNodePort NODEWARD_STACK_DEMO_NODE_PORT (9000; 0 = any free port)
 * @param provisionDemoNode NODEWARD_STACK_DEMO_NODE (true): provision demo-node-1 for alice on first start
 * @param env the environment every service reads; NODEWARD_PROFILE is dev in it unless set (the stack runs the dev
 *     identity provider and a plaintext loopback broker, which the services' own default, production, refuses)
 */
public record StackConfig(Path dataDir, int kafkaPort, int demoNodePort, boolean provisionDemoNode, Env env,
    Map<ProducerRole, Map<String, String>> serviceEnv) {

  public StackConfig {
    serviceEnv = Map.copyOf(serviceEnv);
  }

  public static StackConfig fromEnv(Env given) {
    Env env = given.isSet(Profile.VARIABLE) ? given : given.with(Map.of(Profile.VARIABLE, Profile.DEV.name().toLowerCase()));
    return new StackConfig(
        env.path("NODEWARD_DATA_DIR", Path.of("data")).toAbsolutePath().normalize(),
        env.port("NODEWARD_STACK_KAFKA_PORT", 9092),
        env.port("NODEWARD_STACK_DEMO_NODE_PORT", 9000),
        env.bool("NODEWARD_STACK_DEMO_NODE", true),
        env,
        Map.of());
  }

  /**
   * Variables for one service only, on top of the shared environment: what differs between separately deployed
   * services, such as each one's own Kafka client certificate.
   */
  public StackConfig withServiceEnv(ProducerRole service, Map<String, String> variables) {
    Map<ProducerRole, Map<String, String>> all = new java.util.EnumMap<>(ProducerRole.class);
    all.putAll(serviceEnv);
    all.put(service, Map.copyOf(variables));
    return new StackConfig(dataDir, kafkaPort, demoNodePort, provisionDemoNode, env, all);
  }

  /** The environment the service of {@code role} is configured from (before what the stack alone knows). */
  public Env envFor(ProducerRole role) {
    return env.with(serviceEnv.getOrDefault(role, Map.of()));
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path gatewayTlsDir() {
    return dataDir.resolve("authorizer").resolve("tls");
  }
}
