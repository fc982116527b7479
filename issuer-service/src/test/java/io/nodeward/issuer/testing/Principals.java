package io.nodeward.issuer.testing;

import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.Role;
import io.nodeward.kit.auth.TokenUse;
import java.util.Set;

/** Signed-in callers for tests of app/, as a verified access token would describe them. */
public final class Principals {

  private Principals() {
  }

  public static Principal owner(String userId) {
    return new Principal(userId, userId, Set.of(), Role.OWNER, TokenUse.ACCESS, "nodeward-cli");
  }

  public static Principal admin(String userId) {
    return new Principal(userId, userId, Set.of(Role.ADMIN_GROUP), Role.ADMIN, TokenUse.ACCESS, "nodeward-console");
  }
}
