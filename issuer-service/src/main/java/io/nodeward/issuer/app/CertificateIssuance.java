package io.nodeward.issuer.app;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.Identifiers;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.ca.CertificateAuthority;
import io.nodeward.issuer.ca.IssuedCertificate;
import io.nodeward.issuer.ca.SigningRequest;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CertificateRequest;
import io.nodeward.issuer.domain.IssuancePolicy;
import io.nodeward.issuer.domain.IssuanceRefusedException;
import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.issuer.kafka.IssuerEvents;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issuing one certificate, step by step: validate → authorize (IssuancePolicy) → key material (CSR verified,
 * or a key generated on a worker) → CA signs → CertificateIssued acknowledged by Kafka → answer. A refusal is
 * recorded as IssuanceDenied. If Kafka does not acknowledge the issuance, the certificate is revoked at the
 * CA and the caller gets nothing: no certificate exists that the allow-list and the audit trail do not know.
 */
public final class CertificateIssuance {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateIssuance.class);

  /** The outcome handed to the caller; {@code privateKey} only when generated here. */
  public record Issued(IssuedCertificate certificate, CertificateIssued event, PrivateKey privateKey) {
  }

  private record Authorized(String requestId, CertificateRequest request, CertificateIdentity identity,
      ValidityWindow window) {
  }

  private final Vertx vertx;
  private final CertificateAuthority ca;
  private final CertificateProfile profile;
  private final IssuancePolicy policy;
  private final NodeRegistry nodes;
  private final IssuerEvents events;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CertificateIssuance(Vertx vertx, CertificateAuthority ca, CertificateProfile profile, NodeRegistry nodes,
      IssuerEvents events, Clock clock) {
    this.vertx = vertx;
    this.ca = ca;
    this.profile = profile;
    this.policy = new IssuancePolicy(profile);
    this.nodes = nodes;
    this.events = events;
    this.clock = clock;
  }

  public Future<Issued> issue(Principal principal, RawCertificateRequest raw) {
    String requestId = UUID.randomUUID().toString();
    return Future.<Authorized>future(p -> p.complete(authorize(principal, raw, requestId)))
        .compose(authorized -> keyMaterial(authorized)
            .compose(key -> sign(authorized, key).compose(issued -> record(principal, issued, key))))
        .recover(e -> e instanceof IssuanceRefusedException refused
            ? deny(principal, raw, requestId, refused)
            : Future.failedFuture(e));
  }

  private Authorized authorize(Principal principal, RawCertificateRequest raw, String requestId) {
    CertificateRequest request = raw.validate();
    Optional<Node> node = nodes.find(request.nodeId());
    Optional<IssuanceRefusal> refusal = policy.check(principal, node, request);
    if (refusal.isPresent()) {
      throw new IssuanceRefusedException(refusal.get(), policy.explain(refusal.get()));
    }
    // The certificate speaks for the node's owner, also when an admin asks for it.
    CertificateIdentity identity = new CertificateIdentity(profile.trustDomain(), node.get().ownerUserId(),
        request.nodeId());
    return new Authorized(requestId, request, identity, profile.window(clock.instant(), request.validity()));
  }

  private Future<KeyMaterial> keyMaterial(Authorized authorized) {
    CertificateRequest request = authorized.request();
    return vertx.executeBlocking(() -> request.clientKey()
        ? KeyMaterial.fromCsr(request.csrPem())
        : KeyMaterial.generate(request.keyAlgorithm(), random, ca.requiresCsr(), profile, authorized.identity()), false);
  }

  private Future<IssuedCertificate> sign(Authorized authorized, KeyMaterial key) {
    return ca.issue(new SigningRequest(authorized.requestId(), authorized.identity(), key.publicKey(), key.algorithm(),
            key.csr(), authorized.window()))
        .recover(e -> {
          LOG.warn("The {} CA did not sign request {}: {}", ca.backend(), authorized.requestId(), e.toString());
          return Future.failedFuture(new CaUnavailableException("sign", e));
        });
  }

  private Future<Issued> record(Principal principal, IssuedCertificate issued, KeyMaterial key) {
    CertificateIdentity identity = identityOf(issued);
    CertificateIssued event = new CertificateIssued(issued.serialHex(), identity.userId(), identity.nodeId(), issued.certificate().getNotBefore().toInstant(),
        issued.certificate().getNotAfter().toInstant(), key.algorithm(), key.source(), issued.backend(),
        issued.fingerprintSha256(), Pem.write(issued.certificate()), clock.instant(), principal.userId());
    return events.publish(event)
        .map(published -> new Issued(issued, event, key.privateKey()))
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
  private Future<Issued> withdraw(CertificateIssued event, Throwable cause) {
    LOG.warn("CertificateIssued for serial {} was not acknowledged ({}); revoking it at the CA", event.serialNumber(),
        cause.toString());
    Future<Void> revoked = ca.revoke(event.serialNumber(), RevocationReason.CESSATION_OF_OPERATION)
        .onFailure(e -> LOG.error("Could not revoke unrecorded certificate {} at the CA", event.serialNumber(), e));
    events.publish(new CertificateRevoked(event.serialNumber(), event.userId(), event.nodeId(), event.notBefore(),
            event.notAfter(), event.fingerprintSha256(), RevocationReason.CESSATION_OF_OPERATION, clock.instant(),
            event.requestedBy()))
        .onFailure(e -> LOG.warn("CertificateRevoked for unrecorded serial {} not sent either: {}",
            event.serialNumber(), e.toString()));
    return revoked.transform(x -> Future.failedFuture(new EventNotAcknowledgedException("CertificateIssued", cause)));
  }

  private Future<Issued> deny(Principal principal, RawCertificateRequest raw, String requestId,
      IssuanceRefusedException refused) {
    if (!Identifiers.isUserId(principal.userId())) {
      return Future.failedFuture(refused);
    }
    IssuanceDenied denied = new IssuanceDenied(requestId, principal.userId(), raw.safeNodeId(), refused.reason(),
        refused.detail(), clock.instant());
    return events.publish(denied)
        .onFailure(e -> LOG.warn("IssuanceDenied {} not recorded: {}", requestId, e.toString()))
        .transform(x -> Future.failedFuture(refused));
  }
}
