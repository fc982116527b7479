package io.nodeward.issuer.domain;

import io.nodeward.events.RevocationReason;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Revocation reasons as callers spell them: nodeward's names ({@code KEY_COMPROMISE}), RFC 5280 §5.3.1's
 * ({@code keyCompromise}, {@code cACompromise}) and kebab-case ({@code key-compromise}), in any case.
 * {@code certificateHold} and {@code removeFromCRL} are not offered: a nodeward revocation is final.
 */
public final class RevocationReasons {

  /** Keyed by the spelling with case, '-' and '_' removed. */
  private static final Map<String, RevocationReason> BY_FOLDED_NAME = Map.ofEntries(
      Map.entry("unspecified", RevocationReason.UNSPECIFIED),
      Map.entry("keycompromise", RevocationReason.KEY_COMPROMISE),
      Map.entry("cacompromise", RevocationReason.CERTIFICATE_AUTHORITY_COMPROMISE),
      Map.entry("certificateauthoritycompromise", RevocationReason.CERTIFICATE_AUTHORITY_COMPROMISE),
      Map.entry("affiliationchanged", RevocationReason.AFFILIATION_CHANGED),
      Map.entry("superseded", RevocationReason.SUPERSEDED),
      Map.entry("cessationofoperation", RevocationReason.CESSATION_OF_OPERATION),
      Map.entry("privilegewithdrawn", RevocationReason.PRIVILEGE_WITHDRAWN),
      Map.entry("aacompromise", RevocationReason.A_A_COMPROMISE));

  private RevocationReasons() {
  }

  public static Optional<RevocationReason> parse(String spelling) {
    if (spelling == null || spelling.length() > 64) {
      return Optional.empty();
    }
    String folded = spelling.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    return Optional.ofNullable(BY_FOLDED_NAME.get(folded));
  }

  /** RFC 5280 §5.3.1 CRLReason code. */
  public static int crlReasonCode(RevocationReason reason) {
    return switch (reason) {
      case UNSPECIFIED -> 0;
      case KEY_COMPROMISE -> 1;
      case CERTIFICATE_AUTHORITY_COMPROMISE -> 2;
      case AFFILIATION_CHANGED -> 3;
      case SUPERSEDED -> 4;
      case CESSATION_OF_OPERATION -> 5;
      case PRIVILEGE_WITHDRAWN -> 9;
      case A_A_COMPROMISE -> 10;
    };
  }
}
