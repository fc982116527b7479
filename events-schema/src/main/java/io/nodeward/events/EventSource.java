package io.nodeward.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one form of a nodeward CloudEvent {@code source}: {@code /nodeward/<service>/<instanceId>} (CloudEvents
 * §3.1.1: a URI-reference naming the producer). With {@code id} it identifies an event exactly once; the service
 * part says which producer role an event claims, which the signature check holds it to.
 */
public record EventSource(String service, String instanceId) {

  private static final String PREFIX = "/nodeward/";
  private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
  private static final Pattern FORM = Pattern.compile("/nodeward/(" + SERVICE.pattern() + ")/(" + INSTANCE.pattern() + ")");

  public EventSource {
    if (service == null || !SERVICE.matcher(service).matches()) {
      throw new IllegalArgumentException("a service name is lower-case letters, digits and '-', not " + service);
    }
    if (instanceId == null || !INSTANCE.matcher(instanceId).matches()) {
      throw new IllegalArgumentException("an instance id is 1-128 of letters, digits, '.', '_', '@', '-', not " + instanceId);
    }
  }

  public static EventSource of(String service, String instanceId) {
    return new EventSource(service, instanceId);
  }

  /** The source of an event received: fails for anything that is not {@code /nodeward/<service>/<instanceId>}. */
  public static EventSource parse(String source) {
    Matcher m = FORM.matcher(Objects.requireNonNull(source, "source"));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a nodeward event source (/nodeward/<service>/<instanceId>)");
    }
    return new EventSource(m.group(1), m.group(2));
  }

  /** Whether {@code source} has the nodeward form. */
  public static boolean isValid(String source) {
    return source != null && FORM.matcher(source).matches();
  }

  /**
   * This machine's host name, made safe for an instance id: in a container it is the container id, which tells
   * replicas apart; "localhost" if the name cannot be found.
   */
  public static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String safe = host.replaceAll("[^A-Za-z0-9._@-]", "-");
    safe = safe.length() > 128 ? safe.substring(0, 128) : safe;
    return safe.isEmpty() ? "localhost" : safe;
  }

  @Override
  public String toString() {
    return PREFIX + service + "/" + instanceId;
  }
}
