package io.nodeward.authorizer.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/** Opens the upstream request to the node the {@link AuthorizingInterceptor} allowed, never to anything else. */
final class UpstreamOrigin implements OriginRequestProvider {

  @Override
  public Future<HttpClientRequest> create(ProxyContext ctx) {
    Upstream upstream = ctx.get(AuthorizingInterceptor.UPSTREAM, Upstream.class);
    if (upstream == null) {
      return Future.failedFuture("request was not authorized");
    }
    return ctx.client().request(new RequestOptions()
        .setHost(upstream.host())
        .setPort(upstream.port())
        .setSsl(upstream.ssl()));
  }
}
