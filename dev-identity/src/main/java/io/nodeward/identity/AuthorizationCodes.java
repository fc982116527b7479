package io.nodeward.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Hosted-UI authorization codes: short-lived, single-use, bound to client, redirect URI and a PKCE
 * S256 challenge (RFC 7636). A code is burnt by the first attempt to redeem it, successful or not, so a
 * stolen code cannot be tried against several verifiers.
 */
final class AuthorizationCodes {

  static final Duration LIFETIME = Duration.ofSeconds(60);
  /** RFC 7636 §4.1 verifier; §4.2: an S256 challenge is 43 base64url characters. */
  static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  record Grant(TokenMinter.Session session, String redirectUri, String codeChallenge, Instant expiresAt) {
  }

  private final Map<String, Grant> byDigest = new ConcurrentHashMap<>();

  String issue(TokenMinter.Session session, String redirectUri, String codeChallenge, Instant now) {
    byDigest.values().removeIf(grant -> grant.expiresAt().isBefore(now));
    String code = Secrets.random();
    byDigest.put(Secrets.digest(code), new Grant(session, redirectUri, codeChallenge, now.plus(LIFETIME)));
    return code;
  }

  /** The session if everything matches; empty (and the code gone either way) otherwise. */
  Optional<TokenMinter.Session> redeem(String code, String clientId, String redirectUri, String verifier, Instant now) {
    Grant grant = byDigest.remove(Secrets.digest(code));
    if (grant == null
        || grant.expiresAt().isBefore(now)
        || !grant.session().clientId().equals(clientId)
        || !grant.redirectUri().equals(redirectUri)
        || !pkceMatches(verifier, grant.codeChallenge())) {
      return Optional.empty();
    }
    return Optional.of(grant.session());
  }

  static boolean pkceMatches(String verifier, String challenge) {
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      return false;
    }
    String computed = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Secrets.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
  }
}
