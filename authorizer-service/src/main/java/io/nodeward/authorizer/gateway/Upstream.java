package io.nodeward.authorizer.gateway;

import java.net.URI;
import java.util.Locale;

/** Where a node's requests go, parsed once from its {@code upstreamUrl} (http or https, optional base path). */
record Upstream(String host, int port, boolean ssl, String basePath) {

  /** The upstream, or null when the URL is not an absolute http(s) URL without user-info, query or fragment. */
  static Upstream parse(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return null;
      }
      boolean ssl = scheme.equals("https");
      int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
      String base = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
      return new Upstream(host, port, ssl, base);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The URI sent upstream: base path, the part of the path after {@code /nodes/{nodeId}}, the query. */
  String uri(String rest, String query) {
    return basePath + rest + (query == null ? "" : "?" + query);
  }
}
