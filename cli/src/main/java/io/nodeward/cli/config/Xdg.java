package io.nodeward.cli.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the client keeps its files, per the XDG Base Directory specification: settings and the session in the
 * config directory ({@code $XDG_CONFIG_HOME/nodeward}, else {@code ~/.config/nodeward}), the audit checkpoint it
 * last verified in the state directory ({@code $XDG_STATE_HOME/nodeward}, else {@code ~/.local/state/nodeward}).
 * Relative values are ignored, as the specification says.
 */
public final class Xdg {

  private Xdg() {
  }

  public static Path configDir(Map<String, String> env) {
    return base(env, "XDG_CONFIG_HOME", ".config").resolve("nodeward");
  }

  public static Path stateDir(Map<String, String> env) {
    return base(env, "XDG_STATE_HOME", ".local/state").resolve("nodeward");
  }

  private static Path base(Map<String, String> env, String variable, String underHome) {
    String value = env.get(variable);
    if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
      return Path.of(value);
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home).resolve(underHome);
  }
}
