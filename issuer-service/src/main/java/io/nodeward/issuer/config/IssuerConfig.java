package io.nodeward.issuer.config;

import io.nodeward.events.CaBackend;
import io.nodeward.events.EventSource;
import io.nodeward.events.Identifiers;
import io.nodeward.issuer.ca.AcmPcaSettings;
import io.nodeward.issuer.ca.ServerNames;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.config.Profile;
import io.nodeward.kit.kafka.KafkaSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.acmpca.model.SigningAlgorithm;

/**
 * Everything the issuer needs to start, read once from the environment and validated there.
 *
 * @param host interface the API binds to
 * @param port API port; 0 picks a free one (tests)
 * @param kafka brokers and client timeouts
 * @param createTopics whether to create nodeward's topics at start (idempotent)
 * @param topicReplicationFactor replication factor for topics this service creates
 * @param topicPartitions partitions for topics this service creates
 * @param dataDir the data directory; the issuer keeps {@code <dataDir>/issuer/} (local CA keystore, CA chain PEM)
 * @param profile trust domain, default and maximum validity of client certificates
 * @param caBackend which CA signs
 * @param caKeystorePassword protects the local CA's PKCS#12 keystore; never logged (see {@link #toString()})
 * @param acmPca ACM Private CA settings when {@code caBackend} is ACM_PCA, else null
 * @param cognito the user pool whose tokens are accepted
 * @param bodyLimitBytes largest request body accepted (413 above)
 * @param minPkcs12PasswordLength shortest password accepted for a PKCS#12 bundle
 * @param renewal the mutual-TLS listener where certificates renew themselves
 * @param crl how the CRL is published
 * @param issueRatePerSecond issuances (and renewals) one identity may make per second, burst as many; 0 = no limit
 * @param revokeRatePerSecond revocations one identity may make per second, burst as many; 0 = no limit
 * @param instanceId this instance's name in its events' source ({@code /nodeward/issuer/<instanceId>})
 * @param propagation how revocations and deprovisionings wait for the authorizers to confirm them
 */
public record IssuerConfig(
    String host,
    int port,
    KafkaSettings kafka,
    boolean createTopics,
    int topicReplicationFactor,
    int topicPartitions,
    Path dataDir,
    CertificateProfile profile,
    CaBackend caBackend,
    String caKeystorePassword,
    AcmPcaSettings acmPca,
    CognitoConfig cognito,
    int bodyLimitBytes,
    int minPkcs12PasswordLength,
    Renewal renewal,
    Crl crl,
    int issueRatePerSecond,
    int revokeRatePerSecond,
    String instanceId,
    Propagation propagation) {

  /**
   * @param timeout how long a revocation or deprovisioning waits for every live authorizer instance before it
   *     answers 202 naming the pending ones
   * @param liveness an authorizer instance counts as live while its last status is at most this old
   */
  public record Propagation(Duration timeout, Duration liveness) {

    public Propagation {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(liveness, "liveness");
    }
  }

  /**
   * The renewal listener: {@code POST /v1/certificates/renew} over mutual TLS, authenticated by the certificate
   * being renewed.
   *
   * @param names what its server certificate names when the CA signs one
   * @param certPem / keyPem its server certificate and key from files instead (required with ACM PCA), or null
   */
  public record Renewal(String host, int port, ServerNames names, Path certPem, Path keyPem) {

    public Renewal {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(names, "names");
      if ((certPem == null) != (keyPem == null)) {
        throw new ConfigException("NODEWARD_ISSUER_MTLS_CERT_PEM", "and NODEWARD_ISSUER_MTLS_KEY_PEM are set together");
      }
    }
  }

  /**
   * @param publicUrl the issuer's base URL as relying parties reach it; certificates name
   *     {@code <publicUrl>/v1/crl} as their CRL distribution point. Null: {@code http://<host>:<bound port>}.
   * @param validity how far {@code nextUpdate} lies after {@code thisUpdate}
   * @param externalUrl with ACM PCA, where PCA publishes the CRL ({@code GET /v1/crl} redirects there), or null
   */
  public record Crl(URI publicUrl, Duration validity, URI externalUrl) {

    public Crl {
      Objects.requireNonNull(validity, "validity");
    }
  }

  public static final String DEV_KEYSTORE_PASSWORD = "nodeward-dev-keystore";

  public IssuerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(caBackend, "caBackend");
    Objects.requireNonNull(caKeystorePassword, "caKeystorePassword");
    Objects.requireNonNull(cognito, "cognito");
    Objects.requireNonNull(renewal, "renewal");
    Objects.requireNonNull(crl, "crl");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(propagation, "propagation");
    if (caBackend == CaBackend.ACM_PCA && acmPca == null) {
      throw new ConfigException("NODEWARD_ACM_PCA_ARN", "is required when NODEWARD_CA_BACKEND=acm-pca");
    }
  }

  public static IssuerConfig fromEnv(Env env) {
    Duration defaultValidity = env.duration("NODEWARD_CERT_DEFAULT_VALIDITY", CertificateProfile.DEFAULT_VALIDITY);
    Duration maxValidity = env.duration("NODEWARD_CERT_MAX_VALIDITY", CertificateProfile.DEFAULT_MAX_VALIDITY);
    String trustDomain = env.string("NODEWARD_TRUST_DOMAIN", "nodeward.local");
    if (!Identifiers.TRUST_DOMAIN.matcher(trustDomain).matches()) {
      throw new ConfigException("NODEWARD_TRUST_DOMAIN", "must be lower-case letters, digits, '.', '-' or '_'");
    }
    CertificateProfile profile;
    try {
      profile = CertificateProfile.clientAuth(trustDomain, defaultValidity, maxValidity);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("NODEWARD_CERT_DEFAULT_VALIDITY", e.getMessage());
    }
    CaBackend backend = env.enumValue("NODEWARD_CA_BACKEND", CaBackend.class, CaBackend.LOCAL);
    String host = env.string("NODEWARD_ISSUER_HOST", "127.0.0.1");
    IssuerConfig config = new IssuerConfig(
        host,
        env.port("NODEWARD_ISSUER_PORT", 8080),
        KafkaSettings.fromEnv(env, "nodeward-issuer"),
        env.bool("NODEWARD_KAFKA_CREATE_TOPICS", true),
        env.integer("NODEWARD_KAFKA_REPLICATION_FACTOR", 1, 1, 5),
        env.integer("NODEWARD_KAFKA_PARTITIONS", 3, 1, 64),
        env.path("NODEWARD_DATA_DIR", Path.of("data")),
        profile,
        backend,
        env.secret("NODEWARD_CA_KEYSTORE_PASSWORD", DEV_KEYSTORE_PASSWORD),
        backend == CaBackend.ACM_PCA ? acmPca(env) : null,
        CognitoConfig.fromEnv(env),
        env.integer("NODEWARD_ISSUER_BODY_LIMIT", 64 * 1024, 4 * 1024, 1024 * 1024),
        env.integer("NODEWARD_PKCS12_MIN_PASSWORD_LENGTH", 12, 8, 128),
        new Renewal(env.string("NODEWARD_ISSUER_MTLS_HOST", host),
            env.port("NODEWARD_ISSUER_MTLS_PORT", 8444),
            ServerNames.parse("NODEWARD_ISSUER_MTLS_NAMES", env.list("NODEWARD_ISSUER_MTLS_NAMES", "localhost,127.0.0.1")),
            env.path("NODEWARD_ISSUER_MTLS_CERT_PEM", null),
            env.path("NODEWARD_ISSUER_MTLS_KEY_PEM", null)),
        crl(env, backend),
        env.integer("NODEWARD_ISSUER_ISSUE_RATE", 50, 0, 1_000_000),
        env.integer("NODEWARD_ISSUER_REVOKE_RATE", 50, 0, 1_000_000),
        instanceId(env),
        propagation(env));
    refuseDevDefaults(Profile.fromEnv(env), env, config);
    return config;
  }

  /** With NODEWARD_PROFILE=production: no dev pool, no plaintext Kafka, no public keystore password, no open keys. */
  private static void refuseDevDefaults(Profile profile, Env env, IssuerConfig config) {
    profile.requireProductionKafka(env, config.kafka().security());
    profile.requireProductionPool(config.cognito());
    if (config.caBackend() == CaBackend.LOCAL) {
      profile.refuseDevValue("NODEWARD_CA_KEYSTORE_PASSWORD", config.caKeystorePassword(), DEV_KEYSTORE_PASSWORD,
          "the public development password");
    }
    profile.requireOwnerOnly("NODEWARD_ISSUER_MTLS_KEY_PEM", config.renewal().keyPem());
  }

  private static Propagation propagation(Env env) {
    Duration timeout = env.duration("NODEWARD_ISSUER_PROPAGATION_TIMEOUT", Duration.ofSeconds(5));
    if (timeout.compareTo(Duration.ofMillis(10)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new ConfigException("NODEWARD_ISSUER_PROPAGATION_TIMEOUT", "must be between 10ms and 1m");
    }
    Duration liveness = env.duration("NODEWARD_ISSUER_AUTHORIZER_LIVENESS", Duration.ofSeconds(3));
    if (liveness.compareTo(Duration.ofMillis(500)) < 0 || liveness.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new ConfigException("NODEWARD_ISSUER_AUTHORIZER_LIVENESS", "must be between 500ms and 5m");
    }
    return new Propagation(timeout, liveness);
  }

  private static String instanceId(Env env) {
    String id = env.string("NODEWARD_ISSUER_INSTANCE_ID", EventSource.defaultInstanceId());
    try {
      EventSource.of("issuer", id);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("NODEWARD_ISSUER_INSTANCE_ID", "must be 1 to 128 of A-Z a-z 0-9 . _ @ -");
    }
    return id;
  }

  /** {@code /nodeward/issuer/<instanceId>}: the source of every event this instance publishes. */
  public String eventSource() {
    return EventSource.of("issuer", instanceId).toString();
  }

  private static Crl crl(Env env, CaBackend backend) {
    URI publicUrl = env.uri("NODEWARD_ISSUER_PUBLIC_URL", null);
    if (publicUrl != null && !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))) {
      throw new ConfigException("NODEWARD_ISSUER_PUBLIC_URL", "must be an http(s) URL");
    }
    Duration validity = env.duration("NODEWARD_ISSUER_CRL_VALIDITY", Duration.ofMinutes(5));
    if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(Duration.ofDays(7)) > 0) {
      throw new ConfigException("NODEWARD_ISSUER_CRL_VALIDITY", "must be between 1m and 7d");
    }
    URI external = backend == CaBackend.ACM_PCA ? env.uri("NODEWARD_ACM_PCA_CRL_URL", null) : null;
    return new Crl(publicUrl, validity, external);
  }

  private static AcmPcaSettings acmPca(Env env) {
    String arn = env.required("NODEWARD_ACM_PCA_ARN");
    if (!arn.startsWith("arn:")) {
      throw new ConfigException("NODEWARD_ACM_PCA_ARN", "must be an ARN (arn:aws:acm-pca:...)");
    }
    URI endpoint = env.isSet("NODEWARD_ACM_PCA_ENDPOINT") ? env.uri("NODEWARD_ACM_PCA_ENDPOINT", null) : null;
    String algorithm = env.string("NODEWARD_ACM_PCA_SIGNING_ALGORITHM", SigningAlgorithm.SHA256_WITHECDSA.toString());
    SigningAlgorithm signing = SigningAlgorithm.fromValue(algorithm);
    if (signing == SigningAlgorithm.UNKNOWN_TO_SDK_VERSION) {
      throw new ConfigException("NODEWARD_ACM_PCA_SIGNING_ALGORITHM", "must be an ACM PCA signing algorithm such as "
          + SigningAlgorithm.knownValues());
    }
    return new AcmPcaSettings(arn,
        env.string("NODEWARD_ACM_PCA_REGION", "us-east-1"),
        endpoint,
        env.string("NODEWARD_ACM_PCA_TEMPLATE_ARN", AcmPcaSettings.DEFAULT_TEMPLATE_ARN),
        signing,
        env.duration("NODEWARD_ACM_PCA_POLL_INTERVAL", Duration.ofMillis(500)),
        env.integer("NODEWARD_ACM_PCA_MAX_POLLS", 60, 1, 10_000));
  }

  /** The issuer's own folder under the data directory. */
  public Path issuerDir() {
    return dataDir.resolve("issuer");
  }

  /** The one copy method: tests hand in Kafka settings with short timeouts that have no variable. */
  public IssuerConfig withKafka(KafkaSettings settings) {
    return new IssuerConfig(host, port, settings, createTopics, topicReplicationFactor, topicPartitions, dataDir, profile,
        caBackend, caKeystorePassword, acmPca, cognito, bodyLimitBytes, minPkcs12PasswordLength, renewal, crl,
        issueRatePerSecond, revokeRatePerSecond, instanceId, propagation);
  }

  /** Never prints the keystore password. */
  @Override
  public String toString() {
    return "IssuerConfig[" + host + ":" + port + ", kafka=" + kafka.bootstrapServers() + ", dataDir=" + dataDir
        + ", trustDomain=" + profile.trustDomain() + ", ca=" + caBackend + ", cognito=" + cognito.issuer()
        + ", mtls=" + renewal.host() + ":" + renewal.port() + "]";
  }
}
