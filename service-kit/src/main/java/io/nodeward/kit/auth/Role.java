package io.nodeward.kit.auth;

import java.util.Set;

/** What a signed-in person may do, derived from their Cognito groups. */
public enum Role {
  ADMIN,
  AUDITOR,
  OWNER;

  public static final String ADMIN_GROUP = "admin";
  public static final String AUDITOR_GROUP = "auditor";

  /** The strongest role the groups grant; someone in no known group owns nodes and nothing more. */
  public static Role fromGroups(Set<String> groups) {
    if (groups.contains(ADMIN_GROUP)) {
      return ADMIN;
    }
    if (groups.contains(AUDITOR_GROUP)) {
      return AUDITOR;
    }
    return OWNER;
  }
}
