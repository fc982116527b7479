package io.nodeward.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque refresh tokens, in memory, each bound to the session (user, client, scope) it continues. A
 * restart signs everybody out of refreshing, which is acceptable for a dev pool.
 */
final class RefreshTokens {

  static final Duration LIFETIME = Duration.ofDays(30);

  private record Entry(TokenMinter.Session session, Instant expiresAt) {
  }

  private final Map<String, Entry> byDigest = new ConcurrentHashMap<>();

  String issue(TokenMinter.Session session, Instant now) {
    byDigest.values().removeIf(entry -> entry.expiresAt().isBefore(now));
    String token = Secrets.random();
    byDigest.put(Secrets.digest(token), new Entry(session, now.plus(LIFETIME)));
    return token;
  }

  /** The session, if the token is ours, unexpired and was issued to this client. */
  Optional<TokenMinter.Session> session(String token, String clientId, Instant now) {
    Entry entry = byDigest.get(Secrets.digest(token));
    if (entry == null || entry.expiresAt().isBefore(now) || !entry.session().clientId().equals(clientId)) {
      return Optional.empty();
    }
    return Optional.of(entry.session());
  }

  /**
   * Ends the session a refresh token continues (RFC 7009, Cognito's {@code /oauth2/revoke}): only the client it was
   * issued to may revoke it. Answers whether a token of this client was revoked.
   */
  boolean revoke(String token, String clientId) {
    String digest = Secrets.digest(token);
    Entry entry = byDigest.get(digest);
    return entry != null && entry.session().clientId().equals(clientId) && byDigest.remove(digest, entry);
  }
}
