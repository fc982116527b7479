package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

/** A client written for Amazon Cognito (the AWS SDK v2, unchanged) signs in against dev-identity. */
class CognitoSdkSignInTest {

  @TempDir
  static Path dataDir;
  static Vertx vertx;
  static DevIdentityProvider idp;
  static CognitoIdentityProviderClient cognito;
  static String clientId;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    clientId = idp.clientIds().get(0);
    cognito = CognitoIdentityProviderClient.builder()
        .endpointOverride(URI.create(idp.baseUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
        .build();
  }

  @AfterAll
  static void stop() {
    cognito.close();
    Await.result(idp.close());
    Await.result(vertx.close());
  }

  static AuthenticationResultType signIn(String username, String password) {
    return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(clientId)
        .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
  }

  static JsonObject claims(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  @Test
  void userPasswordAuthReturnsCognitoShapedTokens() {
    AuthenticationResultType result = signIn(DevUsers.ADMIN.username(), DevUsers.ADMIN.password());

    assertEquals(3600, result.expiresIn());
    assertEquals("Bearer", result.tokenType());
    assertNotNull(result.refreshToken());
    JsonObject access = claims(result.accessToken());
    assertEquals("access", access.getString("token_use"));
    assertEquals(clientId, access.getString("client_id"));
    assertEquals("admin", access.getString("username"));
    assertEquals(idp.issuer(), access.getString("iss"));
    assertEquals(java.util.List.of("admin"), access.getJsonArray("cognito:groups").getList());
    assertNull(access.getValue("aud"), "Cognito access tokens carry client_id, not aud");
    JsonObject id = claims(result.idToken());
    assertEquals("id", id.getString("token_use"));
    assertEquals(clientId, id.getString("aud"));
    assertEquals("admin", id.getString("cognito:username"));
    assertEquals(DevUsers.email("admin"), id.getString("email"));
    assertEquals(access.getString("sub"), id.getString("sub"));
    assertEquals(access.getString("origin_jti"), id.getString("origin_jti"));
  }

  @Test
  void theSameUserKeepsTheSameSubAcrossSignIns() {
    String first = claims(signIn("alice", DevUsers.ALICE.password()).accessToken()).getString("sub");
    String second = claims(signIn("alice", DevUsers.ALICE.password()).accessToken()).getString("sub");
    String bob = claims(signIn("bob", DevUsers.BOB.password()).accessToken()).getString("sub");

    assertEquals(first, second);
    assertNotEquals(first, bob);
    assertNull(claims(signIn("alice", DevUsers.ALICE.password()).accessToken()).getValue("cognito:groups"));
  }

  @Test
  void wrongPasswordIsNotAuthorized() {
    NotAuthorizedException e = assertThrows(NotAuthorizedException.class, () -> signIn("alice", "not-her-password"));
    assertEquals("Incorrect username or password.", e.awsErrorDetails().errorMessage());
    assertEquals(400, e.statusCode());
  }

  @Test
  void unknownUserAnswersExactlyLikeAWrongPassword() {
    NotAuthorizedException e = assertThrows(NotAuthorizedException.class, () -> signIn("mallory", "whatever"));
    assertEquals("Incorrect username or password.", e.awsErrorDetails().errorMessage());
  }

  @Test
  void unknownClientIsResourceNotFound() {
    assertThrows(ResourceNotFoundException.class, () -> cognito.initiateAuth(b -> b
        .authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId("no-such-client")
        .authParameters(Map.of("USERNAME", "alice", "PASSWORD", DevUsers.ALICE.password()))));
  }

  @Test
  void missingPasswordIsAnInvalidParameter() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> cognito.initiateAuth(b -> b
        .authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(clientId).authParameters(Map.of("USERNAME", "alice"))));
    assertTrue(e.awsErrorDetails().errorMessage().contains("PASSWORD"));
  }

  @Test
  void refreshTokenAuthReturnsNewTokensForTheSameSessionWithoutANewRefreshToken() {
    AuthenticationResultType first = signIn("bob", DevUsers.BOB.password());

    AuthenticationResultType refreshed = cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
        .clientId(clientId).authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))).authenticationResult();

    assertNull(refreshed.refreshToken());
    assertNotEquals(first.accessToken(), refreshed.accessToken());
    JsonObject before = claims(first.accessToken());
    JsonObject after = claims(refreshed.accessToken());
    assertEquals(before.getString("sub"), after.getString("sub"));
    assertEquals(before.getString("origin_jti"), after.getString("origin_jti"));
    assertNotEquals(before.getString("jti"), after.getString("jti"));
  }

  @Test
  void aRefreshTokenIsBoundToItsClient() {
    AuthenticationResultType first = signIn("bob", DevUsers.BOB.password());
    String otherClient = idp.clientIds().get(1);

    assertThrows(NotAuthorizedException.class, () -> cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
        .clientId(otherClient).authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))));
  }

  @Test
  void aMadeUpRefreshTokenIsNotAuthorized() {
    assertThrows(NotAuthorizedException.class, () -> cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
        .clientId(clientId).authParameters(Map.of("REFRESH_TOKEN", "made-up"))));
  }

  @Test
  void getUserAnswersForTheAccessTokensOwner() {
    String accessToken = signIn("auditor", DevUsers.AUDITOR.password()).accessToken();

    GetUserResponse user = cognito.getUser(b -> b.accessToken(accessToken));

    assertEquals("auditor", user.username());
    assertTrue(user.userAttributes().stream().anyMatch(a -> a.name().equals("email") && a.value().equals(DevUsers.email("auditor"))));
  }

  @Test
  void getUserRefusesAnIdTokenAndATamperedToken() {
    AuthenticationResultType tokens = signIn("auditor", DevUsers.AUDITOR.password());
    String[] parts = tokens.accessToken().split("\\.");
    String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

    assertThrows(NotAuthorizedException.class, () -> cognito.getUser(b -> b.accessToken(tokens.idToken())));
    assertThrows(NotAuthorizedException.class, () -> cognito.getUser(b -> b.accessToken(tampered)));
  }

  @Test
  void otherOperationsAndMalformedBodiesAnswerLikeCognito() {
    WebClient web = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> unknown = Await.result(web.postAbs(idp.baseUrl() + "/")
          .putHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminDeleteUser")
          .putHeader("Content-Type", "application/x-amz-json-1.1")
          .sendBuffer(Buffer.buffer("{}")));
      HttpResponse<Buffer> malformed = Await.result(web.postAbs(idp.baseUrl() + "/")
          .putHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
          .putHeader("Content-Type", "application/x-amz-json-1.1")
          .sendBuffer(Buffer.buffer("{not json")));

      assertEquals(400, unknown.statusCode());
      assertEquals("UnknownOperationException", unknown.bodyAsJsonObject().getString("__type"));
      assertEquals(400, malformed.statusCode());
      assertEquals("InvalidParameterException", malformed.bodyAsJsonObject().getString("__type"));
      assertTrue(malformed.getHeader("Content-Type").startsWith("application/x-amz-json-1.1"));
    } finally {
      web.close();
    }
  }
}
