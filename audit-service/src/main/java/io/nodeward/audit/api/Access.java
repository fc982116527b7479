package io.nodeward.audit.api;

import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;

/**
 * Who sees what: auditors and admins see the whole trail; everyone else (node owners) sees only records whose
 * user id is their own Cognito {@code sub}. Asking for someone else's records is refused rather than silently
 * narrowed, so a client never mistakes an empty answer for "nothing happened".
 */
final class Access {

  private Access() {
  }

  static boolean seesEverything(Principal principal) {
    return principal.isAdmin() || principal.isAuditor();
  }

  static AuditQuery scope(Principal principal, AuditQuery query) {
    if (seesEverything(principal)) {
      return query;
    }
    requireOwn(principal, query.userId());
    return query.withUserId(principal.userId());
  }

  static SummaryQuery scope(Principal principal, SummaryQuery query) {
    return seesEverything(principal) ? query : query.withUserId(principal.userId());
  }

  static void requireAuditor(Principal principal) {
    if (!seesEverything(principal)) {
      throw Problems.forbidden("AUDITOR_ONLY", "Only auditors and admins may do this.");
    }
  }

  private static void requireOwn(Principal principal, String userId) {
    if (userId != null && !userId.equals(principal.userId())) {
      throw Problems.forbidden("NOT_YOUR_RECORDS", "Node owners may only query their own records.");
    }
  }
}
