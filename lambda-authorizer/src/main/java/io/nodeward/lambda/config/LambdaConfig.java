package io.nodeward.lambda.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda's configuration, from its environment, checked once at cold start:
 * <ul>
 *   <li>{@code NODEWARD_LAMBDA_AUTHORIZE_URL} (required): the authorizer's mutual-TLS {@code /authorize}, https only,
 *       e.g. {@code https://authorizer.nodeward.internal:8445/authorize}; its host must be in the server certificate.</li>
 *   <li>{@code NODEWARD_LAMBDA_TIMEOUT} (default {@code 2s}): the whole call, retry included; then Deny.</li>
 *   <li>the identity, one of two ways: {@code NODEWARD_LAMBDA_IDENTITY_SECRET}, a Secrets Manager secret (name or
 *       ARN) holding {@code {"certificatePem","privateKeyPem","caChainPem"}}, with
 *       {@code NODEWARD_LAMBDA_SECRETS_ENDPOINT} to override the endpoint (VPC endpoint, tests); or three PEM files,
 *       {@code NODEWARD_LAMBDA_CLIENT_CERT_PEM}, {@code NODEWARD_LAMBDA_CLIENT_KEY_PEM} (PKCS#8) and
 *       {@code NODEWARD_LAMBDA_SERVER_CA_PEM}.</li>
 * </ul>
 */
public record LambdaConfig(URI authorizeUrl, Duration timeout, IdentityLocation identity) {

  public static final String AUTHORIZE_URL = "NODEWARD_LAMBDA_AUTHORIZE_URL";
  public static final String TIMEOUT = "NODEWARD_LAMBDA_TIMEOUT";
  public static final String IDENTITY_SECRET = "NODEWARD_LAMBDA_IDENTITY_SECRET";
  public static final String SECRETS_ENDPOINT = "NODEWARD_LAMBDA_SECRETS_ENDPOINT";
  public static final String CLIENT_CERT_PEM = "NODEWARD_LAMBDA_CLIENT_CERT_PEM";
  public static final String CLIENT_KEY_PEM = "NODEWARD_LAMBDA_CLIENT_KEY_PEM";
  public static final String SERVER_CA_PEM = "NODEWARD_LAMBDA_SERVER_CA_PEM";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  /** API Gateway gives a Lambda authorizer at most 29 s in all; a longer wait only delays the Deny. */
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(25);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s)");

  /** Where the identity comes from. */
  public sealed interface IdentityLocation permits SecretLocation, FileLocation {
  }

  /** A Secrets Manager secret; {@code endpoint} empty means the region's public endpoint. */
  public record SecretLocation(String secretId, String region, Optional<URI> endpoint) implements IdentityLocation {
  }

  /** Three PEM files. */
  public record FileLocation(Path certificate, Path privateKey, Path serverCa) implements IdentityLocation {
  }

  public static LambdaConfig fromEnv(Map<String, String> env) {
    return new LambdaConfig(authorizeUrl(env), timeout(env), identity(env));
  }

  private static URI authorizeUrl(Map<String, String> env) {
    String value = value(env, AUTHORIZE_URL);
    if (value == null) {
      throw new LambdaConfigException(AUTHORIZE_URL, "is required (the authorizer's mutual-TLS /authorize URL)");
    }
    try {
      URI uri = new URI(value);
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new LambdaConfigException(AUTHORIZE_URL, "must be an https URL with a host and no user, query or "
            + "fragment (the call is authenticated with mutual TLS)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new LambdaConfigException(AUTHORIZE_URL, "is not a URL");
    }
  }

  private static Duration timeout(Map<String, String> env) {
    String value = value(env, TIMEOUT);
    if (value == null) {
      return DEFAULT_TIMEOUT;
    }
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new LambdaConfigException(TIMEOUT, "must look like 2s or 1500ms");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration timeout = "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new LambdaConfigException(TIMEOUT, "must be more than 0 and at most " + MAX_TIMEOUT.toSeconds() + "s");
    }
    return timeout;
  }

  private static IdentityLocation identity(Map<String, String> env) {
    String secret = value(env, IDENTITY_SECRET);
    String cert = value(env, CLIENT_CERT_PEM);
    String key = value(env, CLIENT_KEY_PEM);
    String ca = value(env, SERVER_CA_PEM);
    boolean anyFile = cert != null || key != null || ca != null;
    if (secret != null && anyFile) {
      throw new LambdaConfigException(IDENTITY_SECRET, "and the PEM file variables are both set: choose one");
    }
    if (secret != null) {
      String region = value(env, "AWS_REGION");
      if (region == null) {
        throw new LambdaConfigException("AWS_REGION", "is required with " + IDENTITY_SECRET + " (Lambda sets it)");
      }
      return new SecretLocation(secret, region, endpoint(env));
    }
    if (cert == null || key == null || ca == null) {
      String missing = cert == null ? CLIENT_CERT_PEM : key == null ? CLIENT_KEY_PEM : SERVER_CA_PEM;
      throw new LambdaConfigException(missing, anyFile ? "is required with the other PEM file variables"
          : "or " + IDENTITY_SECRET + " is required (the Lambda's client identity)");
    }
    return new FileLocation(Path.of(cert), Path.of(key), Path.of(ca));
  }

  private static Optional<URI> endpoint(Map<String, String> env) {
    String value = value(env, SECRETS_ENDPOINT);
    if (value == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new LambdaConfigException(SECRETS_ENDPOINT, "must be an http(s) URL");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new LambdaConfigException(SECRETS_ENDPOINT, "is not a URL");
    }
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
