package io.nodeward.identity;

import java.util.List;

/**
 * DEV ONLY. The users a fresh dev pool starts with, and their well-known passwords. Only the hashes are
 * written to {@code users.json}; the plaintext is here so developers and tests can sign in.
 */
public final class DevUsers {

  /** A username, password and the groups the user starts in. */
  public record Credentials(String username, String password, List<String> groups) {
    @Override
    public String toString() {
      return "Credentials[" + username + "]";
    }
  }

  public static final Credentials ADMIN = new Credentials("admin", "admin-dev-password", List.of("admin"));
  public static final Credentials AUDITOR = new Credentials("auditor", "auditor-dev-password", List.of("auditor"));
  public static final Credentials ALICE = new Credentials("alice", "alice-dev-password", List.of());
  public static final Credentials BOB = new Credentials("bob", "bob-dev-password", List.of());

  public static final List<Credentials> SEED = List.of(ADMIN, AUDITOR, ALICE, BOB);

  /** Seed users get {@code <username>@nodeward.dev}. */
  public static String email(String username) {
    return username + "@nodeward.dev";
  }

  private DevUsers() {
  }
}
