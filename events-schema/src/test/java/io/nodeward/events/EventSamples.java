package io.nodeward.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fixed, realistic sample of every event type: the golden files are these, encoded. */
final class EventSamples {

  static final Instant T = Instant.parse("2026-11-24T10:15:30Z");
  static final String USER = "3f9c2a1e-7b4d-4c8e-9a0f-2d6b8e1c5a73";
  static final String NODE = "demo-node-1";
  static final String SERIAL = "5c1e0f9a7b3d2c48e6f1a0b9c8d7e6f5a4b3c2d1";
  static final String FP = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUXB4PmnsdLEjm8aC5yNfm9aSzwtEwCgYIKoZIzj0EAwIw\nFzEVMBMGA1UEAwwMbm9kZXdhcmQgQ0EwHhcNMjYxMTI0MTAxNTMwWhcNMjYxMjAx\n-----END CERTIFICATE-----\n";

  private EventSamples() {
  }

  static List<CloudEvent<?>> all() {
    return List.of(
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a01", "/nodeward/issuer",
            new NodeProvisioned(NODE, USER, "http://127.0.0.1:9000", T, "admin")),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a02", "/nodeward/issuer",
            new NodeDeprovisioned(NODE, USER, T.plusSeconds(3600), "admin")),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a03", "/nodeward/issuer",
            new CertificateIssued(SERIAL, USER, NODE, T, T.plusSeconds(7 * 86400), KeyAlgorithm.RSA_2048,
                KeySource.SERVER_GENERATED, CaBackend.LOCAL, FP, PEM, T, USER)),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a04", "/nodeward/issuer",
            new CertificateRevoked(SERIAL, USER, NODE, T, T.plusSeconds(7 * 86400), FP,
                RevocationReason.KEY_COMPROMISE, T.plusSeconds(60), USER)),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a05", "/nodeward/issuer",
            new IssuanceDenied("req-7c2f", USER, "other-node", IssuanceRefusal.NOT_OWNER,
                "node other-node belongs to another user", T)),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a06", "/nodeward/authorizer/gw-1",
            new AccessDecided("d-8a1b", SERIAL, USER, NODE, NODE, "GET", "/nodes/demo-node-1/status",
                Effect.ALLOW, DecisionReason.ALLOWED, "127.0.0.1", "TLSv1.3", T, "gw-1")),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a07", "/nodeward/audit",
            new AuditCheckpoint(42, FP, T, "audit-key-1", "SHA256withECDSA", "MEUCIQDk")),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a08", "/nodeward/authorizer/gw-1",
            new AuthorizerStatus("gw-1", T.minusSeconds(600), T, AuthorizerStatus.State.RUNNING, true, 250, List.of(
                new AuthorizerStatus.AppliedOffset("nodeward.nodes.v1", 0, 12),
                new AuthorizerStatus.AppliedOffset("nodeward.certificates.v1", 0, 340),
                new AuthorizerStatus.AppliedOffset("nodeward.certificates.v1", 1, 0)))),
        event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a09", "/nodeward/audit/audit-1",
            new AuditLogCheckpoint("nodeward.local/audit", 8, "XcnaeacGWamtVZy3Ad7Zoqudgjqt L0lgz+Nw7/RgQyg=".replace(" ", ""),
                "nodeward.local/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u2014 nodeward.local/audit "
                    + "J7EHQbH0lO+l1ERNmZUM1mMxZaPbtEaFm0QxlFKzcgOgfnWOkuuZOkrZGbqA8r3ZydfTKAL28iZWlh8G9q1ZBFXP4wo=\n")),
        event("0b5c2d0e-52a4-5b6a-9a0c-3f1e2d4c5b6a", "/nodeward/audit/nodeward-audit",
            new EventRejected("nodeward.nodes.v1", 2, 1041, RejectionReason.UNSIGNED, "the event carries no signature",
                "6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a10", "/nodeward/issuer/issuer-1", "io.nodeward.node.provisioned.v1",
                FP, T)));
  }

  /** Further samples of a type whose shape differs enough to pin it too, by a name of their own. */
  static Map<String, CloudEvent<?>> variants() {
    return Map.of(
        "handshake-refusal", event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a09", "/nodeward/authorizer/gw-1",
            new AccessDecided("d-9c2e", null, null, null, null, "OTHER", "", Effect.DENY, DecisionReason.UNTRUSTED_CA,
                "203.0.113.9", null, T, "gw-1", DecisionOrigin.HANDSHAKE, null, 17, FP, "CN=some other CA",
                "CN=demo-node-1,UID=" + USER)),
        "authorize-api", event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a0a", "/nodeward/authorizer/gw-1",
            new AccessDecided("d-4e7f", SERIAL, USER, NODE, NODE, "GET", "/nodes/demo-node-1/status", Effect.ALLOW,
                DecisionReason.ALLOWED, "198.51.100.4", null, T, "gw-1", DecisionOrigin.AUTHORIZE_API,
                "spiffe://nodeward.local/service/lambda-authorizer", null, null, null, null)));
  }

  /** A certificate issued by renewal: names the serial it renews. */
  static CloudEvent<CertificateIssued> renewal() {
    return event("6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a08", "/nodeward/issuer",
        new CertificateIssued("7d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e", USER, NODE, T.plusSeconds(86400),
            T.plusSeconds(8 * 86400), KeyAlgorithm.EC_P256, KeySource.CLIENT_CSR, CaBackend.LOCAL, FP, PEM,
            T.plusSeconds(86400), USER, SERIAL));
  }

  private static <T extends EventData> CloudEvent<T> event(String id, String source, T data) {
    return new CloudEvent<>(id, source, EventType.of(data), T, data);
  }
}
