package io.nodeward.authorizer.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.config.TlsEngine;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;

class GatewayTlsTest {

  /** Guards the build: with mismatched tcnative classes and native library, AUTO silently falls back to the JDK. */
  @Test
  void theOpenSslEngineLoadsSoAutoChoosesIt() {
    assertTrue(OpenSsl.isAvailable(), () -> "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
    assertTrue(GatewayTls.useOpenSsl(TlsEngine.AUTO));
  }
}
