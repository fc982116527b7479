package io.nodeward.kit.kafka;

import io.nodeward.events.EventKeys;
import io.nodeward.events.EventSigner;
import io.nodeward.events.EventTrust;
import io.nodeward.events.ProducerRole;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A service's part in signed events: the key it signs what it produces with (if it produces), and the producer
 * keys it believes ({@link EventTrust}). Carried by {@link KafkaSettings}, so every {@link EventPublisher} signs
 * and every {@link EventConsumer} verifies without the service doing anything.
 */
public record EventSigning(EventSigner signer, EventTrust trust) {

  public static final String SIGNING_KEY_VARIABLE = "NODEWARD_EVENT_SIGNING_KEY";
  private static final EventSigning NONE = new EventSigning(null, EventTrust.unverified());

  public EventSigning {
    trust = trust == null ? EventTrust.unverified() : trust;
  }

  /** Signs nothing, believes everything: tests and development without keys; production refuses it. */
  public static EventSigning none() {
    return NONE;
  }

  public Optional<EventSigner> signerIfAny() {
    return Optional.ofNullable(signer);
  }

  /** The variable naming the public key file(s) pinned for a role: NODEWARD_EVENT_KEYS_ISSUER, ... */
  public static String keysVariable(ProducerRole role) {
    return "NODEWARD_EVENT_KEYS_" + role.name();
  }

  /**
   * {@code NODEWARD_EVENT_SIGNING_KEY}: this service's Ed25519 private key (PKCS#8 PEM file); unset, it signs
   * nothing. {@code NODEWARD_EVENT_KEYS_ISSUER}, {@code _AUTHORIZER}, {@code _AUDIT}: comma-separated PEM files of
   * public keys pinned for that producer role; with none of them set, events are not verified (development only).
   */
  public static EventSigning fromEnv(Env env) {
    EventSigner signer = null;
    Path keyFile = env.path(SIGNING_KEY_VARIABLE, null);
    if (keyFile != null) {
      try {
        signer = EventSigner.fromPkcs8(onlyBlock(SIGNING_KEY_VARIABLE, keyFile, "PRIVATE KEY"));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(SIGNING_KEY_VARIABLE, keyFile + ": " + e.getMessage());
      }
    }
    Map<ProducerRole, List<byte[]>> pinned = new EnumMap<>(ProducerRole.class);
    for (ProducerRole role : ProducerRole.values()) {
      String variable = keysVariable(role);
      for (String file : env.list(variable, null)) {
        pinned.computeIfAbsent(role, r -> new ArrayList<>()).addAll(blocks(variable, Path.of(file), "PUBLIC KEY"));
      }
    }
    EventTrust trust;
    try {
      trust = pinned.isEmpty() ? EventTrust.unverified() : EventTrust.pinned(pinned);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("NODEWARD_EVENT_KEYS_*", e.getMessage());
    }
    return new EventSigning(signer, trust);
  }

  /** Every PEM block of {@code type} in a file (a pinned-keys file may hold several, e.g. during a rotation). */
  static List<byte[]> blocks(String variable, Path file, String type) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(variable, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    List<byte[]> blocks = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(text))) {
      for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
        if (type.equals(object.getType())) {
          blocks.add(object.getContent());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(variable, file + " is not PEM");
    }
    if (blocks.isEmpty()) {
      throw new ConfigException(variable, file + " holds no " + type.toLowerCase(Locale.ROOT) + " (PEM \"BEGIN " + type + "\")");
    }
    for (byte[] block : blocks) {
      try {
        if ("PUBLIC KEY".equals(type)) {
          EventKeys.checkPublicKey(block);
        }
      } catch (IllegalArgumentException e) {
        throw new ConfigException(variable, file + ": " + e.getMessage());
      }
    }
    return blocks;
  }

  private static byte[] onlyBlock(String variable, Path file, String type) {
    List<byte[]> blocks = blocks(variable, file, type);
    if (blocks.size() != 1) {
      throw new ConfigException(variable, file + " must hold exactly one " + type.toLowerCase(Locale.ROOT));
    }
    return blocks.get(0);
  }

  @Override
  public String toString() {
    return "EventSigning[" + (signer == null ? "signs nothing" : "signs as " + signer.keyId()) + ", " + trust + "]";
  }
}
