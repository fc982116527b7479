package io.nodeward.kit.config;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.kafka.KafkaSecurity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code NODEWARD_PROFILE}: what a service will put up with. {@link #PRODUCTION}, every service's own default,
 * refuses to start on a development default (the dev identity provider, an http user pool, plaintext Kafka, the
 * public keystore password) or a key file others may read, with a {@link ConfigException} naming the variable;
 * {@link #DEV}, which the embedded stack and the compose file set, lets them pass. Service configs call the
 * {@code require...} checks below; in {@link #DEV} they do nothing.
 */
public enum Profile {
  PRODUCTION, DEV;

  public static final String VARIABLE = "NODEWARD_PROFILE";

  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  /** {@code NODEWARD_PROFILE}: production (the default) or dev. */
  public static Profile fromEnv(Env env) {
    return env.enumValue(VARIABLE, Profile.class, PRODUCTION);
  }

  public boolean production() {
    return this == PRODUCTION;
  }

  /** Refuses, in production, a value that is (or was left at) a development default. */
  public void refuseDevValue(String variable, String value, String devValue, String what) {
    if (production() && devValue.equals(value)) {
      throw refusal(variable, "is " + what + "; set your own");
    }
  }

  /** Refuses, in production, a URL that is not https. */
  public void requireHttps(String variable, URI url) {
    if (production() && url != null && !"https".equals(url.getScheme())) {
      throw refusal(variable, "must be an https URL, not " + url.getScheme());
    }
  }

  /**
   * Refuses, in production, a key or password file its group or anyone else may read (mode 600 or 400 needed).
   * A missing file is left to the code that reads it; a file system without POSIX permissions passes.
   */
  public void requireOwnerOnly(String variable, Path file) {
    if (!production() || file == null) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (NoSuchFileException | UnsupportedOperationException e) {
      return;
    } catch (IOException e) {
      throw new ConfigException(variable, "cannot read the permissions of " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    if (permissions.stream().anyMatch(NOT_OWNER::contains)) {
      throw refusal(variable, file + " is readable by others (" + PosixFilePermissions.toString(permissions)
          + "); chmod 600 it");
    }
  }

  /** Refuses, in production, a user pool that is dev-identity's or is reached over plain http. */
  public void requireProductionPool(CognitoConfig cognito) {
    if (!production()) {
      return;
    }
    refuseDevValue("NODEWARD_COGNITO_ISSUER", cognito.issuer(), CognitoConfig.DEV_ISSUER,
        "the dev identity provider's pool");
    requireHttps("NODEWARD_COGNITO_ISSUER", URI.create(cognito.issuer()));
    requireHttps("NODEWARD_COGNITO_JWKS_URI", URI.create(cognito.jwksUri()));
  }

  /**
   * Refuses, in production, Kafka without TLS (plaintext, or SCRAM passwords in the clear), and key or password
   * files for Kafka and event signing that others may read.
   */
  public void requireProductionKafka(Env env, KafkaSecurity security) {
    if (!production()) {
      return;
    }
    if (security.protocol() != KafkaSecurity.Protocol.SSL && security.protocol() != KafkaSecurity.Protocol.SASL_SSL) {
      throw refusal(KafkaSecurity.PROTOCOL_VARIABLE, "must be ssl or sasl_ssl, not "
          + security.protocol().name().toLowerCase());
    }
    for (String variable : new String[] {"NODEWARD_KAFKA_TLS_KEY_PEM", "NODEWARD_KAFKA_SASL_PASSWORD_FILE",
        "NODEWARD_EVENT_SIGNING_KEY"}) {
      requireOwnerOnly(variable, env.path(variable, null));
    }
  }

  private static ConfigException refusal(String variable, String problem) {
    return new ConfigException(variable, problem + " (" + VARIABLE + "=production; dev is for development only)");
  }
}
