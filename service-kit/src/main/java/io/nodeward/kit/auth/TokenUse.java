package io.nodeward.kit.auth;

import java.util.Optional;

/** Cognito's {@code token_use} claim: the two kinds of JWT a user pool issues. */
public enum TokenUse {
  ACCESS("access"),
  ID("id");

  private final String claimValue;

  TokenUse(String claimValue) {
    this.claimValue = claimValue;
  }

  public String claimValue() {
    return claimValue;
  }

  public static Optional<TokenUse> fromClaim(Object value) {
    for (TokenUse use : values()) {
      if (use.claimValue.equals(value)) {
        return Optional.of(use);
      }
    }
    return Optional.empty();
  }
}
