package io.nodeward.issuer.app;

import io.nodeward.issuer.domain.CrlEntry;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** A CA back end that signs its own CRLs (the local CA; ACM PCA publishes its CRL itself). */
public interface CrlSigner {

  /** Blocking (signs): call from a worker. */
  X509CRL sign(Collection<CrlEntry> entries, Instant thisUpdate, Instant nextUpdate, BigInteger number);

  /**
   * Revocations recorded at the CA itself, including certificates withdrawn because Kafka never acknowledged
   * their issuance (so no CertificateRevoked may exist for them).
   */
  List<CrlEntry> caRevocations();

  /** Grows with every revocation recorded at the CA: change detection without copying the list. */
  int caRevocationCount();
}
