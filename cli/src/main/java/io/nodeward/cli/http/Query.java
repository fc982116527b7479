package io.nodeward.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A query string built from optional parameters: a null value is left out. */
public final class Query {

  private final StringBuilder text = new StringBuilder();

  public static Query of() {
    return new Query();
  }

  public Query add(String name, Object value) {
    if (value != null) {
      text.append(text.length() == 0 ? '?' : '&').append(encode(name)).append('=').append(encode(value.toString()));
    }
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /** One path segment, percent-encoded (a space is %20 there, not +). */
  public static String segment(String value) {
    return encode(value).replace("+", "%20");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
