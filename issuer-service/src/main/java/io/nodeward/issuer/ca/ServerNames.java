package io.nodeward.issuer.ca;

import io.nodeward.kit.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The host names and IP addresses a TLS server certificate names, read from a comma-separated variable. */
public record ServerNames(List<String> hostNames, List<InetAddress> addresses) {

  public ServerNames {
    hostNames = List.copyOf(hostNames);
    addresses = List.copyOf(addresses);
  }

  /** {@code localhost,127.0.0.1,issuer}: IP literals become address SANs, the rest DNS names (lower-cased). */
  public static ServerNames parse(String variable, List<String> names) {
    List<String> hosts = new ArrayList<>();
    List<InetAddress> addresses = new ArrayList<>();
    for (String name : names) {
      if (name.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*")) {
        addresses.add(literalAddress(variable, name));
      } else {
        hosts.add(name.toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (hosts.isEmpty() && addresses.isEmpty()) {
      throw new ConfigException(variable, "must name at least one host name or address");
    }
    return new ServerNames(hosts, addresses);
  }

  private static InetAddress literalAddress(String variable, String literal) {
    try {
      return InetAddress.getByName(literal); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new ConfigException(variable, "bad address " + literal);
    }
  }
}
