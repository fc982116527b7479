package io.nodeward.cli.http;

/** The user's access token for an API call; {@link #renewed()} when a server says the token no longer works. */
public interface Bearer {

  String token();

  /** A new access token (refresh-token grant), or a failure telling the user to sign in again. */
  String renewed();
}
