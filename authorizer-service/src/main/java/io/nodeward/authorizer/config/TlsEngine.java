package io.nodeward.authorizer.config;

/** Which TLS implementation the gateway uses: OpenSSL (BoringSSL via netty-tcnative) when it loads, else the JDK's. */
public enum TlsEngine {
  AUTO,
  OPENSSL,
  JDK
}
