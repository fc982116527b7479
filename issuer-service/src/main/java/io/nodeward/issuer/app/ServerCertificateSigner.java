package io.nodeward.issuer.app;

import java.net.InetAddress;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * A CA back end that also vouches for nodeward's own TLS servers (the gateway, the issuer's renewal listener),
 * so clients that trust nodeward's CA chain for their certificates can verify the servers they dial.
 */
public interface ServerCertificateSigner {

  /** Blocking (signs): a serverAuth-only certificate for exactly these names. */
  X509Certificate signServerCertificate(PublicKey key, List<String> hostNames, List<InetAddress> addresses,
      Duration validity);
}
