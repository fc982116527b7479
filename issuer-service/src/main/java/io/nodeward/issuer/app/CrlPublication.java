package io.nodeward.issuer.app;

import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.CrlEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRL relying parties outside the gateway fetch: every revoked certificate that has not expired, from the
 * certificates topic (so revocations made by other issuer instances are in it) and from the CA's own records
 * (certificates withdrawn because Kafka never acknowledged them). Rebuilt on a worker within a poll interval
 * of any new revocation, and well before {@code nextUpdate}, so a cached copy is never stale for long.
 */
public final class CrlPublication {

  private static final Logger LOG = LoggerFactory.getLogger(CrlPublication.class);
  /** How often to look for new revocations; rebuilding takes about a millisecond per thousand entries. */
  static final long POLL_MILLIS = 200;

  /** A signed CRL in both encodings relying parties ask for. */
  public record Published(byte[] der, String pem, BigInteger number, Instant thisUpdate, Instant nextUpdate) {
  }

  private final Vertx vertx;
  private final CrlSigner signer;
  private final CertificateRegistry certificates;
  private final Duration validity;
  private final Duration maxCertificateValidity;
  private final Clock clock;
  private final AtomicBoolean building = new AtomicBoolean();
  private volatile Published current;
  private volatile long seenRegistryRevocations = -1;
  private volatile int seenCaRevocations = -1;
  private long timer = -1;

  private CrlPublication(Vertx vertx, CrlSigner signer, CertificateRegistry certificates, Duration validity,
      Duration maxCertificateValidity, Clock clock) {
    this.vertx = vertx;
    this.signer = signer;
    this.certificates = certificates;
    this.validity = validity;
    this.maxCertificateValidity = maxCertificateValidity;
    this.clock = clock;
  }

  /** Builds the first CRL, then keeps it current until {@link #close()}. */
  public static Future<CrlPublication> start(Vertx vertx, CrlSigner signer, CertificateRegistry certificates,
      Duration validity, Duration maxCertificateValidity, Clock clock) {
    CrlPublication publication = new CrlPublication(vertx, signer, certificates, validity, maxCertificateValidity, clock);
    return publication.rebuild().map(v -> {
      publication.timer = vertx.setPeriodic(POLL_MILLIS, id -> publication.refreshIfDue());
      return publication;
    });
  }

  public Published current() {
    return current;
  }

  private void refreshIfDue() {
    Published now = current;
    boolean changed = certificates.revocationsApplied() != seenRegistryRevocations
        || signer.caRevocationCount() != seenCaRevocations;
    // Halfway to nextUpdate: a relying party that fetched just now still gets a fresh list in time.
    boolean aging = now == null || clock.instant().isAfter(now.thisUpdate().plus(validity.dividedBy(2)));
    if ((changed || aging) && !building.get()) {
      rebuild();
    }
  }

  private Future<Void> rebuild() {
    if (!building.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    long registryRevocations = certificates.revocationsApplied();
    int caRevocations = signer.caRevocationCount();
    return vertx.executeBlocking(this::build, false)
        .onSuccess(published -> {
          current = published;
          seenRegistryRevocations = registryRevocations;
          seenCaRevocations = caRevocations;
        })
        .onFailure(e -> LOG.error("Could not build the CRL; serving the previous one", e))
        .onComplete(x -> building.set(false))
        .mapEmpty();
  }

  private Published build() throws CRLException {
    Instant thisUpdate = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant nextUpdate = thisUpdate.plus(validity);
    // Strictly increasing across rebuilds of one instance; milliseconds keep instances roughly in step.
    BigInteger number = BigInteger.valueOf(Math.max(clock.millis(),
        current == null ? 0 : current.number().longValue() + 1));
    X509CRL crl = signer.sign(entries(thisUpdate), thisUpdate, nextUpdate, number);
    byte[] der = crl.getEncoded();
    String pem = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END X509 CRL-----\n";
    return new Published(der, pem, number, thisUpdate, nextUpdate);
  }

  /**
   * Revocations from the log first (they carry notAfter, so expired ones are left out, RFC 5280 §3.3); then the
   * CA's own, whose expiry is unknown here: kept while a certificate revoked then could still be valid.
   */
  List<CrlEntry> entries(Instant now) {
    Map<String, CrlEntry> bySerial = new LinkedHashMap<>();
    certificates.revokedUnexpired(now).forEach(c -> bySerial.put(c.serialNumber(),
        new CrlEntry(c.serialNumber(), c.revocation().revokedAt(), c.revocation().reason())));
    Instant oldestUseful = now.minus(maxCertificateValidity);
    for (CrlEntry entry : signer.caRevocations()) {
      // A serial the log knows is decided by the log (it may have expired); the rest are withdrawn issuances.
      boolean knownToTheLog = certificates.find(entry.serialHex()).isPresent();
      if (!knownToTheLog && entry.revokedAt().isAfter(oldestUseful)) {
        bySerial.put(entry.serialHex(), entry);
      }
    }
    return List.copyOf(bySerial.values());
  }

  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}
