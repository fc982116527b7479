package io.nodeward.bench.issuer;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.issuer.app.IssuedCertificate;
import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.issuer.app.SigningRequest;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CsrInspector;
import io.nodeward.issuer.domain.InspectedCsr;
import io.nodeward.issuer.domain.KeyPairs;
import io.nodeward.issuer.domain.SerialNumbers;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaSettings;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Each step of an issuance measured alone, to say where the end-to-end time goes. */
final class ComponentTimings {

  private ComponentTimings() {
  }

  /** Operations per second of {@code op} run {@code count} times on {@code threads} threads. */
  static double throughput(int threads, int count, Runnable op) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (next.getAndIncrement() < count) {
          op.run();
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return count / ((System.nanoTime() - started) / 1e9);
  }

  static SigningRequest signingRequest(CertificateProfile profile, InspectedCsr csr) {
    return new SigningRequest("bench", new CertificateIdentity(profile.trustDomain(), "bench-user", "bench-node"),
        csr.publicKey(), csr.keyAlgorithm(), null, profile.window(Instant.now(), null));
  }

  static CertificateIssued issuedEvent(IssuedCertificate issued) {
    return new CertificateIssued(SerialNumbers.hex(SerialNumbers.random(new SecureRandom())), "bench-user", "bench-node",
        issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant(),
        KeyAlgorithm.EC_P256, KeySource.CLIENT_CSR, CaBackend.LOCAL, issued.fingerprintSha256(),
        Pem.write(issued.certificate()), Instant.now(), "bench-user");
  }

  static void print(String name, double perSecond) {
    System.out.printf("  %-58s %,10.0f /s  (%.3f ms each)%n", name, perSecond, 1000.0 / perSecond);
  }

  static void run(Vertx vertx, KafkaSettings kafka, LocalCa ca, CertificateProfile profile, List<String> csrs,
      List<String> rsaCsrs, CognitoTokenVerifier verifier, String token, int connections) throws Exception {
    System.out.println("Components alone (same JVM, broker in-process):");
    InspectedCsr csr = CsrInspector.inspect(csrs.get(0));
    SigningRequest request = signingRequest(profile, csr);
    for (int i = 0; i < 3; i++) {
      throughput(2, 2000, () -> ca.sign(request));
      throughput(2, 2000, () -> CsrInspector.inspect(csrs.get(0)));
    }
    print("LocalCa.sign (EC P-256 CA, ECDSA), 1 thread", throughput(1, 5000, () -> ca.sign(request)));
    print("LocalCa.sign (EC P-256 CA, ECDSA), 2 threads", throughput(2, 10000, () -> ca.sign(request)));
    print("CsrInspector.inspect (EC P-256 CSR: parse + verify), 1 thread",
        throughput(1, 5000, () -> CsrInspector.inspect(csrs.get(0))));
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 3; i++) {
      throughput(1, 2000, () -> CsrInspector.inspect(rsaCsrs.get(0)));
    }
    print("CsrInspector.inspect (RSA-2048 CSR: parse + verify), 1 thread",
        throughput(1, 5000, () -> CsrInspector.inspect(rsaCsrs.get(0))));
    print("KeyPairs.generate EC_P256, 1 thread", throughput(1, 2000, () -> KeyPairs.generate(KeyAlgorithm.EC_P256, random)));
    print("KeyPairs.generate RSA_2048, 1 thread", throughput(1, 40, () -> KeyPairs.generate(KeyAlgorithm.RSA_2048, random)));
    print("KeyPairs.generate RSA_2048, 2 threads", throughput(2, 60, () -> KeyPairs.generate(KeyAlgorithm.RSA_2048, random)));

    IssuedCertificate issued = ca.sign(request);
    EventCodec codec = new EventCodec();
    CloudEvent<CertificateIssued> event = CloudEvent.of("urn:bench", issuedEvent(issued), Instant.now());
    throughput(1, 5000, () -> codec.encodeBytes(event));
    print("EventCodec.encodeBytes (schema-validated CertificateIssued), 1 thread",
        throughput(1, 20000, () -> codec.encodeBytes(event)));

    verifyTokens(verifier, token, 5000);
    long started = System.nanoTime();
    verifyTokens(verifier, token, 20000);
    print("CognitoTokenVerifier.verify (RS256 access token)", 20000 / ((System.nanoTime() - started) / 1e9));

    EventPublisher publisher = EventPublisher.create(vertx, kafka.withClientId("bench-ack"), "urn:bench");
    try {
      publishClosedLoop(vertx, publisher, issued, connections, 3000);
      Latencies acks = new Latencies(20000);
      started = System.nanoTime();
      publishClosedLoop(vertx, publisher, issued, connections, 20000, acks);
      double rate = 20000 / ((System.nanoTime() - started) / 1e9);
      System.out.printf("  %-58s %,10.0f /s  %s%n", "EventPublisher.publish CertificateIssued, " + connections
          + " in flight, acks=all", rate, acks.summary());
    } finally {
      publisher.close().await();
    }
  }

  private static void verifyTokens(CognitoTokenVerifier verifier, String token, int count) {
    for (int done = 0; done < count; done += 100) {
      List<Future<?>> batch = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        batch.add(verifier.verify(token));
      }
      Future.all(batch).await();
    }
  }

  private static void publishClosedLoop(Vertx vertx, EventPublisher publisher, IssuedCertificate issued, int inFlight,
      int count) {
    publishClosedLoop(vertx, publisher, issued, inFlight, count, new Latencies(count));
  }

  private static void publishClosedLoop(Vertx vertx, EventPublisher publisher, IssuedCertificate issued, int inFlight,
      int count, Latencies latencies) {
    CertificateIssued data = issuedEvent(issued);
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      Promise<Void> done = Promise.promise();
      loops.add(done.future());
      vertx.runOnContext(v -> publishNext(publisher, data, next, count, latencies, done));
    }
    Future.all(loops).await();
  }

  private static void publishNext(EventPublisher publisher, CertificateIssued data, AtomicInteger next, int count,
      Latencies latencies, Promise<Void> done) {
    if (next.getAndIncrement() >= count) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    publisher.publish(data).onComplete(ar -> {
      latencies.record(System.nanoTime() - sent);
      publishNext(publisher, data, next, count, latencies, done);
    });
  }
}
