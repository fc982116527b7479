package io.nodeward.audit.domain.log;

/**
 * What signs checkpoints: an Ed25519 key under a name. The key file implementation is {@link Ed25519KeySigner};
 * a KMS or HSM plugs in here, so the private key need never be on the audit service's disk.
 */
public interface LogSigner {

  /** The note key name: no spaces, '+' or newlines. */
  String keyName();

  /** The raw 32-byte Ed25519 public key. */
  byte[] publicKey();

  /** A 64-byte Ed25519 signature over {@code message}. */
  byte[] sign(byte[] message);

  /** The verifier key clients pin. */
  default VerifierKey verifierKey() {
    return VerifierKey.of(keyName(), publicKey());
  }
}
