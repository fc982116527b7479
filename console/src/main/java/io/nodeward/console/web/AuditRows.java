package io.nodeward.console.web;

import io.nodeward.console.domain.AuditRecord;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.AuditRow;

/** Audit records as table rows. */
final class AuditRows {

  private AuditRows() {
  }

  static AuditRow row(AuditRecord r) {
    return new AuditRow(r.sequence(), Relative.utc(r.time()), r.typeLabel(), r.userId(), r.nodeId(), r.serial(), r.effect(),
        r.reason());
  }
}
