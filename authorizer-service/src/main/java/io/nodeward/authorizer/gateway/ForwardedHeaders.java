package io.nodeward.authorizer.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gateway is the edge (issue 13.6): whatever a client says about forwarding, its address or a client
 * certificate is dropped, and only what the gateway itself vouches for is sent upstream —
 * {@code X-Forwarded-For} and {@code Forwarded: for=} (the TCP peer), {@code X-Forwarded-Proto: https}, and the
 * verified identity in {@code X-Nodeward-*} (set by {@link AuthorizingInterceptor}). Nothing else: no
 * {@code X-Forwarded-Host/-Port/-Prefix} (the gateway knows no public name to vouch for) and no certificate
 * headers (the identity headers say who it is).
 */
final class ForwardedHeaders {

  /** Dropped by exact name (lower case). */
  static final Set<String> CLIENT_CLAIMS = Set.of(
      "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
      "x-forwarded-prefix", "x-forwarded-server", "x-forwarded-ssl", "x-forwarded-scheme", "x-forwarded-uri",
      "x-forwarded-path", "x-original-forwarded-for", "x-original-url", "x-original-uri", "x-rewrite-url",
      "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip", "x-cluster-client-ip", "fastly-client-ip",
      "x-forwarded-client-cert", "x-client-cert", "x-client-verify", "x-arr-clientcert", "ssl-client-cert",
      "ssl-client-verify", "x-url-scheme", "front-end-https");
  /** Dropped by prefix (lower case): every header family a proxy uses for identity or client certificates. */
  static final List<String> CLIENT_CLAIM_PREFIXES = List.of(
      "x-nodeward-", "x-forwarded-", "x-ssl-", "ssl-client-", "x-client-cert-", "x-amzn-mtls-");

  private ForwardedHeaders() {
  }

  static void removeClientClaims(MultiMap headers) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (CLIENT_CLAIMS.contains(name) || CLIENT_CLAIM_PREFIXES.stream().anyMatch(name::startsWith)) {
        names.add(header.getKey());
      }
    }
    names.forEach(headers::remove);
  }

  static void setVouched(MultiMap headers, SocketAddress remote) {
    String address = remote == null ? null : remote.hostAddress();
    headers.set("X-Forwarded-For", address == null ? "unknown" : address);
    headers.set("X-Forwarded-Proto", "https");
    headers.set("Forwarded", "for=" + forwardedNode(address) + ";proto=https");
  }

  /** RFC 7239 §6: an IPv6 address is quoted and bracketed; an unknown peer is {@code unknown}. */
  private static String forwardedNode(String address) {
    if (address == null) {
      return "unknown";
    }
    return address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
  }
}
