package io.nodeward.events;

/** Where the certificate's private key was made: by the issuer (and handed out once), or by the client (CSR). */
public enum KeySource {
  SERVER_GENERATED,
  CLIENT_CSR
}
