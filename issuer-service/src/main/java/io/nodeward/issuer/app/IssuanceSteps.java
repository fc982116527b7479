package io.nodeward.issuer.app;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two steps every way of getting a certificate ends with (issuance and renewal): the CA signs, then
 * CertificateIssued must be acknowledged by Kafka before anyone sees the certificate. If Kafka does not
 * acknowledge, the certificate is revoked at the CA and the caller gets nothing: no certificate exists that the
 * allow-list and the audit trail do not know.
 */
final class IssuanceSteps {

  private static final Logger LOG = LoggerFactory.getLogger(IssuanceSteps.class);

  private final CertificateAuthority ca;
  private final EventLog events;
  private final Clock clock;

  IssuanceSteps(CertificateAuthority ca, EventLog events, Clock clock) {
    this.ca = ca;
    this.events = events;
    this.clock = clock;
  }

  CertificateAuthority ca() {
    return ca;
  }

  Future<IssuedCertificate> sign(String requestId, CertificateIdentity identity, KeyMaterial key, ValidityWindow window) {
    return ca.issue(new SigningRequest(requestId, identity, key.publicKey(), key.algorithm(), key.csr(), window))
        .recover(e -> {
          LOG.warn("The {} CA did not sign request {}: {}", ca.backend(), requestId, e.toString());
          return Future.failedFuture(new CaUnavailableException("sign", e));
        });
  }

  /** @param renews the serial this certificate renews, or null for a first issuance */
  Future<CertificateIssuance.Issued> record(String requestedBy, IssuedCertificate issued, KeyMaterial key,
      String renews) {
    CertificateIdentity identity = identityOf(issued);
    CertificateIssued event = new CertificateIssued(issued.serialHex(), identity.userId(), identity.nodeId(),
        issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant(),
        key.algorithm(), key.source(), issued.backend(), issued.fingerprintSha256(), Pem.write(issued.certificate()),
        clock.instant(), requestedBy, renews);
    return events.append(event)
        .map(published -> new CertificateIssuance.Issued(issued, event, key.privateKey()))
        .recover(e -> withdraw(event, e));
  }

  private static CertificateIdentity identityOf(IssuedCertificate issued) {
    try {
      return issued.certificate().getSubjectAlternativeNames().stream()
          .filter(san -> Integer.valueOf(6).equals(san.get(0)))
          .map(san -> CertificateIdentity.parse((String) san.get(1)))
          .flatMap(Optional::stream)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("the CA returned a certificate without a nodeward identity"));
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IllegalStateException("the CA returned an unreadable certificate", e);
    }
  }

  /**
   * Kafka did not acknowledge: revoke at the CA before answering, so the certificate is dead even if the event
   * was in fact written. The revocation event is sent too, best effort, for the case that Kafka recovers.
   */
  private Future<CertificateIssuance.Issued> withdraw(CertificateIssued event, Throwable cause) {
    LOG.warn("CertificateIssued for serial {} was not acknowledged ({}); revoking it at the CA", event.serialNumber(),
        cause.toString());
    Future<Void> revoked = ca.revoke(event.serialNumber(), RevocationReason.CESSATION_OF_OPERATION)
        .onFailure(e -> LOG.error("Could not revoke unrecorded certificate {} at the CA", event.serialNumber(), e));
    events.append(new CertificateRevoked(event.serialNumber(), event.userId(), event.nodeId(), event.notBefore(),
            event.notAfter(), event.fingerprintSha256(), RevocationReason.CESSATION_OF_OPERATION, clock.instant(),
            event.requestedBy()))
        .onFailure(e -> LOG.warn("CertificateRevoked for unrecorded serial {} not sent either: {}",
            event.serialNumber(), e.toString()));
    return revoked.transform(x -> Future.failedFuture(new EventNotAcknowledgedException("CertificateIssued", cause)));
  }
}
