package io.nodeward.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.http.Http;
import io.nodeward.cli.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two Cognito interfaces the client signs in with: the user-pool JSON API ({@code InitiateAuth}
 * USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, as the AWS SDK sends them) and the hosted UI's OAuth 2.0 token
 * endpoint (authorization code + PKCE). Passwords and tokens go only into request bodies, never into messages.
 */
public final class CognitoClient {

  private static final String SERVICE = "identity provider";
  private static final String AMZ_JSON = "application/x-amz-json-1.1";

  private final Http http;
  private final URI idpUrl;
  private final URI hostedUiUrl;
  private final String clientId;
  private final Clock clock;

  public CognitoClient(Http http, URI idpUrl, URI hostedUiUrl, String clientId, Clock clock) {
    this.http = http;
    this.idpUrl = idpUrl;
    this.hostedUiUrl = hostedUiUrl;
    this.clientId = clientId;
    this.clock = clock;
  }

  public Tokens withPassword(String username, char[] password) {
    ObjectNode parameters = Json.object().put("USERNAME", username).put("PASSWORD", new String(password));
    return tokens(initiateAuth("USER_PASSWORD_AUTH", parameters), null);
  }

  /** New access and ID tokens for the same session (Cognito does not rotate the refresh token). */
  public Tokens refreshed(Tokens session) {
    if (session.refreshToken() == null) {
      throw CliFailure.failed("SESSION_EXPIRED", "Your session has expired; sign in again with 'nodeward login'.");
    }
    JsonNode result;
    try {
      result = initiateAuth("REFRESH_TOKEN_AUTH", Json.object().put("REFRESH_TOKEN", session.refreshToken()));
    } catch (CliFailure refused) {
      if (refused.httpStatus() == 400) {
        throw CliFailure.failed("SESSION_EXPIRED", "Your session has expired or was ended; sign in again with "
            + "'nodeward login' (" + refused.code() + ").");
      }
      throw refused;
    }
    String access = Json.required(result, "AccessToken", "The refresh answer");
    return session.withAccess(access, Json.text(result, "IdToken"), expiry(access, result));
  }

  /** RFC 6749 §4.1.3 with the RFC 7636 verifier: the code the hosted UI sent to our loopback listener. */
  public Tokens exchangeCode(String code, String redirectUri, String verifier) {
    String form = form(Map.of("grant_type", "authorization_code", "client_id", clientId, "code", code,
        "redirect_uri", redirectUri, "code_verifier", verifier));
    Http.Response response = http.send(Http.Request.of("POST", endpoint(hostedUiUrl, "/oauth2/token"),
            form.getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json"), SERVICE);
    JsonNode body = Json.parse(response.body().length == 0 ? "{}" : response.text(), "The token endpoint's answer");
    if (response.status() != 200) {
      String error = Json.text(body, "error");
      throw CliFailure.refused(response.status(), error == null ? "HTTP_" + response.status() : error,
          "The identity provider did not accept the sign-in code" + describe(Json.text(body, "error_description")));
    }
    ObjectNode result = Json.object()
        .put("AccessToken", Json.required(body, "access_token", "The token endpoint's answer"))
        .put("IdToken", Json.text(body, "id_token"))
        .put("RefreshToken", Json.text(body, "refresh_token"))
        .put("ExpiresIn", body.path("expires_in").asLong(3600));
    return tokens(result, null);
  }

  public URI authorizeEndpoint() {
    return endpoint(hostedUiUrl, "/oauth2/authorize");
  }

  private JsonNode initiateAuth(String flow, ObjectNode parameters) {
    ObjectNode body = Json.object().put("AuthFlow", flow).put("ClientId", clientId);
    body.set("AuthParameters", parameters);
    Http.Response response = http.send(Http.Request.of("POST", endpoint(idpUrl, "/"),
            Json.write(body).getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", AMZ_JSON)
        .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth"), SERVICE);
    JsonNode answer = Json.parse(response.body().length == 0 ? "{}" : response.text(), "The identity provider's answer");
    if (response.status() != 200) {
      String type = Json.text(answer, "__type");
      String code = type == null ? "HTTP_" + response.status() : type.substring(type.lastIndexOf('#') + 1);
      throw CliFailure.refused(response.status(), code, message(code, Json.text(answer, "message")));
    }
    JsonNode result = answer.get("AuthenticationResult");
    if (result == null) {
      throw CliFailure.failed("CHALLENGE_NOT_SUPPORTED", "The identity provider asked for a further challenge ("
          + Json.text(answer, "ChallengeName") + "); complete it in the hosted UI with 'nodeward login'.");
    }
    return result;
  }

  private Tokens tokens(JsonNode result, String knownUsername) {
    String access = Json.required(result, "AccessToken", "The sign-in answer");
    JsonNode claims = Jwt.claims(access);
    String username = knownUsername != null ? knownUsername : Json.text(claims, "username");
    return new Tokens(idpUrl.toString(), clientId, username, access, Json.text(result, "IdToken"),
        Json.text(result, "RefreshToken"), expiry(access, result));
  }

  private Instant expiry(String access, JsonNode result) {
    long exp = Jwt.claims(access).path("exp").asLong(0);
    return exp > 0 ? Instant.ofEpochSecond(exp) : clock.instant().plusSeconds(result.path("ExpiresIn").asLong(3600));
  }

  private static String message(String code, String serverMessage) {
    if ("NotAuthorizedException".equals(code) || "InvalidPasswordException".equals(code)) {
      return "Incorrect username or password.";
    }
    return serverMessage == null || serverMessage.isBlank() ? "The identity provider refused the sign-in." : serverMessage;
  }

  private static String describe(String description) {
    return description == null ? "." : ": " + description;
  }

  private static URI endpoint(URI base, String path) {
    String root = base.toString();
    return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path);
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
