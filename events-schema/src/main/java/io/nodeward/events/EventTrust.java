package io.nodeward.events;

import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Which producers a consumer believes: per producer role, the pinned Ed25519 public keys. An event is trusted
 * only when it is signed, by a pinned key, of the role that produces its type ({@link ProducerRole}). With that,
 * whoever can write to a topic still cannot make a consumer act on an event: not with a forged
 * {@code NodeProvisioned}, not with an altered revocation, not with an authorizer's key on an issuer's event.
 */
public final class EventTrust {

  private static final EventTrust UNVERIFIED = new EventTrust(Map.of(), false);
  private static final int SIGNATURE_BYTES = 64;

  private record PinnedKey(ProducerRole role, Ed25519PublicKeyParameters key) {
  }

  private final Map<String, PinnedKey> byKeyId;
  private final boolean enforcing;

  private EventTrust(Map<String, PinnedKey> byKeyId, boolean enforcing) {
    this.byKeyId = Map.copyOf(byKeyId);
    this.enforcing = enforcing;
  }

  /**
   * Trusts every well-formed event, signed or not: only for tests and for development without keys. A production
   * profile refuses it.
   */
  public static EventTrust unverified() {
    return UNVERIFIED;
  }

  /** @param keys per role, the SubjectPublicKeyInfo (DER) of each key pinned for it */
  public static EventTrust pinned(Map<ProducerRole, List<byte[]>> keys) {
    Map<String, PinnedKey> byKeyId = new HashMap<>();
    keys.forEach((role, list) -> list.forEach(spki -> {
      PinnedKey pinned = new PinnedKey(Objects.requireNonNull(role), EventKeys.publicKey(spki));
      PinnedKey previous = byKeyId.putIfAbsent(EventKeys.keyId(spki), pinned);
      if (previous != null && previous.role() != role) {
        throw new IllegalArgumentException("one key is pinned for two roles, " + previous.role().id() + " and "
            + role.id() + ": each role needs a key of its own");
      }
    }));
    return new EventTrust(byKeyId, true);
  }

  /** Whether events must be signed; false only for {@link #unverified()}. */
  public boolean enforcing() {
    return enforcing;
  }

  /** The roles that have at least one pinned key. */
  public Map<ProducerRole, Integer> pinnedKeyCounts() {
    Map<ProducerRole, Integer> counts = new EnumMap<>(ProducerRole.class);
    byKeyId.values().forEach(k -> counts.merge(k.role(), 1, Integer::sum));
    return counts;
  }

  /**
   * @param event the decoded event, with its signature if it had one
   * @param signedContent the canonical bytes the signature must cover ({@link EventCodec#decodeForVerification})
   * @throws InvalidEventException with reason UNSIGNED, UNKNOWN_KEY, WRONG_PRODUCER or BAD_SIGNATURE
   */
  public void verify(CloudEvent<?> event, byte[] signedContent) throws InvalidEventException {
    if (!enforcing) {
      return;
    }
    EventSignature signature = event.signature();
    if (signature == null) {
      throw new InvalidEventException(RejectionReason.UNSIGNED, "event is not signed");
    }
    PinnedKey pinned = byKeyId.get(signature.keyId());
    if (pinned == null) {
      throw new InvalidEventException(RejectionReason.UNKNOWN_KEY, "signed with unknown key " + signature.keyId());
    }
    Optional<ProducerRole> role = ProducerRole.of(event.type());
    if (role.isEmpty() || role.get() != pinned.role()) {
      throw new InvalidEventException(RejectionReason.WRONG_PRODUCER, event.type().type() + " signed with a key of the "
          + pinned.role().id() + " role; only the " + role.map(ProducerRole::id).orElse("(no)") + " role produces it");
    }
    byte[] value;
    try {
      value = Base64.getUrlDecoder().decode(signature.value());
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(RejectionReason.BAD_SIGNATURE, "signature is not base64url");
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, pinned.key());
    verifier.update(signedContent, 0, signedContent.length);
    if (value.length != SIGNATURE_BYTES || !verifier.verifySignature(value)) {
      throw new InvalidEventException(RejectionReason.BAD_SIGNATURE, "signature does not match the event");
    }
  }

  @Override
  public String toString() {
    return enforcing ? "EventTrust[pinned " + pinnedKeyCounts() + "]" : "EventTrust[unverified]";
  }
}
