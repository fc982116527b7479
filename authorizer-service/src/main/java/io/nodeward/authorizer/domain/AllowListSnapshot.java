package io.nodeward.authorizer.domain;

import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.EventData;
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import java.util.List;

/**
 * One immutable, consistent view of the allow-list: certificates by serial and provisioned nodes by id.
 * The live list swaps whole snapshots atomically, so a decision never sees half of a batch.
 */
public final class AllowListSnapshot {

  public static final AllowListSnapshot EMPTY = new AllowListSnapshot(ShardedMap.empty(), ShardedMap.empty());

  private final ShardedMap<String, CertificateRecord> certificates;
  private final ShardedMap<String, NodeRecord> nodes;

  private AllowListSnapshot(ShardedMap<String, CertificateRecord> certificates, ShardedMap<String, NodeRecord> nodes) {
    this.certificates = certificates;
    this.nodes = nodes;
  }

  public CertificateRecord certificate(String serial) {
    return serial == null ? null : certificates.get(serial);
  }

  public NodeRecord node(String nodeId) {
    return nodeId == null ? null : nodes.get(nodeId);
  }

  public int certificateCount() {
    return certificates.size();
  }

  public int nodeCount() {
    return nodes.size();
  }

  /** A new snapshot with the events applied in order; events of other types are ignored. */
  public AllowListSnapshot apply(List<? extends EventData> events) {
    if (events.isEmpty()) {
      return this;
    }
    ShardedMap.Editor<String, CertificateRecord> certs = certificates.edit();
    ShardedMap.Editor<String, NodeRecord> nodeEdits = nodes.edit();
    for (EventData event : events) {
      if (event instanceof CertificateIssued issued) {
        CertificateRecord known = certs.get(issued.serialNumber());
        // Revocation is terminal: a replayed or late "issued" record never brings a certificate back.
        if (known == null || !known.revoked()) {
          certs.put(issued.serialNumber(), new CertificateRecord(issued.serialNumber(), issued.userId(),
              issued.nodeId(), issued.notBefore(), issued.notAfter(), issued.fingerprintSha256(), false));
        }
      } else if (event instanceof CertificateRevoked revoked) {
        certs.put(revoked.serialNumber(), new CertificateRecord(revoked.serialNumber(), revoked.userId(),
            revoked.nodeId(), revoked.notBefore(), revoked.notAfter(), revoked.fingerprintSha256(), true));
      } else if (event instanceof NodeProvisioned provisioned) {
        nodeEdits.put(provisioned.nodeId(),
            new NodeRecord(provisioned.nodeId(), provisioned.ownerUserId(), provisioned.upstreamUrl()));
      } else if (event instanceof NodeDeprovisioned deprovisioned) {
        nodeEdits.remove(deprovisioned.nodeId());
      }
    }
    return new AllowListSnapshot(certs.build(), nodeEdits.build());
  }

  public AllowListSnapshot apply(EventData event) {
    return apply(List.of(event));
  }
}
