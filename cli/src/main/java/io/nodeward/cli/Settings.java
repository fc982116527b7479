package io.nodeward.cli;

import io.nodeward.cli.config.SettingsDefaults;
import io.nodeward.cli.core.CliFailure;
import java.net.URI;

/** Where the services are, after the command line, {@code NODEWARD_CLI_*} variables and the settings file had their say. */
public record Settings(URI issuerUrl, URI issuerMtlsUrl, URI auditUrl, URI idpUrl, URI hostedUiUrl, String clientId,
    URI gatewayUrl) {

  /** Every address must be absolute http(s); a bad one is a usage error naming the option and its variable. */
  public static URI url(String option, String value, boolean tls) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (java.net.URISyntaxException e) {
      throw invalid(option, value, "is not a URL");
    }
    String scheme = uri.getScheme();
    if (!("https".equals(scheme) || !tls && "http".equals(scheme)) || uri.getHost() == null) {
      throw invalid(option, value, tls ? "must be an https:// URL" : "must be an absolute http:// or https:// URL");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw invalid(option, value, "must not carry a query, fragment or user info");
    }
    return uri;
  }

  private static CliFailure invalid(String option, String value, String why) {
    return CliFailure.usage("INVALID_URL", "--" + option + " (or " + SettingsDefaults.variable(option) + ") '" + value
        + "' " + why + ".");
  }
}
