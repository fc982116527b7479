package io.nodeward.issuer.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which upstream URLs a node may be provisioned with (issue 13.5). Every holder of the node's certificate can
 * reach the upstream through the gateway, so an upstream that is a cloud metadata service or a link-local address
 * would hand them the host's credentials: those are refused always, here at provisioning and again by the
 * authorizer at connect time, after DNS resolution (which this check, made once, cannot replace).
 */
public final class UpstreamPolicy {

  /** Cloud instance-metadata names that resolve to link-local or provider-internal addresses. */
  private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata",
      "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");
  /** Metadata endpoints outside 169.254.0.0/16: Alibaba Cloud's and AWS's IPv6 one. */
  private static final Set<String> METADATA_ADDRESSES = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(?:%(?:25)?[A-Za-z0-9._~-]+)?]?");
  /** A name made only of numeric labels (0xa9.0xfe.0xa9.0xfe, 0251.0376.0251.0376): resolvers read it as an address. */
  private static final Pattern NUMERIC_NAME = Pattern.compile("(?:(?:0x[0-9a-f]*|[0-9]+)\\.?)+");

  private UpstreamPolicy() {
  }

  /** Empty when {@code url} may be a node's upstream; else a caller-safe sentence saying why not. */
  public static Optional<String> check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      return Optional.of("upstreamUrl must be an absolute http(s) URL without user info or fragment.");
    }
    boolean shape = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
    if (!shape) {
      return Optional.of("upstreamUrl must be an absolute http(s) URL without user info or fragment.");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (METADATA_NAMES.contains(bare)) {
      return Optional.of("upstreamUrl may not point at a cloud metadata service.");
    }
    if (!IP_LITERAL.matcher(host).matches() && NUMERIC_NAME.matcher(host).matches()) {
      return Optional.of("upstreamUrl has an address that is not valid.");
    }
    if (IP_LITERAL.matcher(host).matches()) {
      Optional<InetAddress> address = literal(host);
      if (address.isEmpty()) {
        return Optional.of("upstreamUrl has an address that is not valid.");
      }
      if (forbidden(address.get())) {
        return Optional.of("upstreamUrl may not be a link-local or metadata address.");
      }
    }
    return Optional.empty();
  }

  /** Link-local (169.254.0.0/16, fe80::/10, also IPv4-mapped), "this network" 0.0.0.0/8, and metadata endpoints. */
  static boolean forbidden(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16 && isV4Mapped(bytes)) {
      byte[] v4 = java.util.Arrays.copyOfRange(bytes, 12, 16);
      return forbidden(literal(String.format("%d.%d.%d.%d", v4[0] & 255, v4[1] & 255, v4[2] & 255, v4[3] & 255))
          .orElseThrow());
    }
    return address.isLinkLocalAddress() || address.isAnyLocalAddress()
        || (bytes.length == 4 && bytes[0] == 0)
        || METADATA_ADDRESSES.contains(address.getHostAddress());
  }

  private static boolean isV4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /** Parses an IP literal without any DNS lookup (InetAddress.getByName does none for literals). */
  private static Optional<InetAddress> literal(String host) {
    String text = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone); // a zone id (fe80::1%eth0) names an interface, not another address
    }
    if (text.matches("[0-9.]+") && text.split("\\.", -1).length != 4) {
      return Optional.empty(); // "169.254" or "2852039166" style shorthands: refused rather than guessed
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
