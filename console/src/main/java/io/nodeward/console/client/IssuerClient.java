package io.nodeward.console.client;

import io.nodeward.console.domain.Certificate;
import io.nodeward.console.domain.Node;
import io.nodeward.console.domain.Page;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The issuer API (see /work/team/contracts/issuer-api.md), called with the user's own access token. */
public final class IssuerClient {

  /** Filters and position of one inventory page; null fields are left out. */
  public record CertificateQuery(String nodeId, String status, String cursor, int limit) {
  }

  /** A PKCS#12 bundle the issuer made, and the serial of the certificate in it. */
  public record Pkcs12(String serialNumber, String fileName, Buffer bytes) {
    @Override
    public String toString() {
      return "Pkcs12[" + serialNumber + "]";
    }
  }

  private static final String PKCS12 = "application/x-pkcs12";

  private final ApiClient api;

  public IssuerClient(ApiClient api) {
    this.api = api;
  }

  public ApiClient api() {
    return api;
  }

  public Future<Page<Node>> nodes(String token, String cursor, int limit) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("limit", Integer.toString(limit));
    if (cursor != null) {
      query.add("cursor", cursor);
    }
    return api.json(api.get("/v1/nodes", token, query).send())
        .map(body -> page(body, "nodes", IssuerClient::node));
  }

  /** Every node the user may see, all pages walked (nodes are few per person; admins see a bounded number). */
  public Future<List<Node>> allNodes(String token) {
    return allNodes(token, null, new ArrayList<>(), 0);
  }

  private Future<List<Node>> allNodes(String token, String cursor, List<Node> sofar, int pages) {
    return nodes(token, cursor, 500).compose(page -> {
      sofar.addAll(page.items());
      return page.hasMore() && pages < 20 ? allNodes(token, page.nextCursor(), sofar, pages + 1) : Future.succeededFuture(sofar);
    });
  }

  public Future<Node> node(String token, String nodeId) {
    return api.json(api.get("/v1/nodes/" + segment(nodeId), token, null).send()).map(IssuerClient::node);
  }

  public Future<Page<Certificate>> certificates(String token, CertificateQuery q) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("limit", Integer.toString(q.limit()));
    putIfSet(query, "nodeId", q.nodeId());
    putIfSet(query, "status", q.status());
    putIfSet(query, "cursor", q.cursor());
    return api.json(api.get("/v1/certificates", token, query).send())
        .map(body -> page(body, "certificates", IssuerClient::certificate));
  }

  public Future<Certificate> certificate(String token, String serial) {
    return api.json(api.get("/v1/certificates/" + segment(serial), token, null).send()).map(IssuerClient::certificate);
  }

  public Future<Certificate> revoke(String token, String serial, String reason) {
    return api.json(api.request(HttpMethod.POST, "/v1/certificates/" + segment(serial) + "/revoke", token)
            .sendJsonObject(new JsonObject().put("reason", reason)))
        .map(IssuerClient::certificate);
  }

  /** A certificate for the caller's CSR: the key stays with the caller; the answer carries the chain. */
  public Future<Certificate> issueForCsr(String token, String nodeId, String csrPem, Integer validityHours) {
    JsonObject body = new JsonObject().put("nodeId", nodeId).put("csrPem", csrPem);
    if (validityHours != null) {
      body.put("validityHours", validityHours);
    }
    return api.json(api.request(HttpMethod.POST, "/v1/certificates", token).sendJsonObject(body))
        .map(IssuerClient::certificate);
  }

  /** A server-generated key and its certificate as a PKCS#12 bundle protected by the user's password. */
  public Future<Pkcs12> issuePkcs12(String token, String nodeId, String keyAlgorithm, String password, Integer validityHours) {
    JsonObject body = new JsonObject().put("nodeId", nodeId).put("pkcs12Password", password);
    if (keyAlgorithm != null) {
      body.put("keyAlgorithm", keyAlgorithm);
    }
    if (validityHours != null) {
      body.put("validityHours", validityHours);
    }
    return api.answered(api.request(HttpMethod.POST, "/v1/certificates", token).putHeader("Accept", PKCS12).sendJsonObject(body))
        .map(response -> new Pkcs12(response.getHeader("X-Nodeward-Serial"), nodeId + ".p12", response.body()));
  }

  public Future<Node> provision(String token, String nodeId, String ownerUserId, String upstreamUrl) {
    return api.json(api.request(HttpMethod.POST, "/v1/admin/nodes", token).sendJsonObject(new JsonObject()
            .put("nodeId", nodeId).put("ownerUserId", ownerUserId).put("upstreamUrl", upstreamUrl)))
        .map(IssuerClient::node);
  }

  public Future<Void> deprovision(String token, String nodeId) {
    return api.answered(api.request(HttpMethod.DELETE, "/v1/admin/nodes/" + segment(nodeId), token).send()).mapEmpty();
  }

  private static <T> Page<T> page(JsonObject body, String field, Function<JsonObject, T> item) {
    JsonArray array = body.getJsonArray(field, new JsonArray());
    List<T> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(item.apply(array.getJsonObject(i)));
    }
    return new Page<>(items, body.getString("nextCursor"));
  }

  static Node node(JsonObject json) {
    return new Node(json.getString("nodeId"), json.getString("ownerUserId"), json.getString("upstreamUrl"),
        instant(json.getString("provisionedAt")));
  }

  static Certificate certificate(JsonObject json) {
    return new Certificate(json.getString("serialNumber"), json.getString("nodeId"), json.getString("userId"),
        json.getString("status"), instant(json.getString("notBefore")), instant(json.getString("notAfter")),
        instant(json.getString("issuedAt")), json.getString("keyAlgorithm"), json.getString("keySource"),
        json.getString("caBackend"), json.getString("fingerprintSha256"), json.getString("revocationReason"),
        instant(json.getString("revokedAt")), json.getString("certificatePem"), json.getString("certificateChainPem"));
  }

  static Instant instant(String value) {
    return value == null ? null : Instant.parse(value);
  }

  private static void putIfSet(MultiMap query, String name, String value) {
    if (value != null && !value.isBlank()) {
      query.add(name, value);
    }
  }

  /** Path segments the console builds from what a person typed or a page linked: always encoded. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
