package io.nodeward.cli.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a global option's value comes from when it is not on the command line: the variable
 * {@code NODEWARD_CLI_<NAME>} (e.g. {@code NODEWARD_CLI_ISSUER_URL}), else the settings file, else the built-in
 * default (the embedded stack on 127.0.0.1). The settings file is read only when a value is looked up in it.
 */
public final class SettingsDefaults implements IDefaultValueProvider {

  /** The global options' long names without dashes, and login's redirect: also the settings file's keys. */
  public static final Set<String> KEYS = Set.of("issuer-url", "issuer-mtls-url", "audit-url", "idp-url", "hosted-ui-url",
      "client-id", "gateway-url", "output", "redirect-uri");

  private final Map<String, String> env;
  private ConfigFile file;

  public SettingsDefaults(Map<String, String> env) {
    this.env = env;
  }

  public static String variable(String key) {
    return "NODEWARD_CLI_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    String key = option.longestName().replaceFirst("^--", "");
    if (!KEYS.contains(key)) {
      return null;
    }
    String fromEnv = env.get(variable(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    return file().get(key);
  }

  private ConfigFile file() {
    if (file == null) {
      file = ConfigFile.load(ConfigFile.location(env), KEYS);
    }
    return file;
  }
}
