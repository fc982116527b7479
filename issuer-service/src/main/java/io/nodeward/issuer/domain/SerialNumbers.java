package io.nodeward.issuer.domain;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serials: 159 random bits with the top one set, so always positive, at most 20 octets
 * (RFC 5280 §4.1.2.2) and far beyond the CA/Browser Forum's 64 bits of entropy, making them unguessable
 * and unique without coordination between issuer instances.
 */
public final class SerialNumbers {

  private static final int BITS = 159;

  private SerialNumbers() {
  }

  public static BigInteger random(SecureRandom random) {
    return new BigInteger(BITS, random).setBit(BITS - 1);
  }

  /** As events and URLs spell serials: lower-case hex without leading zeros. */
  public static String hex(BigInteger serial) {
    return serial.toString(16);
  }
}
