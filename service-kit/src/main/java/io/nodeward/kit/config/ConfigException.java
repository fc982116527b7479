package io.nodeward.kit.config;

/** A configuration value that cannot be used. The message names the environment variable and what it needs. */
public class ConfigException extends IllegalArgumentException {

  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
