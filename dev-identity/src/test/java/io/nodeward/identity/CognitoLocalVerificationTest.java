package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.Role;
import io.nodeward.kit.auth.TokenUse;
import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * CognitoTokenVerifier against tokens from cognito-local, a Cognito emulator written by others: proves the
 * verifier follows Cognito's token format, not just dev-identity's reading of it. The pool, client, users
 * and group are made through the real AWS SDK.
 */
class CognitoLocalVerificationTest {

  @TempDir
  static Path workDir;
  static CognitoLocal cognitoLocal;
  static CognitoIdentityProviderClient cognito;
  static Vertx vertx;
  static CognitoTokenVerifier verifier;
  static String poolId;
  static String clientId;
  static String otherClientId;

  @BeforeAll
  static void start() throws Exception {
    cognitoLocal = CognitoLocal.start(workDir);
    cognito = CognitoIdentityProviderClient.builder()
        .endpointOverride(URI.create(cognitoLocal.endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
        .build();
    poolId = cognito.createUserPool(b -> b.poolName("nodeward-interop")).userPool().id();
    clientId = createClient("nodeward-console");
    otherClientId = createClient("someone-elses-app");
    cognito.createGroup(b -> b.userPoolId(poolId).groupName("admin"));
    createUser("carol", "Carol-pass-1!");
    createUser("dave", "Dave-pass-1!");
    cognito.adminAddUserToGroup(b -> b.userPoolId(poolId).username("carol").groupName("admin"));

    vertx = Vertx.vertx();
    verifier = CognitoTokenVerifier.create(vertx, CognitoConfig.of(cognitoLocal.issuer(poolId), Set.of(clientId)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (verifier != null) {
      Await.result(verifier.close());
      Await.result(vertx.close());
    }
    if (cognito != null) {
      cognito.close();
    }
    if (cognitoLocal != null) {
      cognitoLocal.close();
    }
  }

  static String createClient(String name) {
    return cognito.createUserPoolClient(b -> b.userPoolId(poolId).clientName(name)
        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
        .userPoolClient().clientId();
  }

  static void createUser(String username, String password) {
    cognito.adminCreateUser(b -> b.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
        .userAttributes(AttributeType.builder().name("email").value(username + "@example.org").build(),
            AttributeType.builder().name("email_verified").value("true").build()));
    cognito.adminSetUserPassword(b -> b.userPoolId(poolId).username(username).password(password).permanent(true));
  }

  static AuthenticationResultType signIn(String client, String username, String password) {
    return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(client)
        .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
  }

  static String refusal(String token) {
    return assertInstanceOf(ProblemException.class, Await.failure(verifier.verify(token))).problem().code();
  }

  @Test
  void itsAccessTokenForAGroupMemberVerifiesAsAdmin() {
    AuthenticationResultType tokens = signIn(clientId, "carol", "Carol-pass-1!");

    Principal principal = Await.result(verifier.verify(tokens.accessToken()));

    assertEquals("carol", principal.username());
    assertEquals(Role.ADMIN, principal.role());
    assertEquals(TokenUse.ACCESS, principal.tokenUse());
    assertEquals(clientId, principal.clientId());
    assertEquals(Forge.payload(tokens.accessToken()).getString("sub"), principal.userId());
  }

  @Test
  void itsAccessTokenForSomeoneInNoGroupVerifiesAsOwnerAndItsIdTokenIsRefused() {
    AuthenticationResultType tokens = signIn(clientId, "dave", "Dave-pass-1!");
    Principal principal = Await.result(verifier.verify(tokens.accessToken()));

    assertEquals("dave", principal.username());
    assertEquals(Role.OWNER, principal.role());
    assertEquals(TokenUse.ACCESS, principal.tokenUse());
    assertEquals("TOKEN_USE_INVALID", refusal(tokens.idToken()));
  }

  @Test
  void itsTokensForAnotherAppClientAreRefused() {
    AuthenticationResultType tokens = signIn(otherClientId, "dave", "Dave-pass-1!");

    assertEquals("TOKEN_AUDIENCE_INVALID", refusal(tokens.accessToken()));
    assertEquals("TOKEN_USE_INVALID", refusal(tokens.idToken()));
  }

  @Test
  void itsRefreshTokenIsNotABearerToken() {
    // cognito-local's refresh tokens are RS256 JWTs from the same key and issuer, but name no kid and carry
    // no token_use: refused at the key lookup, before the claims are even trusted.
    assertEquals("TOKEN_SIGNATURE_INVALID", refusal(signIn(clientId, "dave", "Dave-pass-1!").refreshToken()));
  }

  @Test
  void aTamperedTokenFromItIsRefused() {
    String genuine = signIn(clientId, "dave", "Dave-pass-1!").accessToken();

    String escalated = Forge.withPayload(genuine, Forge.payload(genuine).put("cognito:groups", java.util.List.of("admin")));

    assertEquals("TOKEN_SIGNATURE_INVALID", refusal(escalated));
    assertEquals("TOKEN_ALGORITHM_INVALID", refusal(Forge.unsecured(genuine)));
  }

  @Test
  void aWrongPasswordIsRefusedByIt() {
    // cognito-local answers InvalidPasswordException where Cognito says NotAuthorizedException (FACTS.md).
    assertThrows(CognitoIdentityProviderException.class, () -> signIn(clientId, "dave", "wrong"));
  }
}
