package io.nodeward.console.auth;

import java.time.Instant;

/**
 * A sign-in the console started and the hosted UI has not answered yet: what {@code /callback} checks the answer
 * against. Kept in the (pre-sign-in) server-side session, keyed by its {@code state}.
 *
 * @param returnTo the console path the person asked for, already checked by {@link ReturnPath}
 */
public record PendingSignIn(String state, String nonce, String codeVerifier, String returnTo, Instant startedAt) {

  @Override
  public String toString() {
    return "PendingSignIn[returnTo=" + returnTo + ", startedAt=" + startedAt + "]";
  }
}
