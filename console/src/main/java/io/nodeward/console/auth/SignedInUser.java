package io.nodeward.console.auth;

import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.Role;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Who is signed in to one browser session, and their tokens. Lives only in the server-side session: the browser
 * holds the session cookie and nothing else. Several requests of one session (a page and its 2-second poll) can
 * find the access token about to expire at once; {@link #refreshIfDue} lets the first one refresh and the others
 * wait for the same answer, so one refresh token is never redeemed twice in parallel.
 */
public final class SignedInUser {

  private final Principal principal;
  private final String email;
  private final Instant signedInAt;
  private final String refreshToken;
  private volatile String accessToken;
  private volatile Instant accessExpiresAt;
  private Future<Void> refreshing;

  public SignedInUser(Principal principal, String email, Instant signedInAt, String accessToken, Instant accessExpiresAt,
      String refreshToken) {
    this.principal = principal;
    this.email = email;
    this.signedInAt = signedInAt;
    this.accessToken = accessToken;
    this.accessExpiresAt = accessExpiresAt;
    this.refreshToken = refreshToken;
  }

  public String userId() {
    return principal.userId();
  }

  public String username() {
    return principal.username();
  }

  public String email() {
    return email;
  }

  public Role role() {
    return principal.role();
  }

  public boolean isAdmin() {
    return principal.isAdmin();
  }

  /** Auditors and admins read the whole audit trail. */
  public boolean isAuditor() {
    return principal.isAuditor() || principal.isAdmin();
  }

  public Instant signedInAt() {
    return signedInAt;
  }

  /** The user's own access token: what the console presents to the APIs, and only there. */
  public String accessToken() {
    return accessToken;
  }

  public Instant accessExpiresAt() {
    return accessExpiresAt;
  }

  /** The refresh token, for the hosted UI's token and revoke endpoints only; null if the pool gave none. */
  String refreshToken() {
    return refreshToken;
  }

  public boolean refreshDue(Instant now, Duration before) {
    return !now.plus(before).isBefore(accessExpiresAt);
  }

  public boolean expired(Instant now) {
    return !now.isBefore(accessExpiresAt);
  }

  /**
   * Runs {@code refresh} when the token has less than {@code before} left and no refresh is under way; otherwise
   * joins the one under way, or does nothing.
   */
  public synchronized Future<Void> refreshIfDue(Clock clock, Duration before, Function<String, Future<TokenSet>> refresh) {
    if (refreshing != null) {
      return refreshing;
    }
    if (!refreshDue(clock.instant(), before) || refreshToken == null) {
      return Future.succeededFuture();
    }
    refreshing = refresh.apply(refreshToken)
        .map(tokens -> {
          accessToken = tokens.accessToken();
          accessExpiresAt = clock.instant().plusSeconds(tokens.expiresInSeconds());
          return (Void) null;
        })
        .onComplete(done -> {
          synchronized (this) {
            refreshing = null;
          }
        });
    return refreshing;
  }

  @Override
  public String toString() {
    return "SignedInUser[" + principal.username() + ", " + principal.role() + "]";
  }
}
