package io.nodeward.audit.store;

/** The SQL databases the trail can live in; each has its own migration folder {@code db/<name>/}. */
public enum Dialect {
  POSTGRES("postgres", "jdbc:postgresql:"),
  SQLITE("sqlite", "jdbc:sqlite:");

  private final String folder;
  private final String urlPrefix;

  Dialect(String folder, String urlPrefix) {
    this.folder = folder;
    this.urlPrefix = urlPrefix;
  }

  public String folder() {
    return folder;
  }

  public static Dialect ofJdbcUrl(String url) {
    for (Dialect dialect : values()) {
      if (url != null && url.startsWith(dialect.urlPrefix)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException("unsupported JDBC URL: expected jdbc:postgresql: or jdbc:sqlite:");
  }
}
