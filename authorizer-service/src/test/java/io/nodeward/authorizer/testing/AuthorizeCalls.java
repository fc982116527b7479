package io.nodeward.authorizer.testing;

import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** Calls to the mutual-TLS {@code /authorize} listener as one caller (its client certificate), from the test thread. */
public final class AuthorizeCalls implements AutoCloseable {

  /** The identity the authorizer's tests list as the allowed caller (the Lambda authorizer's). */
  public static final String LAMBDA = "spiffe://" + TestPki.TRUST_DOMAIN + "/service/lambda-authorizer";

  private final HttpClient client;
  private final int port;

  public record Answer(int status, String contentType, String retryAfter, JsonObject json) {

    public String code() {
      return json.getString("code");
    }
  }

  public AuthorizeCalls(Vertx vertx, int port, TestPki.Issued caller, TestPki serverCa) {
    this.client = caller == null ? MtlsClients.withoutCertificate(vertx, serverCa)
        : MtlsClients.with(vertx, caller, serverCa);
    this.port = port;
  }

  /** A client certificate from {@code pki} naming {@code uri} as its only URI SAN. */
  public static TestPki.Issued caller(TestPki pki, String uri) {
    return pki.client(TestPki.ClientSpec.of("service", "none").withSanUri(uri));
  }

  public Answer post(String body) {
    return post(body, "application/json");
  }

  public Answer post(String body, String contentType) {
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(HttpMethod.POST)
        .setURI("/authorize").putHeader("content-type", contentType);
    return Await.result(client.request(options).compose(request -> request.send(Buffer.buffer(body))
        .compose(response -> response.body().map(answer -> new Answer(response.statusCode(),
            response.getHeader("content-type"), response.getHeader("retry-after"),
            answer.length() > 0 && answer.getByte(0) == '{' ? answer.toJsonObject() : new JsonObject())))));
  }

  @Override
  public void close() {
    Await.result(client.close());
  }
}
