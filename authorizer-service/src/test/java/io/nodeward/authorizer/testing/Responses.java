package io.nodeward.authorizer.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** One HTTP exchange as the tests look at it. */
public record Responses(int status, String contentType, JsonObject json, HttpConnection connection) {

  public static Future<Responses> send(HttpClient client, int port, HttpMethod method, String uri, MultiMap headers) {
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(method).setURI(uri);
    if (headers != null) {
      options.setHeaders(headers);
    }
    return client.request(options).compose(request -> request.send().compose(response -> response.body()
        .map(body -> new Responses(response.statusCode(), response.getHeader("content-type"),
            body.length() == 0 ? new JsonObject() : body.toJsonObject(), request.connection()))));
  }

  public static Future<Responses> get(HttpClient client, int port, String uri) {
    return send(client, port, HttpMethod.GET, uri, null);
  }

  public String code() {
    return json.getString("code");
  }

  public JsonObject echoedHeaders() {
    return json.getJsonObject("headers");
  }
}
