package io.nodeward.identity;

import io.nodeward.kit.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito's JSON 1.1 protocol on {@code POST /}: the operation is named by {@code X-Amz-Target}, errors
 * are HTTP 400 with {@code __type}, which the AWS SDK turns into its typed exceptions. Requests are not
 * SigV4-checked: InitiateAuth and GetUser are unauthenticated operations in Cognito too.
 */
final class CognitoJsonApi {

  private static final Logger LOG = LoggerFactory.getLogger(CognitoJsonApi.class);
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

  private final SignIn signIn;
  private final SigningKeys keys;

  CognitoJsonApi(SignIn signIn, SigningKeys keys) {
    this.signIn = signIn;
    this.keys = keys;
  }

  void handle(RoutingContext ctx) {
    String target = ctx.request().getHeader("X-Amz-Target");
    Future<JsonObject> answer;
    try {
      JsonObject input = input(ctx);
      answer = switch (target == null ? "" : target) {
        case TARGET_PREFIX + "InitiateAuth" -> initiateAuth(input);
        case TARGET_PREFIX + "GetUser" -> getUser(input);
        default -> Future.failedFuture(new CognitoError("UnknownOperationException", null));
      };
    } catch (CognitoError e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(body -> respond(ctx, 200, body))
        .onFailure(failure -> respond(ctx, failure));
  }

  private static JsonObject input(RoutingContext ctx) {
    try {
      JsonObject input = ctx.body().asJsonObject();
      if (input == null) {
        throw CognitoError.invalidParameter("The request body must be a JSON object.");
      }
      return input;
    } catch (DecodeException | ClassCastException e) {
      throw CognitoError.invalidParameter("The request body must be a JSON object.");
    }
  }

  private Future<JsonObject> initiateAuth(JsonObject input) {
    String flow = string(input, "AuthFlow");
    String clientId = string(input, "ClientId");
    JsonObject parameters = input.getValue("AuthParameters") instanceof JsonObject p ? p : new JsonObject();
    Future<Tokens> tokens = switch (flow) {
      case "USER_PASSWORD_AUTH" -> signIn.withPassword(
          string(parameters, "USERNAME"), string(parameters, "PASSWORD"), clientId, TokenMinter.SDK_SCOPE);
      case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> signIn.refresh(string(parameters, "REFRESH_TOKEN"), clientId);
      default -> Future.failedFuture(CognitoError.invalidParameter("Initiate Auth method not supported."));
    };
    return tokens.map(CognitoJsonApi::authenticationResult);
  }

  private Future<JsonObject> getUser(JsonObject input) {
    return signIn.userOf(string(input, "AccessToken"), keys).map(user -> new JsonObject()
        .put("Username", user.username())
        .put("UserAttributes", new JsonArray()
            .add(attribute("sub", user.sub()))
            .add(attribute("email", user.email()))
            .add(attribute("email_verified", "true"))));
  }

  private static JsonObject authenticationResult(Tokens tokens) {
    JsonObject result = new JsonObject()
        .put("AccessToken", tokens.accessToken())
        .put("ExpiresIn", tokens.expiresIn())
        .put("IdToken", tokens.idToken())
        .put("TokenType", Tokens.TOKEN_TYPE);
    if (tokens.refreshToken() != null) {
      result.put("RefreshToken", tokens.refreshToken());
    }
    return new JsonObject().put("AuthenticationResult", result).put("ChallengeParameters", new JsonObject());
  }

  private static JsonObject attribute(String name, String value) {
    return new JsonObject().put("Name", name).put("Value", value);
  }

  /** A required, non-empty string member; Cognito names the missing parameter in its message. */
  private static String string(JsonObject json, String name) {
    if (json.getValue(name) instanceof String value && !value.isEmpty()) {
      return value;
    }
    throw CognitoError.invalidParameter("Missing required parameter " + name);
  }

  private static void respond(RoutingContext ctx, Throwable failure) {
    if (failure instanceof CognitoError error) {
      JsonObject body = new JsonObject().put("__type", error.type());
      if (error.getMessage() != null) {
        body.put("message", error.getMessage());
      }
      ctx.response().putHeader("x-amzn-ErrorType", error.type());
      respond(ctx, 400, body);
    } else {
      LOG.error("Cognito API request failed", failure);
      respond(ctx, 500, new JsonObject().put("__type", "InternalErrorException").put("message", "Internal error."));
    }
  }

  private static void respond(RoutingContext ctx, int status, JsonObject body) {
    Responses.noStore(ctx.response())
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .end(body.encode());
  }
}
