package io.nodeward.cli.output;

/** {@code --output}: tables and sentences for people, JSON for scripts. */
public enum OutputFormat {
  table,
  json
}
