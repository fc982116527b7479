package io.nodeward.console.auth;

import io.nodeward.console.domain.ConsoleProblem;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.TokenUse;
import io.nodeward.kit.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out, the OAuth 2.0 authorization-code flow with PKCE against the hosted UI:
 * {@code GET /signin} starts it (state, nonce, verifier kept server-side), {@code GET /callback} checks and redeems
 * the answer and signs the session in, {@code POST /signout} revokes the refresh token, ends the session and sends
 * the browser through the hosted UI's {@code /logout}.
 */
public final class SignInRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);
  /** An authorization answer older than this is refused: nobody takes ten minutes on a login form and then some. */
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  private final HostedUiClient hostedUi;
  private final CognitoTokenVerifier verifier;
  private final Supplier<String> publicUrl;
  private final String clientId;
  private final SecureRandom random;
  private final Clock clock;

  public SignInRoutes(HostedUiClient hostedUi, CognitoTokenVerifier verifier, Supplier<String> publicUrl, String clientId,
      SecureRandom random, Clock clock) {
    this.hostedUi = hostedUi;
    this.verifier = verifier;
    this.publicUrl = publicUrl;
    this.clientId = clientId;
    this.random = random;
    this.clock = clock;
  }

  String redirectUri() {
    return publicUrl.get() + "/callback";
  }

  /** {@code GET /signin?return=/path}. */
  public void signIn(RoutingContext ctx) {
    BrowserSession session = BrowserSession.of(ctx);
    String returnTo = ReturnPath.sanitize(ctx.queryParams().get("return"));
    if (session.user().isPresent()) {
      redirect(ctx, 302, returnTo);
      return;
    }
    Pkce pkce = Pkce.create(random);
    PendingSignIn pending = new PendingSignIn(Pkce.randomToken(random), Pkce.randomToken(random), pkce.verifier(), returnTo,
        clock.instant());
    session.addPending(pending);
    redirect(ctx, 302, hostedUi.authorizeUrl(pending, pkce.challenge(), redirectUri()));
  }

  /** {@code GET /callback?code=&state=} (or {@code ?error=&state=}). */
  public void callback(RoutingContext ctx) {
    String error = ctx.queryParams().get("error");
    if (error != null) {
      ctx.fail(ConsoleProblem.badRequest("SIGN_IN_" + printable(error).toUpperCase(),
          "The sign-in was not completed (the identity provider answered " + printable(error) + "). Sign in again."));
      return;
    }
    BrowserSession session = BrowserSession.of(ctx);
    String code = ctx.queryParams().get("code");
    PendingSignIn pending = session.takePending(ctx.queryParams().get("state"), clock.instant().minus(PENDING_LIFETIME))
        .orElse(null);
    if (pending == null || code == null || code.isEmpty()) {
      // No matching state: a forged or replayed answer (login CSRF), another browser's, or simply too old.
      ctx.fail(ConsoleProblem.badRequest("STATE_MISMATCH",
          "This sign-in answer does not belong to a sign-in this browser started, or it is too old. Sign in again."));
      return;
    }
    hostedUi.redeem(code, pending.codeVerifier(), redirectUri())
        .compose(tokens -> signedInUser(tokens, pending))
        .onSuccess(user -> {
          session.signIn(user, random);
          LOG.info("{} signed in ({})", user.username(), user.role());
          redirect(ctx, 303, pending.returnTo());
        })
        .onFailure(failure -> ctx.fail(signInFailure(failure)));
  }

  private Future<SignedInUser> signedInUser(TokenSet tokens, PendingSignIn pending) {
    Instant now = clock.instant();
    IdToken id = IdToken.parse(tokens.idToken())
        .check(verifier.config().issuer(), clientId, pending.nonce(), now, verifier.config().clockSkew());
    return verifier.verify(tokens.accessToken()).map(principal -> {
      requireAccessTokenOf(principal, id);
      return new SignedInUser(principal, id.email(), now, tokens.accessToken(), now.plusSeconds(tokens.expiresInSeconds()),
          tokens.refreshToken());
    });
  }

  private static void requireAccessTokenOf(Principal principal, IdToken id) {
    if (principal.tokenUse() != TokenUse.ACCESS || !principal.userId().equals(id.subject())) {
      throw ConsoleProblem.badRequest("TOKEN_MISMATCH", "The identity provider's tokens name different users. Sign in again.");
    }
  }

  private static Throwable signInFailure(Throwable failure) {
    if (failure instanceof ConsoleProblem) {
      return failure;
    }
    if (failure instanceof IdToken.Refused refused) {
      return ConsoleProblem.badRequest(refused.code(), refused.getMessage() + " Sign in again.");
    }
    if (failure instanceof HostedUiClient.Failure hosted && hosted.unreachable()) {
      return new ConsoleProblem(503, "SIGN_IN_UNAVAILABLE", "Sign-in is unavailable",
          "The sign-in service cannot be reached right now. Try again in a moment.");
    }
    if (failure instanceof HostedUiClient.Failure) {
      return ConsoleProblem.badRequest("SIGN_IN_REFUSED",
          "The identity provider did not accept this sign-in answer (it may have been used already). Sign in again.");
    }
    if (failure instanceof ProblemException problem) {
      return ConsoleProblem.badRequest(problem.problem().code(),
          "The identity provider's access token was not accepted (" + problem.problem().detail() + ") Sign in again.");
    }
    LOG.error("Sign-in failed", failure);
    return new ConsoleProblem(500, "SIGN_IN_FAILED", "Sign-in failed", "Something went wrong while signing you in. Try again.");
  }

  /** {@code POST /signout} (behind the CSRF guard). */
  public void signOut(RoutingContext ctx) {
    BrowserSession session = BrowserSession.of(ctx);
    Future<Void> revoked = session.user()
        .map(user -> {
          LOG.info("{} signed out", user.username());
          return user.refreshToken() == null ? Future.<Void>succeededFuture() : hostedUi.revoke(user.refreshToken());
        })
        .orElse(Future.succeededFuture());
    session.destroy();
    revoked
        .onFailure(e -> LOG.warn("Could not revoke the refresh token at sign-out: {}", e.getMessage()))
        .onComplete(done -> redirect(ctx, 303, hostedUi.logoutUrl(publicUrl.get() + "/signed-out")));
  }

  static void redirect(RoutingContext ctx, int status, String location) {
    ctx.response().setStatusCode(status).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  private static String printable(String value) {
    String cut = value.length() > 40 ? value.substring(0, 40) : value;
    return cut.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
