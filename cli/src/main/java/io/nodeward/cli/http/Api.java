package io.nodeward.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One nodeward HTTP API (issuer, audit) as the user calls it: JSON in and out, the user's own access token as
 * Bearer (renewed once if the server answers 401), and refusals turned into their problem code.
 */
public final class Api {

  private final Http http;
  private final URI base;
  private final String service;
  private final Bearer bearer;

  /** {@code bearer} null: public routes only (the CA chain, the CRL) or mutual TLS. */
  public Api(Http http, URI base, String service, Bearer bearer) {
    this.http = http;
    this.base = base;
    this.service = service;
    this.bearer = bearer;
  }

  public String service() {
    return service;
  }

  public URI uri(String pathAndQuery) {
    String root = base.toString();
    return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery);
  }

  public JsonNode get(String pathAndQuery) {
    return json(exchange(Http.Request.get(uri(pathAndQuery)).header("Accept", "application/json")));
  }

  public JsonNode post(String path, JsonNode body) {
    return json(exchange(Http.Request.of("POST", uri(path), Json.write(body).getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", "application/json").header("Accept", "application/json")));
  }

  public JsonNode delete(String path) {
    return json(exchange(Http.Request.of("DELETE", uri(path), null).header("Accept", "application/json")));
  }

  /** A text answer (signed notes, keys, PEM) asked for with the given Accept. */
  public String text(String pathAndQuery, String accept) {
    return new String(bytes(pathAndQuery, accept), StandardCharsets.UTF_8);
  }

  /** A binary answer (DER) asked for with the given Accept. */
  public byte[] bytes(String pathAndQuery, String accept) {
    return exchange(Http.Request.get(uri(pathAndQuery)).header("Accept", accept)).body();
  }

  /** A streamed answer (exports), read without a timeout; the caller closes it. */
  public InputStream stream(String pathAndQuery, String accept) {
    return exchange(Http.Request.get(uri(pathAndQuery)).header("Accept", accept).streamed()).stream();
  }

  private Http.Response exchange(Http.Request request) {
    Http.Response response = http.send(authorized(request, bearer == null ? null : bearer.token()), service);
    if (response.status() == 401 && bearer != null) {
      // The token may have been revoked or the pool's key rotated since it was minted: one try with a fresh one.
      response = http.send(authorized(request, bearer.renewed()), service);
    }
    if (response.status() / 100 != 2) {
      throw Problem.from(service, response.status(), response.contentType(), response.body());
    }
    return response;
  }

  private static Http.Request authorized(Http.Request request, String token) {
    return token == null ? request : request.withHeader("Authorization", "Bearer " + token);
  }

  private JsonNode json(Http.Response response) {
    if (response.body().length == 0) {
      return Json.object();
    }
    return Json.parse(response.text(), "The " + service + "'s answer");
  }
}
