package io.nodeward.bench.console;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * A person signed in to the APIs with the Cognito protocol (InitiateAuth, USER_PASSWORD_AUTH, the CLI's client), as
 * the README's curl walk-through does: what the benchmark uses to put data behind the console, through the public
 * APIs only.
 */
final class ApiSession {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  final String token;
  final String sub;

  private ApiSession(String token) {
    this.token = token;
    this.sub = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
        .getString("sub");
  }

  static ApiSession signIn(String idpUrl, String username, String password) throws IOException, InterruptedException {
    JsonObject body = new JsonObject().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", "nodeward-cli")
        .put("AuthParameters", new JsonObject().put("USERNAME", username).put("PASSWORD", password));
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(idpUrl + "/"))
        .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("sign-in of " + username + ": HTTP " + answer.statusCode() + " " + answer.body());
    }
    return new ApiSession(new JsonObject(answer.body()).getJsonObject("AuthenticationResult").getString("AccessToken"));
  }

  /** POST a JSON body; the answer's JSON, or a failed future naming the status and the problem. */
  CompletableFuture<JsonObject> post(String url, JsonObject body) {
    return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(answer -> {
          if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + ": HTTP " + answer.statusCode() + " " + answer.body());
          }
          return new JsonObject(answer.body());
        });
  }
}
