package io.nodeward.events;

import java.util.regex.Pattern;

/**
 * The strict shapes of the identifiers that end up in certificate subjects, URI SANs, Kafka keys and URLs.
 * ASCII only and no separators at all, so that no identifier can inject a DN attribute (",+=;<>\"#"),
 * a path segment ("/", ".."), or a look-alike character into a certificate or a route.
 */
public final class Identifiers {

  /** A node id is a DNS label: lower-case letters, digits, inner hyphens, 1 to 63 characters. */
  public static final Pattern NODE_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  /** A user id is a Cognito {@code sub} (a UUID) or a username: letters, digits, '-' and '_', 1 to 128 characters. */
  public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,126}[A-Za-z0-9])?");

  /** A certificate serial in lower-case hex without leading zeros, at most 160 bits (RFC 5280 §4.1.2.2: 20 octets). */
  public static final Pattern SERIAL = Pattern.compile("[0-9a-f]{1,40}");

  /** A SPIFFE trust domain: lower-case letters, digits, '.', '-' and '_' (SPIFFE-ID §2.1). */
  public static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]{1,255}");

  private Identifiers() {
  }

  public static boolean isNodeId(String value) {
    return value != null && NODE_ID.matcher(value).matches();
  }

  public static boolean isUserId(String value) {
    return value != null && USER_ID.matcher(value).matches();
  }

  public static boolean isSerial(String value) {
    return value != null && SERIAL.matcher(value).matches();
  }

  public static String requireNodeId(String value) {
    if (!isNodeId(value)) {
      throw new IllegalArgumentException("not a valid nodeId (DNS label, a-z 0-9 '-', 1-63 characters)");
    }
    return value;
  }

  public static String requireUserId(String value) {
    if (!isUserId(value)) {
      throw new IllegalArgumentException("not a valid userId (a-z A-Z 0-9 '-' '_', 1-128 characters)");
    }
    return value;
  }

  public static String requireSerial(String value) {
    if (!isSerial(value)) {
      throw new IllegalArgumentException("not a valid serial number (lower-case hex, at most 40 digits)");
    }
    return value;
  }

  public static String requireTrustDomain(String value) {
    if (value == null || !TRUST_DOMAIN.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid trust domain");
    }
    return value;
  }
}
