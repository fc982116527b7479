package io.nodeward.kit.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who made a request, as proven by a verified Cognito token.
 *
 * @param userId the token's {@code sub}: stable for the user's lifetime, unlike the username
 * @param username {@code username} (access token) or {@code cognito:username} (ID token)
 * @param groups {@code cognito:groups}, empty if none
 * @param role derived from the groups
 * @param tokenUse which kind of token proved it
 * @param clientId the app client the token was issued to
 */
public record Principal(String userId, String username, Set<String> groups, Role role, TokenUse tokenUse, String clientId) {

  public Principal {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    groups = Set.copyOf(groups);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(tokenUse, "tokenUse");
    Objects.requireNonNull(clientId, "clientId");
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean isAuditor() {
    return role == Role.AUDITOR;
  }
}
