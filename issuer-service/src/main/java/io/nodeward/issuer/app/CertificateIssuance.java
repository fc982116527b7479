package io.nodeward.issuer.app;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.Identifiers;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CertificateRequest;
import io.nodeward.issuer.domain.IssuancePolicy;
import io.nodeward.issuer.domain.IssuanceRefusedException;
import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.kit.auth.Principal;
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
 * or a key generated on a worker) → CA signs → CertificateIssued acknowledged by Kafka → answer
 * ({@link IssuanceSteps}). A refusal is recorded as IssuanceDenied.
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
  private final IssuanceSteps steps;
  private final RateLimits limits;
  private final CertificateProfile profile;
  private final IssuancePolicy policy;
  private final NodeRegistry nodes;
  private final EventLog events;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CertificateIssuance(Vertx vertx, CertificateAuthority ca, CertificateProfile profile, NodeRegistry nodes,
      EventLog events, RateLimits limits, Clock clock) {
    this.vertx = vertx;
    this.ca = ca;
    this.steps = new IssuanceSteps(ca, events, clock);
    this.limits = limits;
    this.profile = profile;
    this.policy = new IssuancePolicy(profile);
    this.nodes = nodes;
    this.events = events;
    this.clock = clock;
  }

  public Future<Issued> issue(Principal principal, RawCertificateRequest raw) {
    String requestId = UUID.randomUUID().toString();
    return limits.issuance(principal.userId())
        .compose(allowed -> Future.<Authorized>future(p -> p.complete(authorize(principal, raw, requestId))))
        .compose(authorized -> keyMaterial(authorized)
            .compose(key -> steps.sign(authorized.requestId(), authorized.identity(), key, authorized.window())
                .compose(issued -> steps.record(principal.userId(), issued, key, null))))
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

  private Future<Issued> deny(Principal principal, RawCertificateRequest raw, String requestId,
      IssuanceRefusedException refused) {
    if (!Identifiers.isUserId(principal.userId())) {
      return Future.failedFuture(refused);
    }
    IssuanceDenied denied = new IssuanceDenied(requestId, principal.userId(), raw.safeNodeId(), refused.reason(),
        refused.detail(), clock.instant());
    return events.append(denied)
        .onFailure(e -> LOG.warn("IssuanceDenied {} not recorded: {}", requestId, e.toString()))
        .transform(x -> Future.failedFuture(refused));
  }
}
