package io.nodeward.identity;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a hosted-UI authorization request, validated the same way on {@code /oauth2/authorize}
 * and again on {@code /login} (the form carries them, so the browser could have changed them).
 */
record AuthorizeRequest(String clientId, String redirectUri, String state, String codeChallenge, String scope, String nonce) {

  static final Set<String> SCOPES = Set.of("openid", "email", "profile", "phone", TokenMinter.SDK_SCOPE);

  /**
   * Where a refusal goes: errors about the client or redirect URI are shown here, never redirected (RFC 6749
   * §4.1.2.1, else the IdP becomes an open redirector); the rest go back to the client as {@code ?error=}.
   */
  static final class Refusal extends RuntimeException {
    final String error;
    final String redirectUri; // null: show, don't redirect
    final String state;

    Refusal(String error, String description, String redirectUri, String state) {
      super(description, null, false, false);
      this.error = error;
      this.redirectUri = redirectUri;
      this.state = state;
    }
  }

  static AuthorizeRequest parse(MultiMap params, SignIn signIn, RedirectUris redirectUris) {
    String clientId = params.get("client_id");
    if (!signIn.isClient(clientId)) {
      throw new Refusal("invalid_client", "Unknown client_id.", null, null);
    }
    String redirectUri = params.get("redirect_uri");
    if (!redirectUris.allows(clientId, redirectUri)) {
      throw new Refusal("invalid_request", "redirect_uri is not registered for this client.", null, null);
    }
    String state = params.get("state");
    if (!"code".equals(params.get("response_type"))) {
      throw new Refusal("unsupported_response_type", "Only response_type=code is supported.", redirectUri, state);
    }
    String challenge = params.get("code_challenge");
    if (!"S256".equals(params.get("code_challenge_method")) || challenge == null
        || !AuthorizationCodes.S256_CHALLENGE.matcher(challenge).matches()) {
      // RFC 7636: plain PKCE would let anyone who sees the authorize URL redeem the code.
      throw new Refusal("invalid_request", "PKCE with code_challenge_method=S256 is required.", redirectUri, state);
    }
    String scope = scope(params.get("scope"))
        .orElseThrow(() -> new Refusal("invalid_scope", "Unknown scope requested.", redirectUri, state));
    String nonce = params.get("nonce");
    if (nonce != null && (nonce.isEmpty() || nonce.length() > 512)) {
      throw new Refusal("invalid_request", "nonce must be 1-512 characters.", redirectUri, state);
    }
    return new AuthorizeRequest(clientId, redirectUri, state, challenge, scope, nonce);
  }

  private static Optional<String> scope(String requested) {
    if (requested == null || requested.isBlank()) {
      return Optional.of("openid");
    }
    Set<String> scopes = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
    return SCOPES.containsAll(scopes) ? Optional.of(String.join(" ", scopes)) : Optional.empty();
  }
}
