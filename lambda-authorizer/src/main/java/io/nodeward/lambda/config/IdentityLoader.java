package io.nodeward.lambda.config;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/** Reads the {@link ClientIdentity} from where {@link LambdaConfig} says: a Secrets Manager secret or PEM files. */
public final class IdentityLoader {

  private IdentityLoader() {
  }

  public static ClientIdentity load(LambdaConfig.IdentityLocation location, Map<String, String> env) {
    if (location instanceof LambdaConfig.SecretLocation secret) {
      return fromSecret(secret, env);
    }
    return fromFiles((LambdaConfig.FileLocation) location);
  }

  private static ClientIdentity fromFiles(LambdaConfig.FileLocation files) {
    return identity(LambdaConfig.CLIENT_CERT_PEM, () -> new ClientIdentity(read(files.certificate(),
        LambdaConfig.CLIENT_CERT_PEM), read(files.privateKey(), LambdaConfig.CLIENT_KEY_PEM),
        read(files.serverCa(), LambdaConfig.SERVER_CA_PEM)));
  }

  private static String read(Path path, String variable) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new LambdaConfigException(variable, "names a file that cannot be read: " + path);
    }
  }

  /**
   * One GetSecretValue per cold start, over the SDK's URLConnection client (the lightest it has). The secret
   * value never reaches a log or an exception message.
   */
  private static ClientIdentity fromSecret(LambdaConfig.SecretLocation secret, Map<String, String> env) {
    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(secret.region()))
        .credentialsProvider(credentials(env));
    secret.endpoint().ifPresent(builder::endpointOverride);
    String value;
    try (SecretsManagerClient client = builder.build()) {
      value = client.getSecretValue(request -> request.secretId(secret.secretId())).secretString();
    } catch (SdkException e) {
      throw new LambdaConfigException(LambdaConfig.IDENTITY_SECRET,
          "could not be read from Secrets Manager: " + e.getClass().getSimpleName());
    }
    if (value == null) {
      throw new LambdaConfigException(LambdaConfig.IDENTITY_SECRET, "has no SecretString");
    }
    Map<String, Object> fields;
    try {
      fields = JSON.std.mapFrom(value);
    } catch (IOException | RuntimeException e) {
      throw new LambdaConfigException(LambdaConfig.IDENTITY_SECRET,
          "must hold a JSON object {\"certificatePem\",\"privateKeyPem\",\"caChainPem\"}");
    }
    return identity(LambdaConfig.IDENTITY_SECRET, () -> new ClientIdentity(text(fields, "certificatePem"),
        text(fields, "privateKeyPem"), text(fields, "caChainPem")));
  }

  private static String text(Map<String, Object> fields, String name) {
    return fields.get(name) instanceof String text ? text : null;
  }

  private static ClientIdentity identity(String variable, java.util.function.Supplier<ClientIdentity> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new LambdaConfigException(variable, "does not hold a usable identity: " + e.getMessage());
    }
  }

  /** Lambda puts its role's session credentials in the environment; elsewhere the SDK's usual chain. */
  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String key = env.get("AWS_SECRET_ACCESS_KEY");
    if (id == null || key == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    String token = env.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(token == null
        ? AwsBasicCredentials.create(id, key) : AwsSessionCredentials.create(id, key, token));
  }
}
