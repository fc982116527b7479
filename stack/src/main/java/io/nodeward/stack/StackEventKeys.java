package io.nodeward.stack;

import io.nodeward.events.ProducerRole;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.EventKeyFiles;
import io.nodeward.kit.kafka.EventSigning;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The stack's event signing keys: one Ed25519 key pair per producer role under {@code <data>/keys/events/}, made
 * on first start and kept, each service signing with its own and every service pinning all three public keys.
 * So the one-process stack verifies every event exactly as separately deployed services do. When the environment
 * configures event keys itself, the stack leaves them alone.
 */
final class StackEventKeys {

  private final Map<ProducerRole, Map<String, String>> perRole;

  private StackEventKeys(Map<ProducerRole, Map<String, String>> perRole) {
    this.perRole = perRole;
  }

  static StackEventKeys ensure(StackConfig config) {
    Env env = config.env();
    boolean configured = env.isSet(EventSigning.SIGNING_KEY_VARIABLE);
    for (ProducerRole role : ProducerRole.values()) {
      configured |= env.isSet(EventSigning.keysVariable(role));
    }
    Map<ProducerRole, Map<String, String>> perRole = new EnumMap<>(ProducerRole.class);
    if (configured) {
      for (ProducerRole role : ProducerRole.values()) {
        perRole.put(role, Map.of());
      }
      return new StackEventKeys(perRole);
    }
    Path dir = keysDir(config);
    Map<ProducerRole, EventKeyFiles.KeyPairFiles> files = new EnumMap<>(ProducerRole.class);
    Map<String, String> pins = new HashMap<>();
    for (ProducerRole role : ProducerRole.values()) {
      EventKeyFiles.KeyPairFiles pair = EventKeyFiles.ensure(dir, role.id());
      files.put(role, pair);
      pins.put(EventSigning.keysVariable(role), pair.publicKey().toString());
    }
    for (ProducerRole role : ProducerRole.values()) {
      Map<String, String> overrides = new HashMap<>(pins);
      overrides.put(EventSigning.SIGNING_KEY_VARIABLE, files.get(role).privateKey().toString());
      perRole.put(role, Map.copyOf(overrides));
    }
    return new StackEventKeys(perRole);
  }

  static Path keysDir(StackConfig config) {
    return config.dataDir().resolve("keys").resolve("events");
  }

  /** The variables the service of {@code role} gets on top of the stack's environment. */
  Map<String, String> forRole(ProducerRole role) {
    return perRole.get(role);
  }
}
