package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateIssuance;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.Propagation;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The API's JSON shapes: the contract the console and the CLI build on. */
final class Representations {

  private Representations() {
  }

  static JsonObject node(Node node) {
    return new JsonObject()
        .put("nodeId", node.nodeId())
        .put("ownerUserId", node.ownerUserId())
        .put("upstreamUrl", node.upstreamUrl())
        .put("provisionedAt", node.provisionedAt().toString());
  }

  /** {@code {confirmedBy: [...], pending: [...]}}: which live authorizer instances applied a change. */
  static JsonObject propagation(Propagation propagation) {
    return new JsonObject()
        .put("confirmedBy", new io.vertx.core.json.JsonArray(propagation.confirmedBy()))
        .put("pending", new io.vertx.core.json.JsonArray(propagation.pending()));
  }

  static JsonObject certificate(CertificateRecord c, Instant now) {
    JsonObject json = new JsonObject()
        .put("serialNumber", c.serialNumber())
        .put("nodeId", c.nodeId())
        .put("userId", c.userId())
        .put("status", c.status(now).name().toLowerCase());
    putIfSet(json, "notBefore", c.notBefore());
    putIfSet(json, "notAfter", c.notAfter());
    putIfSet(json, "issuedAt", c.issuedAt());
    putIfSet(json, "keyAlgorithm", c.keyAlgorithm());
    putIfSet(json, "keySource", c.keySource());
    putIfSet(json, "caBackend", c.caBackend());
    putIfSet(json, "fingerprintSha256", c.fingerprintSha256());
    putIfSet(json, "requestedBy", c.requestedBy());
    putIfSet(json, "renews", c.renews());
    if (c.revocation() != null) {
      json.put("revocationReason", c.revocation().reason().name())
          .put("revokedAt", c.revocation().revokedAt().toString());
      putIfSet(json, "revokedBy", c.revocation().revokedBy());
    }
    return json;
  }

  /** The issuance answer; the private key appears only when it was generated here, and only in this response. */
  static JsonObject issued(CertificateIssuance.Issued issued) {
    JsonObject json = new JsonObject()
        .put("serialNumber", issued.event().serialNumber())
        .put("nodeId", issued.event().nodeId())
        .put("userId", issued.event().userId())
        .put("notBefore", issued.event().notBefore().toString())
        .put("notAfter", issued.event().notAfter().toString())
        .put("keyAlgorithm", issued.event().keyAlgorithm().name())
        .put("keySource", issued.event().keySource().name())
        .put("fingerprintSha256", issued.event().fingerprintSha256())
        .put("certificatePem", issued.event().certificatePem())
        .put("certificateChainPem", Pem.certificates(issued.certificate().chain()));
    if (issued.event().renews() != null) {
      json.put("renews", issued.event().renews());
    }
    if (issued.privateKey() != null) {
      json.put("privateKeyPem", privateKeyPem(issued.privateKey()));
    }
    return json;
  }

  /** PKCS#8 ("BEGIN PRIVATE KEY") for RSA and EC alike: what OpenSSL 3, curl and the JDK read without hints. */
  static String privateKeyPem(java.security.PrivateKey key) {
    try {
      return Pem.write(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IllegalStateException("could not encode the private key", e);
    }
  }

  private static void putIfSet(JsonObject json, String name, Object value) {
    if (value != null) {
      json.put(name, value.toString());
    }
  }
}
