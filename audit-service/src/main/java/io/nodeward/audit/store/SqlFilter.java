package io.nodeward.audit.store;

import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.events.EventType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A WHERE clause built from validated filters; values always travel as bind parameters. */
final class SqlFilter {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  static SqlFilter of(AuditQuery q) {
    SqlFilter f = new SqlFilter();
    f.types(q.types());
    f.optional("user_id = ?", q.userId());
    f.optional("node_id = ?", q.nodeId());
    f.optional("serial = ?", q.serial());
    f.optional("effect = ?", q.effect());
    f.optional("reason = ?", q.reason());
    if (q.from() != null) {
      f.and("event_time >= ?", RecordTable.micros(q.from()));
    }
    if (q.to() != null) {
      f.and("event_time < ?", RecordTable.micros(q.to()));
    }
    return f;
  }

  void types(Set<EventType> types) {
    if (types.isEmpty()) {
      return;
    }
    List<String> names = types.stream().map(EventType::type).sorted().toList();
    conditions.add("type IN (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")");
    values.addAll(names);
  }

  private void optional(String condition, String value) {
    if (value != null) {
      and(condition, value);
    }
  }

  void and(String condition, Object value) {
    conditions.add(condition);
    values.add(value);
  }

  String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  int bind(PreparedStatement s, int first) throws SQLException {
    int i = first;
    for (Object value : values) {
      if (value instanceof Long l) {
        s.setLong(i++, l);
      } else {
        s.setString(i++, (String) value);
      }
    }
    return i;
  }
}
