package io.nodeward.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One nodeward HTTP API (issuer, audit) as the user calls it: JSON in and out, the user's own access token as
 * Bearer (renewed once if the server answers 401), and refusals turned into their problem code.
 */
public final class Api {

  private static final int MAX_PROBLEM_BYTES = 64 * 1024;

  private final Http http;
  private final URI base;
  private final String service;
  private final Bearer bearer;

  /** {@code bearer} null: public routes only (the CA chain, the CRL). */
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
    return json(exchange(builder(pathAndQuery, "application/json").GET(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  public JsonNode post(String path, JsonNode body) {
    HttpRequest.Builder request = builder(path, "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
    return json(exchange(request, HttpResponse.BodyHandlers.ofByteArray()));
  }

  public JsonNode delete(String path) {
    return json(exchange(builder(path, "application/json").DELETE(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  /** A text answer (signed notes, keys, PEM) asked for with the given Accept. */
  public String text(String pathAndQuery, String accept) {
    return new String(bytes(pathAndQuery, accept), StandardCharsets.UTF_8);
  }

  /** A binary answer (DER) asked for with the given Accept. */
  public byte[] bytes(String pathAndQuery, String accept) {
    return exchange(builder(pathAndQuery, accept).GET(), HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  /** A streamed answer (exports), without a request timeout; the caller closes the stream. */
  public HttpResponse<InputStream> stream(String pathAndQuery, String accept) {
    HttpRequest.Builder request = http.streamingRequest(uri(pathAndQuery)).header("Accept", accept).GET();
    return exchange(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpRequest.Builder builder(String pathAndQuery, String accept) {
    return http.request(uri(pathAndQuery)).header("Accept", accept);
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    Function<String, HttpRequest> withToken = token -> {
      HttpRequest.Builder copy = request.copy();
      if (token != null) {
        copy.setHeader("Authorization", "Bearer " + token);
      }
      return copy.build();
    };
    HttpResponse<T> response = http.send(withToken.apply(bearer == null ? null : bearer.token()), handler, service);
    if (response.statusCode() == 401 && bearer != null) {
      // The token may have been revoked or the pool's key rotated since it was minted: one try with a fresh one.
      discard(response.body());
      response = http.send(withToken.apply(bearer.renewed()), handler, service);
    }
    if (response.statusCode() / 100 != 2) {
      throw Problem.from(service, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          problemBody(response.body()));
    }
    return response;
  }

  private JsonNode json(HttpResponse<byte[]> response) {
    if (response.body().length == 0) {
      return Json.object();
    }
    return Json.parse(new String(response.body(), StandardCharsets.UTF_8), "The " + service + "'s answer");
  }

  private static byte[] problemBody(Object body) {
    if (body instanceof byte[] bytes) {
      return bytes;
    }
    if (body instanceof InputStream in) {
      try (in) {
        return in.readNBytes(MAX_PROBLEM_BYTES);
      } catch (IOException e) {
        return new byte[0];
      }
    }
    return new byte[0];
  }

  private static void discard(Object body) {
    if (body instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException ignored) {
        // the answer is thrown away anyway
      }
    }
  }
}
