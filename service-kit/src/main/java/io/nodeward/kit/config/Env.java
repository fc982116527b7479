package io.nodeward.kit.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Typed reads of environment variables, each with its default and its bounds, failing with a
 * {@link ConfigException} that names the variable. Services build one immutable config record from it at start.
 */
public final class Env {

  private final Map<String, String> values;
  /** Every variable a config asked for, set or not: lets a test hold compose files and the README to the code. */
  private final Set<String> asked;

  private Env(Map<String, String> values, Set<String> asked) {
    this.values = Map.copyOf(values);
    this.asked = asked;
  }

  public static Env of(Map<String, String> values) {
    return new Env(values, java.util.concurrent.ConcurrentHashMap.newKeySet());
  }

  public static Env system() {
    return of(System.getenv());
  }

  /** This environment with {@code overrides} on top: how tests and the one-process stack configure services. */
  public Env with(Map<String, String> overrides) {
    Map<String, String> merged = new java.util.HashMap<>(values);
    merged.putAll(overrides);
    return new Env(merged, asked); // what the derived Env is asked counts as asked of this one
  }

  /** The names of every variable read so far through this Env . */
  public Set<String> askedFor() {
    return Set.copyOf(asked);
  }

  private String raw(String name) {
    asked.add(name);
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public boolean isSet(String name) {
    return raw(name) != null;
  }

  public String string(String name, String defaultValue) {
    String value = raw(name);
    return value != null ? value : defaultValue;
  }

  public String required(String name) {
    String value = raw(name);
    if (value == null) {
      throw new ConfigException(name, "is required");
    }
    return value;
  }

  /** A secret: same as {@link #string}, named apart so that call sites show where secrets come from. */
  public String secret(String name, String defaultValue) {
    return string(name, defaultValue);
  }

  public int integer(String name, int defaultValue, int min, int max) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new ConfigException(name, "must be between " + min + " and " + max + ", was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be an integer");
    }
  }

  public long longValue(String name, long defaultValue, long min, long max) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        throw new ConfigException(name, "must be between " + min + " and " + max + ", was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be an integer");
    }
  }

  /** A TCP port; 0 lets the system pick one (tests). */
  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 0, 65535);
  }

  public boolean bool(String name, boolean defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name, "must be true or false");
    };
  }

  /** An ISO-8601 duration (PT30S, P7D) or a number with a unit suffix: 500ms, 30s, 5m, 2h, 7d. */
  public Duration duration(String name, Duration defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return parseDuration(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ConfigException(name, "must be a duration such as 30s, 5m, 7d or PT30S");
    }
  }

  static Duration parseDuration(String value) {
    String v = value.trim();
    if (v.startsWith("P") || v.startsWith("p")) {
      return Duration.parse(v);
    }
    if (v.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    }
    long amount = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new NumberFormatException("no unit");
    };
  }

  public Path path(String name, Path defaultValue) {
    String value = raw(name);
    return value != null ? Path.of(value) : defaultValue;
  }

  public URI uri(String name, String defaultValue) {
    String value = string(name, defaultValue);
    if (value == null) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new ConfigException(name, "must be an absolute URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, "must be an absolute URL");
    }
  }

  /** A comma-separated list; blanks dropped. */
  public List<String> list(String name, String defaultValue) {
    String value = string(name, defaultValue);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
    return choice(name, defaultValue, Arrays.stream(type.getEnumConstants())
        .collect(Collectors.toMap(e -> e.name().toLowerCase().replace('_', '-'), Function.identity())));
  }

  private <T> T choice(String name, T defaultValue, Map<String, T> choices) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    T chosen = choices.get(value.toLowerCase().replace('_', '-'));
    if (chosen == null) {
      Set<String> names = new java.util.TreeSet<>(choices.keySet());
      throw new ConfigException(name, "must be one of " + names);
    }
    return chosen;
  }
}
