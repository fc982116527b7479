package io.nodeward.authorizer.gateway;

import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.app.AccessAuthorization;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

/**
 * One event loop's share of the mTLS gateway: an HTTPS server and its own upstream client and reverse proxy.
 * Several instances share the port; Vert.x spreads connections over them.
 */
public final class GatewayVerticle extends VerticleBase {

  private final AuthorizerConfig config;
  private final int port;
  private final AccessAuthorization authorization;
  private final Handler<Throwable> connectionFailures;
  private final GatewayGuard guard;
  private HttpServer server;
  private HttpClient client;

  public GatewayVerticle(AuthorizerConfig config, int port, AccessAuthorization authorization,
      Handler<Throwable> connectionFailures) {
    this(config, port, authorization, connectionFailures, new GatewayGuard(config.gatewayLimits()));
  }

  /** @param guard the limits, shared by every instance of the gateway */
  public GatewayVerticle(AuthorizerConfig config, int port, AccessAuthorization authorization,
      Handler<Throwable> connectionFailures, GatewayGuard guard) {
    this.guard = guard;
    this.connectionFailures = connectionFailures;
    this.config = config;
    this.port = port;
    this.authorization = authorization;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout(5_000)
            .setIdleTimeout(60),
        new PoolOptions().setHttp1MaxSize(256));
    // WebSocket tunnelling off: vertx-http-proxy would tunnel an upgrade before any interceptor runs, i.e.
    // without a decision. Upgrade requests are decided and proxied like any other (Upgrade is hop-by-hop).
    HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
        .origin(new UpstreamOrigin())
        .addInterceptor(new AuthorizingInterceptor(authorization, config.trustDomain(), guard));
    // Failed handshakes (no certificate, foreign CA, TLS 1.1...) are counted, not logged one by one: anyone
    // can cause them, and a log line each would let them flood the logs.
    server = vertx.createHttpServer(GatewayTls.serverOptions(config, port))
        .connectionHandler(connection -> guard.connected(vertx, connection))
        .requestHandler(request -> {
          guard.requestStarted(request);
          proxy.handle(request);
        })
        .exceptionHandler(connectionFailures);
    return server.listen();
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server.close().transform(v -> client.close());
  }
}
