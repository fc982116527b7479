package io.nodeward.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.ProducerRole;
import io.nodeward.events.Topic;
import io.nodeward.events.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker as production runs it: TLS with required client certificates, SCRAM, and KRaft's StandardAuthorizer
 * with nodeward's ACLs per producer role. Each rule has its refusal tested beside its permission.
 */
class SecuredKafkaTest {

  private static KafkaPki pki;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    pki = KafkaPki.create();
    kafka = EmbeddedKafka.startSecured(pki);
    try (Admin admin = Admin.create(kafka.superUserConfig())) {
      admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t.name(), 1, (short) 1)).toList())
          .all().get(60, TimeUnit.SECONDS);
    }
    kafka.createAcls(NodewardAcls.forRole(ProducerRole.ISSUER, "issuer"));
    kafka.createAcls(NodewardAcls.forRole(ProducerRole.AUTHORIZER, "authorizer"));
    kafka.createAcls(NodewardAcls.forRole(ProducerRole.AUDIT, "audit-scram"));
    kafka.addScramUser("audit-scram", "a \"quoted\" password\\");
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static Map<String, Object> producer(Map<String, Object> security, String bootstrap) {
    Map<String, Object> config = new HashMap<>(security);
    config.put("bootstrap.servers", bootstrap);
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", StringSerializer.class.getName());
    config.put("acks", "all");
    config.put("max.block.ms", "15000");
    config.put("delivery.timeout.ms", "15000");
    config.put("request.timeout.ms", "10000");
    return config;
  }

  private static Map<String, Object> certificate(String principal) {
    return EmbeddedKafka.tlsClientConfig(pki.caPem(), pki.client(principal));
  }

  private static Map<String, Object> scram(String user, String password) {
    return Map.of("security.protocol", "SASL_SSL", "ssl.truststore.type", "PEM",
        "ssl.truststore.certificates", pki.caPem(), "sasl.mechanism", "SCRAM-SHA-512",
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
  }

  /** Sends one record and answers the failure's cause, or null when the broker accepted it. */
  private static Throwable send(Map<String, Object> config, Topic topic) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic.name(), "k", "{}")).get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void theIssuerWritesNodesAndCertificates() {
    assertEquals(null, send(producer(certificate("issuer"), kafka.bootstrapServers()), Topics.NODES));
    assertEquals(null, send(producer(certificate("issuer"), kafka.bootstrapServers()), Topics.CERTIFICATES));
  }

  @Test
  void theAuthorizerCannotWriteNodesOrCertificates() {
    Map<String, Object> authorizer = producer(certificate("authorizer"), kafka.bootstrapServers());
    assertInstanceOf(TopicAuthorizationException.class, send(authorizer, Topics.NODES));
    assertInstanceOf(TopicAuthorizationException.class, send(authorizer, Topics.CERTIFICATES));
    assertEquals(null, send(authorizer, Topics.DECISIONS), "but it writes decisions");
  }

  @Test
  void aPrincipalWithoutAclsWritesNothing() {
    assertInstanceOf(TopicAuthorizationException.class,
        send(producer(certificate("stranger"), kafka.bootstrapServers()), Topics.DECISIONS));
  }

  @Test
  void aClientWithoutACertificateOrWithAForeignOneCannotConnect() {
    Map<String, Object> noCertificate = producer(Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM",
        "ssl.truststore.certificates", pki.caPem()), kafka.bootstrapServers());
    Throwable refused = send(noCertificate, Topics.DECISIONS);
    assertTrue(refused instanceof SslAuthenticationException || refused.getCause() instanceof SslAuthenticationException
        || refused instanceof org.apache.kafka.common.errors.TimeoutException, String.valueOf(refused));

    KafkaPki foreign = KafkaPki.create();
    Map<String, Object> foreignCertificate = new HashMap<>(EmbeddedKafka.tlsClientConfig(pki.caPem(), foreign.client("issuer")));
    Throwable alsoRefused = send(producer(foreignCertificate, kafka.bootstrapServers()), Topics.NODES);
    assertTrue(alsoRefused instanceof SslAuthenticationException || alsoRefused instanceof org.apache.kafka.common.errors.TimeoutException,
        "a certificate named issuer from another CA is not the issuer: " + alsoRefused);
  }

  @Test
  void scramUsersGetTheirRolesAclsAndAWrongPasswordGetsNothing() {
    Map<String, Object> audit = producer(scram("audit-scram", "a \"quoted\" password\\"), kafka.scramBootstrapServers());
    assertEquals(null, send(audit, Topics.AUDIT_CHECKPOINTS));
    assertInstanceOf(TopicAuthorizationException.class, send(audit, Topics.NODES));
    Throwable wrong = send(producer(scram("audit-scram", "guess"), kafka.scramBootstrapServers()), Topics.AUDIT_CHECKPOINTS);
    assertInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class, wrong);
  }

  @Test
  void rolesWriteExactlyTheTopicsCarryingTheirEvents() {
    assertEquals(List.of(Topics.NODES, Topics.CERTIFICATES, Topics.DECISIONS, Topics.DEAD_LETTER),
        NodewardAcls.writableBy(ProducerRole.ISSUER));
    assertEquals(List.of(Topics.DECISIONS, Topics.DEAD_LETTER), NodewardAcls.writableBy(ProducerRole.AUTHORIZER)
        .stream().filter(t -> !t.name().contains("status")).toList());
    assertEquals(List.of(Topics.AUDIT_CHECKPOINTS, Topics.DEAD_LETTER), NodewardAcls.writableBy(ProducerRole.AUDIT));
  }
}
