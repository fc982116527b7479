package io.nodeward.authorizer.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/** HTTPS clients to the gateway: with a client certificate or without, one kept-alive connection each. */
public final class MtlsClients {

  private MtlsClients() {
  }

  public static HttpClient with(Vertx vertx, TestPki.Issued client, TestPki serverCa) {
    return vertx.createHttpClient(options(serverCa).setKeyCertOptions(new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(client.certPem()))
        .setKeyValue(Buffer.buffer(client.keyPem()))), new PoolOptions().setHttp1MaxSize(1));
  }

  public static HttpClient withoutCertificate(Vertx vertx, TestPki serverCa) {
    return vertx.createHttpClient(options(serverCa), new PoolOptions().setHttp1MaxSize(1));
  }

  private static HttpClientOptions options(TestPki serverCa) {
    return new HttpClientOptions()
        .setSsl(true)
        .setKeepAlive(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(serverCa.caPem())))
        .setVerifyHost(true);
  }
}
