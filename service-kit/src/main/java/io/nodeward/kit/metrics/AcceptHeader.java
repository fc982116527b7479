package io.nodeward.kit.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which exposition format a scraper asked for in its {@code Accept} header (RFC 9110 §12.5.1): OpenMetrics
 * when it prefers it, Prometheus text otherwise. Pure, so the malformed cases are tested without a server.
 */
final class AcceptHeader {

  enum Format { PROMETHEUS_TEXT, OPENMETRICS }

  /** RFC 9110 token characters. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");
  static final int MAX_LENGTH = 1024;

  /** Thrown for a header that does not parse; the message says what is wrong, never echoing the header. */
  static final class MalformedAccept extends Exception {
    MalformedAccept(String message) {
      super(message, null, false, false);
    }
  }

  private record Range(String type, String subtype, double q) {
  }

  private AcceptHeader() {
  }

  /**
   * @return the format to answer with, or empty when the header names nothing this endpoint serves (406)
   * @throws MalformedAccept when the header is not a valid Accept value (400)
   */
  static Optional<Format> choose(String header) throws MalformedAccept {
    if (header == null || header.isBlank()) {
      return Optional.of(Format.PROMETHEUS_TEXT);
    }
    if (header.length() > MAX_LENGTH) {
      throw new MalformedAccept("The Accept header is longer than " + MAX_LENGTH + " characters.");
    }
    double text = -1;
    double openMetrics = -1;
    for (Range range : parse(header)) {
      if (range.q() <= 0) {
        continue;
      }
      if (matches(range, "text", "plain")) {
        text = Math.max(text, range.q());
      }
      if (matches(range, "application", "openmetrics-text")) {
        openMetrics = Math.max(openMetrics, range.q());
      }
    }
    if (text < 0 && openMetrics < 0) {
      return Optional.empty();
    }
    return Optional.of(openMetrics > text ? Format.OPENMETRICS : Format.PROMETHEUS_TEXT);
  }

  private static boolean matches(Range range, String type, String subtype) {
    return "*".equals(range.type()) && "*".equals(range.subtype())
        || type.equals(range.type()) && ("*".equals(range.subtype()) || subtype.equals(range.subtype()));
  }

  private static List<Range> parse(String header) throws MalformedAccept {
    List<Range> ranges = new ArrayList<>();
    for (String element : header.split(",", -1)) {
      String trimmed = element.strip();
      if (trimmed.isEmpty()) {
        continue; // RFC 9110 §5.6.1: empty list elements are allowed and ignored
      }
      String[] parts = trimmed.split(";", -1);
      String[] typeAndSub = parts[0].strip().split("/", -1);
      if (typeAndSub.length != 2 || !TOKEN.matcher(typeAndSub[0]).matches() || !TOKEN.matcher(typeAndSub[1]).matches()
          || "*".equals(typeAndSub[0]) && !"*".equals(typeAndSub[1])) {
        throw new MalformedAccept("The Accept header holds a media range that is not type/subtype.");
      }
      double q = 1.0;
      for (int i = 1; i < parts.length; i++) {
        String[] parameter = parts[i].strip().split("=", 2);
        if (parameter.length != 2 || !TOKEN.matcher(parameter[0].strip()).matches() || parameter[1].isBlank()) {
          throw new MalformedAccept("The Accept header holds a parameter that is not name=value.");
        }
        if ("q".equalsIgnoreCase(parameter[0].strip())) {
          String value = parameter[1].strip();
          if (!QVALUE.matcher(value).matches()) {
            throw new MalformedAccept("The Accept header holds a q value outside 0 to 1.");
          }
          q = Double.parseDouble(value);
        }
      }
      ranges.add(new Range(typeAndSub[0].toLowerCase(Locale.ROOT), typeAndSub[1].toLowerCase(Locale.ROOT), q));
    }
    return ranges;
  }
}
