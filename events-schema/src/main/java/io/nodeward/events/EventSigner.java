package io.nodeward.events;

import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A producer's Ed25519 signing key. Signs the RFC 8785 canonical form of an event's envelope without the signature
 * attributes ({@link EventCodec#sign}). Thread-safe: each signature uses a signer object of its own (BouncyCastle's
 * are not shareable), which costs an allocation and nothing else. Never printed: {@link #toString()} names the key id.
 */
public final class EventSigner {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final Ed25519PrivateKeyParameters key;
  private final byte[] publicKey;
  private final String keyId;

  private EventSigner(Ed25519PrivateKeyParameters key) {
    this.key = key;
    this.publicKey = EventKeys.spki(key.generatePublicKey());
    this.keyId = EventKeys.keyId(publicKey);
  }

  /** From a PKCS#8 Ed25519 private key (DER). */
  public static EventSigner fromPkcs8(byte[] pkcs8) {
    return new EventSigner(EventKeys.privateKey(pkcs8));
  }

  public String keyId() {
    return keyId;
  }

  /** The public key's SubjectPublicKeyInfo (DER): what consumers pin. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public EventSignature sign(byte[] content) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(content, 0, content.length);
    return new EventSignature(keyId, BASE64URL.encodeToString(signer.generateSignature()));
  }

  @Override
  public String toString() {
    return "EventSigner[" + keyId + "]";
  }
}
