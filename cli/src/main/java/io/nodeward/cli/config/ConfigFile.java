package io.nodeward.cli.config;

import io.nodeward.cli.core.CliFailure;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The optional settings file: {@code key = value} lines (Java properties), keys named as the long options
 * without dashes, e.g. {@code issuer-url = https://issuer.example.com}. An unknown key is refused rather than
 * ignored, so a misspelt setting cannot silently leave a default in place.
 */
public final class ConfigFile {

  private final Path path;
  private final Map<String, String> values;

  private ConfigFile(Path path, Map<String, String> values) {
    this.path = path;
    this.values = values;
  }

  /** {@code $NODEWARD_CLI_CONFIG}, else {@code config} in the XDG config directory; absent means empty. */
  public static Path location(Map<String, String> env) {
    String explicit = env.get("NODEWARD_CLI_CONFIG");
    return explicit != null && !explicit.isBlank() ? Path.of(explicit) : Xdg.configDir(env).resolve("config");
  }

  public static ConfigFile load(Path path, Set<String> knownKeys) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException absent) {
      return new ConfigFile(path, Map.of());
    } catch (IOException | IllegalArgumentException e) {
      throw CliFailure.usage("INVALID_CONFIG_FILE", "Cannot read the settings file " + path + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!knownKeys.contains(key)) {
        throw CliFailure.usage("INVALID_CONFIG_FILE", "The settings file " + path + " has an unknown key '" + key
            + "'; known keys: " + String.join(", ", new java.util.TreeSet<>(knownKeys)) + ".");
      }
      String value = properties.getProperty(key).trim();
      if (!value.isEmpty()) {
        values.put(key, value);
      }
    }
    return new ConfigFile(path, values);
  }

  public String get(String key) {
    return values.get(key);
  }

  public Path path() {
    return path;
  }
}
