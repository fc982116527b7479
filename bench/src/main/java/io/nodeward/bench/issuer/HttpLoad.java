package io.nodeward.bench.issuer;

import io.nodeward.bench.Machine;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load driver: {@code connections} kept-alive HTTP/1.1 connections, each sending its next
 * request as soon as the previous answer arrived, until {@code count} requests are done. Latency is measured
 * per request from send to complete body.
 */
final class HttpLoad {

  /**
   * @param cpuSeconds CPU time this whole JVM (issuer, broker, identity provider and this driver) spent during the
   *     run: load on other processes stretches wall time but hardly this, so it estimates capacity on a quiet machine
   */
  record Result(int requests, int failures, double seconds, double cpuSeconds, Latencies latencies, String firstFailure) {
    double perSecond() {
      return requests / seconds;
    }

    double cpuMillisPerRequest() {
      return cpuSeconds * 1000 / requests;
    }
  }

  private HttpLoad() {
  }

  static Result run(Vertx vertx, int port, String path, String token, int connections, int count,
      IntFunction<String> bodyForRequest) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultPort(port)
        .setDefaultHost("127.0.0.1"), new PoolOptions().setHttp1MaxSize(connections));
    Latencies latencies = new Latencies(count);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    String[] firstFailure = new String[1];
    long started = System.nanoTime();
    long cpuStarted = Machine.processCpuNanos();
    Future<?>[] loops = new Future<?>[connections];
    for (int i = 0; i < connections; i++) {
      Promise<Void> done = Promise.promise();
      loops[i] = done.future();
      vertx.runOnContext(v -> loop(client, path, token, count, next, bodyForRequest, latencies, failures, firstFailure,
          done));
    }
    Future.all(java.util.List.of(loops)).await();
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (Machine.processCpuNanos() - cpuStarted) / 1e9;
    client.close().await();
    return new Result(count, failures.get(), seconds, cpuSeconds, latencies, firstFailure[0]);
  }

  private static void loop(HttpClient client, String path, String token, int count, AtomicInteger next,
      IntFunction<String> body, Latencies latencies, AtomicInteger failures, String[] firstFailure, Promise<Void> done) {
    int index = next.getAndIncrement();
    if (index >= count) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
            .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(body.apply(index)))
            .compose(response -> response.body().map(b -> {
              if (response.statusCode() != 201) {
                failures.incrementAndGet();
                synchronized (firstFailure) {
                  if (firstFailure[0] == null) {
                    firstFailure[0] = response.statusCode() + " " + b;
                  }
                }
              }
              return b;
            })))
        .onComplete(ar -> {
          if (ar.failed()) {
            failures.incrementAndGet();
            synchronized (firstFailure) {
              if (firstFailure[0] == null) {
                firstFailure[0] = ar.cause().toString();
              }
            }
          }
          latencies.record(System.nanoTime() - sent);
          loop(client, path, token, count, next, body, latencies, failures, firstFailure, done);
        });
  }
}
