package io.nodeward.issuer.app;

import io.nodeward.events.NodeProvisioned;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.testing.FakeCertificateAuthority;
import io.nodeward.issuer.testing.FakeEventLog;
import io.nodeward.issuer.testing.FakePropagationWatch;
import io.nodeward.kit.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The ports of app/ faked, and the registries they feed, for one test. */
final class AppFixture {

  static final CertificateProfile PROFILE =
      CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30));

  final NodeRegistry nodes = new NodeRegistry();
  final CertificateRegistry certificates = new CertificateRegistry();
  final FakeEventLog events = new FakeEventLog(nodes, certificates);
  final FakePropagationWatch propagation = new FakePropagationWatch();
  final FakeCertificateAuthority ca = new FakeCertificateAuthority(PROFILE);
  final Clock clock = Clock.systemUTC();

  void provision(String nodeId, String owner) {
    Await.result(events.append(new NodeProvisioned(nodeId, owner, "http://127.0.0.1:9000", Instant.now(), "admin")));
    events.appended.clear();
  }
}
