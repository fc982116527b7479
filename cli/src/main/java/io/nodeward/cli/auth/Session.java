package io.nodeward.cli.auth;

import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.http.Bearer;
import java.time.Clock;
import java.time.Duration;

/**
 * The signed-in user's access token for this run: read from the sessions file, refreshed with the refresh token
 * when it is about to expire (or a server refused it), and the refreshed token saved back for the next run.
 */
public final class Session implements Bearer {

  /** Refresh this long before expiry, so a token does not expire between the check and the server's. */
  static final Duration MARGIN = Duration.ofSeconds(60);

  private final TokenStore store;
  private final CognitoClient cognito;
  private final String idpUrl;
  private final String clientId;
  private final Clock clock;
  private Tokens current;

  public Session(TokenStore store, CognitoClient cognito, String idpUrl, String clientId, Clock clock) {
    this.store = store;
    this.cognito = cognito;
    this.idpUrl = idpUrl;
    this.clientId = clientId;
    this.clock = clock;
  }

  /** The session as stored (no refresh); a failure telling the user to sign in when there is none. */
  public Tokens stored() {
    if (current == null) {
      current = store.find(idpUrl, clientId).orElseThrow(() -> CliFailure.failed("NOT_SIGNED_IN",
          "Not signed in to " + idpUrl + " (client " + clientId + "); run 'nodeward login'."));
    }
    return current;
  }

  @Override
  public String token() {
    Tokens tokens = stored();
    if (tokens.accessTokenExpiresAt().isAfter(clock.instant().plus(MARGIN))) {
      return tokens.accessToken();
    }
    return renewed();
  }

  @Override
  public String renewed() {
    current = cognito.refreshed(stored());
    store.save(current);
    return current.accessToken();
  }
}
