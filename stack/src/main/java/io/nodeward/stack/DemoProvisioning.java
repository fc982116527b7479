package io.nodeward.stack;

import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.identity.DevUsers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Gives alice the demo node on start, through the issuer's public admin API with an admin's token, exactly as
 * an operator would. Idempotent: the issuer answers 200 and publishes nothing when nothing changed.
 */
final class DemoProvisioning {

  private static final String CLIENT_ID = "nodeward-cli";

  private DemoProvisioning() {
  }

  static Future<String> provision(Vertx vertx, DevIdentityProvider identity, int issuerPort, String upstreamUrl) {
    WebClient client = WebClient.create(vertx);
    Future<String> aliceSub = identity.tokens()
        .signIn(DevUsers.ALICE.username(), DevUsers.ALICE.password(), CLIENT_ID)
        .map(tokens -> subject(tokens.idToken()));
    Future<String> adminToken = identity.tokens()
        .signIn(DevUsers.ADMIN.username(), DevUsers.ADMIN.password(), CLIENT_ID)
        .map(tokens -> tokens.accessToken());
    return Future.all(aliceSub, adminToken)
        .compose(both -> client.post(issuerPort, "127.0.0.1", "/v1/admin/nodes")
            .bearerTokenAuthentication(adminToken.result())
            .sendJsonObject(new JsonObject()
                .put("nodeId", DemoNode.NODE_ID)
                .put("ownerUserId", aliceSub.result())
                .put("upstreamUrl", upstreamUrl)))
        .compose(response -> response.statusCode() / 100 == 2
            ? Future.succeededFuture(aliceSub.result())
            : Future.failedFuture("provisioning the demo node failed: HTTP " + response.statusCode() + " "
                + response.bodyAsString()))
        .onComplete(x -> client.close());
  }

  /** The {@code sub} claim of a JWT we were just handed by our own identity provider (no verification needed). */
  static String subject(String jwt) {
    String payload = jwt.split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sub");
  }
}
