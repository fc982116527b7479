package io.nodeward.console;

import io.nodeward.console.auth.HostedUiClient;
import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignInRoutes;
import io.nodeward.console.client.ApiClient;
import io.nodeward.console.client.AuditClient;
import io.nodeward.console.client.ExportStream;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.config.ConsoleConfig;
import io.nodeward.console.web.ConsoleRoutes;
import io.nodeward.kit.app.Lifecycle;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.health.Check;
import io.nodeward.kit.health.HealthChecks;
import io.nodeward.kit.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console, wired: a backend-for-frontend in front of the issuer and audit APIs. It holds no data and no
 * privileged credential: every API call carries the signed-in person's own access token. This is the one class
 * that constructs the clients and the HTTP server.
 *
 * <p>It starts in two steps so that a stack on free ports can register the console's real address with the
 * identity provider before the console needs the provider's: {@link #listen} binds the port (answering 503 until
 * ready), {@link #serve} wires everything. {@link #start} does both.
 */
public final class ConsoleService {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);
  static final String SERVICE = "console";

  private final Vertx vertx;
  private final String host;
  private final Lifecycle lifecycle;
  private final AtomicReference<Handler<HttpServerRequest>> handler = new AtomicReference<>(ConsoleService::starting);
  private volatile HttpServer server;
  private volatile ConsoleConfig config;

  private ConsoleService(Vertx vertx, String host) {
    this.vertx = vertx;
    this.host = host;
    this.lifecycle = Lifecycle.create(vertx, SERVICE);
  }

  public static Future<ConsoleService> start(Vertx vertx, ConsoleConfig config) {
    return listen(vertx, config.host(), config.port()).compose(console -> console.serve(config));
  }

  /** Binds the port; every request is answered 503 until {@link #serve}. */
  public static Future<ConsoleService> listen(Vertx vertx, String host, int port) {
    ConsoleService console = new ConsoleService(vertx, host);
    return console.lifecycle.run(() -> console.lifecycle.start("http server", () -> vertx
            .createHttpServer(new HttpServerOptions().setMaxFormAttributeSize(16 * 1024))
            .requestHandler(request -> console.handler.get().handle(request))
            .listen(port, host), HttpServer::close))
        .map(listening -> {
          console.server = listening;
          return console;
        });
  }

  /** Wires the console with {@code config} (its host and port are the ones bound already) and starts serving. */
  public Future<ConsoleService> serve(ConsoleConfig consoleConfig) {
    this.config = consoleConfig;
    return lifecycle.run(() -> {
      ServiceMetrics metrics = lifecycle.add("metrics", ServiceMetrics.create(SERVICE), m -> {
        m.close();
        return Future.succeededFuture();
      });
      WebClient web = lifecycle.add("api client", WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
          .setUserAgent("nodeward-console").setFollowRedirects(false), new PoolOptions().setHttp1MaxSize(32)), w -> {
            w.close();
            return Future.succeededFuture();
          });
      HttpClient http = lifecycle.add("export client", vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(8)), HttpClient::close);
      CognitoTokenVerifier verifier = lifecycle.add("token verifier",
          CognitoTokenVerifier.create(vertx, consoleConfig.cognito()), CognitoTokenVerifier::close);
      handler.set(ConsoleRoutes.router(vertx, dependencies(consoleConfig, web, http, verifier, metrics))::handle);
      LOG.info("console listening on {} (issuer API {}, audit API {}, hosted UI {})", publicUrl(),
          consoleConfig.issuerUrl(), consoleConfig.auditUrl(), consoleConfig.hostedUiUrl());
      return Future.succeededFuture(this);
    });
  }

  private ConsoleRoutes.Dependencies dependencies(ConsoleConfig c, WebClient web, HttpClient http, CognitoTokenVerifier verifier,
      ServiceMetrics metrics) {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    HostedUiClient hostedUi = new HostedUiClient(web, c.hostedUiUrl(), c.hostedUiBackchannelUrl(), c.clientId(),
        c.clientSecret(), c.scopes(), c.apiTimeout());
    ApiClient issuerApi = new ApiClient(web, "issuer", c.issuerUrl(), c.apiTimeout());
    ApiClient auditApi = new ApiClient(web, "audit", c.auditUrl(), c.apiTimeout());
    HealthChecks health = HealthChecks.create(vertx, SERVICE)
        .checkAsync("issuerApi", () -> reachable(web, issuerApi.base().resolve("/health/live")))
        .checkAsync("auditApi", () -> reachable(web, auditApi.base().resolve("/health/live")))
        .checkAsync("hostedUi", () -> reachable(web, URI.create(c.cognito().jwksUri())));
    return new ConsoleRoutes.Dependencies(
        new IssuerClient(issuerApi),
        new AuditClient(auditApi),
        new ExportStream(http, auditApi, c.apiTimeout()),
        new SignInRoutes(hostedUi, verifier, this::publicUrl, c.clientId(), random, clock),
        new SessionGuard(hostedUi, c.sessionMaxAge(), c.refreshBefore(), clock),
        this::publicUrl,
        hostedUi.publicOrigin(),
        c.secureCookies(port()),
        c.sessionIdle(),
        c.liveInterval(),
        health,
        metrics,
        random,
        clock);
  }

  /** Ready means the console can do its job: the APIs and the hosted UI's key set answer. */
  private static Future<Check> reachable(WebClient web, URI uri) {
    return web.getAbs(uri.toString()).timeout(HealthChecks.DEFAULT_CHECK_TIMEOUT.toMillis()).send()
        .map(response -> response.statusCode() == 200 ? Check.up() : Check.down("HTTP " + response.statusCode()))
        .otherwise(e -> Check.down("unreachable"));
  }

  private static void starting(HttpServerRequest request) {
    request.response().setStatusCode(503).putHeader("Retry-After", "1").putHeader("Content-Type", "text/plain")
        .end("The console is starting.");
  }

  public int port() {
    HttpServer listening = server;
    return listening != null ? listening.actualPort() : 0;
  }

  /** Where browsers reach the console, without a trailing slash. */
  public String publicUrl() {
    URI url = config != null ? config.publicUrl(port())
        : URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    return url.getScheme() + "://" + url.getRawAuthority();
  }

  public ConsoleConfig config() {
    return config;
  }

  public Future<Void> close() {
    return lifecycle.stop();
  }
}
