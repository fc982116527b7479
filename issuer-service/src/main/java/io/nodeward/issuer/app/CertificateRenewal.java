package io.nodeward.issuer.app;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.KeySource;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.issuer.domain.RenewalPolicy;
import io.nodeward.issuer.domain.RenewalRefusal;
import io.nodeward.issuer.domain.RenewalRefusedException;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.kit.tls.Fingerprints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A certificate renewing itself, as step-ca renews: the caller proved possession of the certificate's key in the
 * TLS handshake; here the certificate must verify with the CA's key, be valid, recorded, unrevoked and its node
 * still its owner's (RenewalPolicy). The new certificate has the same node and user, a fresh window, the old or
 * a new key (a CSR), and CertificateIssued names the serial it renews. The old certificate stays valid.
 */
public final class CertificateRenewal {

  /**
   * @param presented the client certificate chain from the TLS handshake, leaf first; empty when none
   * @param csrPem a CSR for a new key, or null to keep the certificate's key
   */
  public record Request(java.util.List<X509Certificate> presented, String csrPem, Long validityHours,
      Long validityMinutes) {
  }

  private record Checked(CertificateRecord record, RenewalPolicy.Presented presented, X509Certificate certificate) {
  }

  private record Prepared(Checked checked, KeyMaterial key) {
  }

  private final Vertx vertx;
  private final IssuanceSteps steps;
  private final RateLimits limits;
  private final CertificateProfile profile;
  private final RenewalPolicy policy;
  private final NodeRegistry nodes;
  private final CertificateRegistry certificates;
  private final Clock clock;

  public CertificateRenewal(Vertx vertx, CertificateAuthority ca, CertificateProfile profile,
      NodeRegistry nodes, CertificateRegistry certificates, EventLog events, RateLimits limits, Clock clock) {
    this.limits = limits;
    this.vertx = vertx;
    this.steps = new IssuanceSteps(ca, events, clock);
    this.profile = profile;
    this.policy = new RenewalPolicy(profile);
    this.nodes = nodes;
    this.certificates = certificates;
    this.clock = clock;
  }

  public Future<CertificateIssuance.Issued> renew(Request request) {
    // Signature checks and CSR verification are CPU work: on a worker, like issuance's key material. A renewal
    // is an issuance for the certificate's owner: it counts against the owner's issuance limit.
    return vertx.executeBlocking(() -> prepare(request), false)
        .compose(prepared -> limits.issuance(prepared.checked().record().userId()).map(prepared))
        .compose(prepared -> signAndRecord(prepared, request));
  }

  private Future<CertificateIssuance.Issued> signAndRecord(Prepared prepared, Request request) {
    Duration requested = RawCertificateRequest.validity(request.validityHours(), request.validityMinutes());
    CertificateRecord record = prepared.checked().record();
    CertificateIdentity identity = new CertificateIdentity(profile.trustDomain(), record.userId(), record.nodeId());
    ValidityWindow window = profile.window(clock.instant(), policy.lifetime(prepared.checked().presented(), requested));
    return steps.sign(UUID.randomUUID().toString(), identity, prepared.key(), window)
        .compose(issued -> steps.record(record.userId(), issued, prepared.key(), record.serialNumber()));
  }

  private Prepared prepare(Request request) {
    Checked checked = check(request.presented());
    return new Prepared(checked, keyMaterial(checked, request.csrPem()));
  }

  private Checked check(java.util.List<X509Certificate> presented) {
    if (presented.isEmpty()) {
      throw refused(RenewalRefusal.CLIENT_CERTIFICATE_REQUIRED);
    }
    X509Certificate certificate = presented.get(0);
    if (!issuedByThisCa(certificate)) {
      throw refused(RenewalRefusal.UNTRUSTED_CERTIFICATE);
    }
    RenewalPolicy.Presented facts = facts(certificate);
    Optional<CertificateRecord> record = certificates.find(facts.serialHex());
    Optional<Node> node = record.flatMap(r -> nodes.find(r.nodeId()));
    Instant now = clock.instant();
    policy.check(facts, record, node, now).ifPresent(refusal -> {
      throw refused(refusal);
    });
    return new Checked(record.orElseThrow(), facts, certificate);
  }

  /** Defence in depth: the TLS trust manager checks this too, but the use case must not rely on a listener's setup. */
  private boolean issuedByThisCa(X509Certificate certificate) {
    for (X509Certificate ca : steps.ca().caChain()) {
      if (ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        try {
          certificate.verify(ca.getPublicKey());
          return true;
        } catch (java.security.GeneralSecurityException e) {
          return false;
        }
      }
    }
    return false;
  }

  private static RenewalPolicy.Presented facts(X509Certificate certificate) {
    Optional<CertificateIdentity> identity;
    try {
      identity = certificate.getSubjectAlternativeNames() == null ? Optional.empty()
          : certificate.getSubjectAlternativeNames().stream()
              .filter(san -> Integer.valueOf(6).equals(san.get(0)))
              .map(san -> CertificateIdentity.parse((String) san.get(1)))
              .flatMap(Optional::stream)
              .findFirst();
    } catch (java.security.cert.CertificateParsingException e) {
      identity = Optional.empty();
    }
    return new RenewalPolicy.Presented(Fingerprints.serialHex(certificate), Fingerprints.sha256Hex(certificate),
        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), identity);
  }

  private KeyMaterial keyMaterial(Checked checked, String csrPem) {
    if (csrPem != null) {
      return KeyMaterial.fromCsr(csrPem);
    }
    if (steps.ca().requiresCsr()) {
      throw refused(RenewalRefusal.CSR_REQUIRED);
    }
    KeySource source = checked.record().keySource() == null ? KeySource.CLIENT_CSR : checked.record().keySource();
    return KeyMaterial.reuse(checked.certificate().getPublicKey(), source);
  }

  private RenewalRefusedException refused(RenewalRefusal refusal) {
    return new RenewalRefusedException(refusal, policy.explain(refusal));
  }
}
