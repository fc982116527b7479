package io.nodeward.audit.config;

import io.nodeward.kit.config.ConfigException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The transparency log's identity and key: the origin on every checkpoint, the key name in its signature line,
 * and where the Ed25519 key is.
 *
 * @param createKey whether a missing key file may be generated (development only; production brings its key)
 */
public record LogSettings(String origin, String keyName, Path keyFile, boolean createKey) {

  private static final Pattern NAME = Pattern.compile("[^\\s+]{1,256}");

  public LogSettings {
    Objects.requireNonNull(keyFile, "keyFile");
    if (origin == null || !NAME.matcher(origin).matches()) {
      throw new ConfigException("NODEWARD_AUDIT_LOG_ORIGIN", "must be 1 to 256 characters without spaces or '+'");
    }
    if (keyName == null || !NAME.matcher(keyName).matches()) {
      throw new ConfigException("NODEWARD_AUDIT_LOG_KEY_NAME", "must be 1 to 256 characters without spaces or '+'");
    }
  }

  public static final String DEFAULT_ORIGIN = "nodeward.local/audit";

  /** Development defaults: the key in {@code <data dir>/audit/log-key.pem}, created on first start. */
  public static LogSettings development(Path dataDir) {
    return new LogSettings(DEFAULT_ORIGIN, DEFAULT_ORIGIN, defaultKeyFile(dataDir), true);
  }

  public static Path defaultKeyFile(Path dataDir) {
    return dataDir.resolve("audit").resolve("log-key.pem");
  }
}
