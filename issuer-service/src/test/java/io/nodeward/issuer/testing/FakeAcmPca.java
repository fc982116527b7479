package io.nodeward.issuer.testing;

import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.issuer.app.SigningRequest;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CsrInspector;
import io.nodeward.issuer.domain.InspectedCsr;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server speaking the ACM PCA JSON 1.1 protocol (POST /, X-Amz-Target: ACMPrivateCA.*), signing with a
 * real {@link LocalCa}. Like the real service it issues asynchronously (GetCertificate answers
 * RequestInProgressException a few times), honours idempotency tokens and can be made to throttle.
 */
public final class FakeAcmPca {

  public static final String CA_ARN = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555";

  public record Call(String operation, JsonObject body, String authorization) {
  }

  private final Vertx vertx;
  private final LocalCa signer;
  private final CertificateProfile profile;
  private HttpServer server;
  public final List<Call> calls = new CopyOnWriteArrayList<>();
  public final Map<String, String> arnByToken = new ConcurrentHashMap<>();
  public final Map<String, String> pemByArn = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> pollsLeftByArn = new ConcurrentHashMap<>();
  public final Set<String> revokedSerials = ConcurrentHashMap.newKeySet();
  public final AtomicInteger certificatesSigned = new AtomicInteger();
  /** How many GetCertificate polls answer RequestInProgressException before the certificate is ready. */
  public volatile int pollsBeforeReady = 2;
  /** The next N IssueCertificate calls are processed but answered with ThrottlingException (a lost response). */
  public final AtomicInteger throttleIssueAfterProcessing = new AtomicInteger();

  public FakeAcmPca(Vertx vertx, LocalCa signer, CertificateProfile profile) {
    this.vertx = vertx;
    this.signer = signer;
    this.profile = profile;
  }

  public Future<Integer> start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      String target = request.getHeader("X-Amz-Target");
      if (!"POST".equals(request.method().name()) || target == null || !target.startsWith("ACMPrivateCA.")
          || !request.getHeader("Content-Type").startsWith("application/x-amz-json-1.1")) {
        error(request, 400, "InvalidRequestException", "not an ACM PCA JSON request");
        return;
      }
      String operation = target.substring("ACMPrivateCA.".length());
      JsonObject json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
      calls.add(new Call(operation, json, request.getHeader("Authorization")));
      if (!CA_ARN.equals(json.getString("CertificateAuthorityArn"))) {
        error(request, 400, "ResourceNotFoundException", "no such CA");
        return;
      }
      switch (operation) {
        case "IssueCertificate" -> issue(request, json);
        case "GetCertificate" -> get(request, json);
        case "RevokeCertificate" -> revoke(request, json);
        case "GetCertificateAuthorityCertificate" ->
            ok(request, new JsonObject().put("Certificate", Pem.certificates(signer.caChain())));
        default -> error(request, 400, "InvalidRequestException", "unsupported operation");
      }
    });
  }

  private void issue(HttpServerRequest request, JsonObject json) {
    String token = json.getString("IdempotencyToken");
    String arn = token == null ? null : arnByToken.get(token);
    if (arn == null) {
      arn = CA_ARN + "/certificate/" + UUID.randomUUID().toString().replace("-", "");
      pemByArn.put(arn, sign(json));
      pollsLeftByArn.put(arn, new AtomicInteger(pollsBeforeReady));
      if (token != null) {
        arnByToken.put(token, arn);
      }
    }
    if (throttleIssueAfterProcessing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      error(request, 400, "ThrottlingException", "Rate exceeded");
      return;
    }
    ok(request, new JsonObject().put("CertificateArn", arn));
  }

  /** Signs like an APIPassthrough template: the subject key from the CSR, the identity from ApiPassthrough. */
  private String sign(JsonObject json) {
    String csrPem = new String(Base64.getDecoder().decode(json.getString("Csr")), StandardCharsets.UTF_8);
    InspectedCsr csr = CsrInspector.inspect(csrPem);
    JsonObject passthrough = json.getJsonObject("ApiPassthrough");
    JsonArray sans = passthrough.getJsonObject("Extensions").getJsonArray("SubjectAlternativeNames");
    CertificateIdentity identity = CertificateIdentity.parse(sans.getJsonObject(0).getString("UniformResourceIdentifier"))
        .orElseThrow();
    ValidityWindow window = new ValidityWindow(
        Instant.ofEpochSecond(json.getJsonObject("ValidityNotBefore").getLong("Value")),
        Instant.ofEpochSecond(json.getJsonObject("Validity").getLong("Value")));
    KeyAlgorithm algorithm = csr.keyAlgorithm();
    certificatesSigned.incrementAndGet();
    return Pem.write(signer.sign(new SigningRequest("fake", identity, csr.publicKey(), algorithm, null, window))
        .certificate());
  }

  private void get(HttpServerRequest request, JsonObject json) {
    String arn = json.getString("CertificateArn");
    String pem = pemByArn.get(arn);
    if (pem == null) {
      error(request, 400, "ResourceNotFoundException", "no such certificate");
    } else if (pollsLeftByArn.get(arn).getAndDecrement() > 0) {
      error(request, 400, "RequestInProgressException", "The request is still in progress");
    } else {
      ok(request, new JsonObject().put("Certificate", pem).put("CertificateChain", Pem.certificates(signer.caChain())));
    }
  }

  private void revoke(HttpServerRequest request, JsonObject json) {
    String serial = json.getString("CertificateSerial");
    if (!revokedSerials.add(serial)) {
      error(request, 400, "RequestAlreadyProcessedException", "already revoked");
      return;
    }
    ok(request, new JsonObject());
  }

  private static void ok(HttpServerRequest request, JsonObject body) {
    request.response().putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("x-amzn-RequestId", UUID.randomUUID().toString()).end(body.encode());
  }

  private static void error(HttpServerRequest request, int status, String type, String message) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .end(new JsonObject().put("__type", type).put("message", message).encode());
  }

  public CertificateProfile profile() {
    return profile;
  }
}
