package io.nodeward.bench.authorizer;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Closed-loop load over kept-alive mTLS connections: {@code connections} connections, one request in flight
 * on each, for {@code seconds} after a warm-up. The same driver, certificate and path run against every target,
 * so only the server differs. Prints one line: target, requests/s, p50/p90/p99 latency, non-200 answers.
 *
 * <p>Usage: {@code MtlsLoadDriver <label> <port> <pemDir> <connections> <warmupSeconds> <seconds> [path]}
 */
public final class MtlsLoadDriver {

  private static final int MAX_MICROS = 2_000_000;

  public static void main(String[] args) throws Exception {
    String label = args[0];
    int port = Integer.parseInt(args[1]);
    Path pem = Path.of(args[2]);
    int connections = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    String path = args.length > 6 ? args[6] : "/nodes/node-1/bench";

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
            .setSsl(true)
            .setKeepAlive(true)
            .setVerifyHost(true)
            .setKeyCertOptions(new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(Files.readString(pem.resolve("client.pem"))))
                .setKeyValue(Buffer.buffer(Files.readString(pem.resolve("client.key")))))
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(Files.readString(pem.resolve("ca.pem"))))),
        new PoolOptions().setHttp1MaxSize(connections));
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(path);

    AtomicLongArray histogram = new AtomicLongArray(MAX_MICROS + 1);
    AtomicLong ok = new AtomicLong();
    AtomicLong all = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmup * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(connections);
    for (int i = 0; i < connections; i++) {
      vertx.runOnContext(v -> loop(client, request, histogram, ok, all, errors, measureFrom, end, done));
    }
    done.await();
    double rps = ok.get() / (double) seconds;
    System.out.printf("%s connections=%d requests/s=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d non200_or_failed=%d"
            + " all_requests=%d%n",
        label, connections, rps, percentile(histogram, ok.get(), 0.50), percentile(histogram, ok.get(), 0.90),
        percentile(histogram, ok.get(), 0.99), percentile(histogram, ok.get(), 0.999), errors.get(), all.get());
    client.close().await();
    vertx.close().await();
  }

  private static void loop(HttpClient client, RequestOptions request, AtomicLongArray histogram, AtomicLong ok,
      AtomicLong all, AtomicLong errors, long measureFrom, long end, CountDownLatch done) {
    long sent = System.nanoTime();
    if (sent >= end) {
      done.countDown();
      return;
    }
    client.request(request)
        .compose(r -> r.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(ar -> {
          long now = System.nanoTime();
          all.incrementAndGet();
          if (sent >= measureFrom && now <= end) {
            if (ar.succeeded() && ar.result() == 200) {
              ok.incrementAndGet();
              histogram.incrementAndGet((int) Math.min(MAX_MICROS, (now - sent) / 1_000));
            } else {
              errors.incrementAndGet();
            }
          }
          loop(client, request, histogram, ok, all, errors, measureFrom, end, done);
        });
  }

  private static long percentile(AtomicLongArray histogram, long count, double p) {
    long rank = (long) Math.ceil(count * p);
    long seen = 0;
    for (int us = 0; us < histogram.length(); us++) {
      seen += histogram.get(us);
      if (seen >= rank && rank > 0) {
        return us;
      }
    }
    return -1;
  }
}
