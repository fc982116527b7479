package io.nodeward.identity;

import io.nodeward.kit.http.RequestIds;
import io.nodeward.kit.app.Lifecycle;
import io.nodeward.kit.health.Check;
import io.nodeward.kit.health.HealthChecks;
import io.nodeward.kit.http.ProblemHandler;
import io.nodeward.kit.metrics.ServiceMetrics;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEV ONLY. A Cognito-compatible identity provider for development and tests: the AWS SDK's
 * {@code InitiateAuth}/{@code GetUser}, the pool's JWKS and OpenID configuration, and the hosted UI's
 * authorization-code flow with PKCE. Users and signing keys live in {@code <dataDir>/dev-identity/}.
 * This is the one class that wires the provider together.
 */
public final class DevIdentityProvider {

  private static final Logger LOG = LoggerFactory.getLogger(DevIdentityProvider.class);
  private static final long BODY_LIMIT = 64 * 1024;

  private final Vertx vertx;
  private final DevIdentityConfig config;
  private final SigningKeys keys;
  private final UserDirectory users;
  private final TokenMinter minter;
  private final SignIn signIn;
  private final WellKnown wellKnown;
  private final DevTokens devTokens;
  private final IdentityMetrics metrics;
  private final Lifecycle lifecycle;
  private volatile HttpServer server;

  private DevIdentityProvider(Vertx vertx, DevIdentityConfig config, UserDirectory users, SigningKeys keys) {
    this.vertx = vertx;
    this.config = config;
    this.users = users;
    this.keys = keys;
    this.lifecycle = Lifecycle.create(vertx, "dev identity provider");
    this.metrics = new IdentityMetrics(lifecycle.add("metrics", ServiceMetrics.create(IdentityMetrics.SERVICE),
        m -> {
          m.close();
          return Future.succeededFuture();
        }));
    Clock clock = Clock.systemUTC();
    this.minter = new TokenMinter(keys, this::issuer);
    this.signIn = new SignIn(vertx, users, minter, new RefreshTokens(), config.clientIds(), clock, metrics);
    this.wellKnown = new WellKnown(keys, this::baseUrl, this::issuer, metrics);
    this.devTokens = new DevTokens(vertx, signIn, minter, users, keys);
  }

  /** Opens (or creates) users and signing key on a worker, then listens. */
  public static Future<DevIdentityProvider> start(Vertx vertx, DevIdentityConfig config) {
    return vertx.executeBlocking(() -> new DevIdentityProvider(vertx, config,
            UserDirectory.openOrCreate(config.identityDir()), SigningKeys.openOrCreate(config.identityDir().resolve("keys"))),
        false)
        .compose(idp -> idp.lifecycle.run(idp::listen));
  }

  private Future<DevIdentityProvider> listen() {
    CognitoJsonApi api = new CognitoJsonApi(signIn, keys);
    HostedUi hostedUi = new HostedUi(signIn, new AuthorizationCodes(),
        new RedirectUris(config.redirectUris(), config.loopbackClientIds()), config.logoutUris(), Clock.systemUTC());
    String wellKnownPath = "/" + config.poolId() + "/.well-known/";

    Router router = Router.router(vertx);
    router.route().handler(RequestIds.create());
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post("/").handler(api::handle);
    router.get(wellKnownPath + "jwks.json").handler(wellKnown::jwks);
    router.get(wellKnownPath + "openid-configuration").handler(wellKnown::openidConfiguration);
    router.get("/oauth2/authorize").handler(hostedUi::authorize);
    router.post("/login").handler(hostedUi::login);
    router.post("/oauth2/token").handler(hostedUi::token);
    router.post("/oauth2/revoke").handler(hostedUi::revoke);
    router.get("/logout").handler(hostedUi::logout);
    router.get("/oauth2/userInfo").handler(ctx -> hostedUi.userInfo(ctx, keys));
    HealthChecks.create(vertx, "dev-identity")
        .check("signingKeys", () -> Check.up(new JsonObject().put("keys", keys.jwks().getJsonArray("keys").size())))
        .mount(router);
    metrics.metrics().mount(vertx, router);
    router.route().failureHandler(ProblemHandler.create());

    return lifecycle.start("http server", () -> vertx.createHttpServer()
            .requestHandler(router)
            .listen(config.port(), config.host()), HttpServer::close)
        .map(listening -> {
          server = listening;
          LOG.info("dev identity provider listening on {} with issuer {} (DEV ONLY)", baseUrl(), issuer());
          return this;
        });
  }

  /** {@code <issuerBase>/<poolId>}: what tokens carry as {@code iss} and what verifiers must trust. */
  public String issuer() {
    return baseUrl() + "/" + config.poolId();
  }

  public String jwksUri() {
    return issuer() + "/.well-known/jwks.json";
  }

  /** Where the hosted UI and the JSON API are; also the AWS SDK's {@code endpointOverride}. */
  public String baseUrl() {
    return config.issuerBase() != null ? config.issuerBase() : "http://" + config.host() + ":" + port();
  }

  public int port() {
    HttpServer listening = server;
    return listening != null ? listening.actualPort() : config.port();
  }

  public String poolId() {
    return config.poolId();
  }

  public List<String> clientIds() {
    return config.clientIds();
  }

  public DevIdentityConfig config() {
    return config;
  }

  /** DEV ONLY token minting for tests and the dev stack. */
  public DevTokens tokens() {
    return devTokens;
  }

  /**
   * Generates a new signing key that signs from now on; the old keys stay in the JWKS, as when Cognito
   * rotates. Answers the new key id.
   */
  public Future<String> rotateSigningKey() {
    return vertx.executeBlocking(() -> keys.rotate().kid(), false);
  }

  /** How many times the JWKS was served: lets tests prove verifiers don't hammer the pool. */
  public long jwksRequests() {
    return wellKnown.jwksRequests();
  }

  /** Stops listening; bounded, like every nodeward component's stop ({@link Lifecycle}). */
  public Future<Void> close() {
    return lifecycle.stop();
  }
}
