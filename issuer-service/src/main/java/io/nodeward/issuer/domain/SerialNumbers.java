package io.nodeward.issuer.domain;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificate serials: 159 random bits with the top one set, so always positive, at most 20 octets
 * (RFC 5280 §4.1.2.2) and far beyond the CA/Browser Forum's 64 bits of entropy, making them unguessable
 * and unique without coordination between issuer instances.
 */
public final class SerialNumbers {

  private static final int BITS = 159;
  /** Longest serial input considered: 20 octets with a separator between each, plus a little slack. */
  private static final int MAX_INPUT = 64;
  /** Hex digits, optionally grouped into octets by ':' or ' ' as browsers and openssl's -text show them. */
  private static final Pattern SPELLING = Pattern.compile("[0-9A-Fa-f]+|[0-9A-Fa-f]{1,2}(?:[: ][0-9A-Fa-f]{2})+");

  private SerialNumbers() {
  }

  public static BigInteger random(SecureRandom random) {
    return new BigInteger(BITS, random).setBit(BITS - 1);
  }

  /** As events and URLs spell serials: lower-case hex without leading zeros. */
  public static String hex(BigInteger serial) {
    return serial.toString(16);
  }

  /**
   * A serial as people copy it, in canonical form: any case, leading zeros ({@code openssl x509 -serial}
   * prints {@code 01DEADBEEF}), octets separated by colons or spaces (browsers). Empty when the input is no
   * serial at all or has more than 160 significant bits (RFC 5280 §4.1.2.2).
   */
  public static Optional<String> normalize(String input) {
    if (input == null || input.isEmpty() || input.length() > MAX_INPUT || !SPELLING.matcher(input).matches()) {
      return Optional.empty();
    }
    String digits = input.replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    String canonical = digits.substring(start);
    return canonical.length() > 40 ? Optional.empty() : Optional.of(canonical);
  }
}
