package io.nodeward.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The pool's discovery documents: OpenID configuration and JWKS, under {@code /<poolId>/.well-known/}. */
final class WellKnown {

  private final SigningKeys keys;
  private final Supplier<String> baseUrl;
  private final Supplier<String> issuer;
  private final AtomicLong jwksRequests = new AtomicLong();
  private final IdentityMetrics metrics;

  WellKnown(SigningKeys keys, Supplier<String> baseUrl, Supplier<String> issuer, IdentityMetrics metrics) {
    this.metrics = metrics;
    this.keys = keys;
    this.baseUrl = baseUrl;
    this.issuer = issuer;
  }

  void jwks(RoutingContext ctx) {
    jwksRequests.incrementAndGet();
    metrics.jwksServed();
    ctx.response().putHeader("Content-Type", "application/json").end(keys.jwks().encode());
  }

  void openidConfiguration(RoutingContext ctx) {
    String base = baseUrl.get();
    JsonObject document = new JsonObject()
        .put("issuer", issuer.get())
        .put("jwks_uri", issuer.get() + "/.well-known/jwks.json")
        .put("authorization_endpoint", base + "/oauth2/authorize")
        .put("token_endpoint", base + "/oauth2/token")
        .put("userinfo_endpoint", base + "/oauth2/userInfo")
        .put("revocation_endpoint", base + "/oauth2/revoke")
        .put("response_types_supported", new JsonArray().add("code"))
        .put("grant_types_supported", new JsonArray().add("authorization_code").add("refresh_token"))
        .put("code_challenge_methods_supported", new JsonArray().add("S256"))
        .put("scopes_supported", new JsonArray().add("openid").add("email").add("phone").add("profile"))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
        .put("token_endpoint_auth_methods_supported", new JsonArray().add("none"));
    ctx.response().putHeader("Content-Type", "application/json").end(document.encode());
  }

  long jwksRequests() {
    return jwksRequests.get();
  }
}
