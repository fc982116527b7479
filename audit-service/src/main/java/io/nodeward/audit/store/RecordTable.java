package io.nodeward.audit.store;

import io.nodeward.audit.domain.NewRecord;
import io.nodeward.audit.domain.RecordColumns;
import io.nodeward.audit.domain.StoredRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code audit_event} table's columns, declared once by name: the INSERT, PostgreSQL's COPY and every
 * SELECT are generated from this list, and rows are read back by column label, so no statement depends on
 * counting question marks.
 */
final class RecordTable {

  /** A row about to be written: the record and when it was stored. */
  record Row(NewRecord record, long storedAtMillis) {
    RecordColumns columns() {
      return record.event().columns();
    }
  }

  /** One column: its name, its JDBC type and how to take its value from a row. */
  record Column(String name, int sqlType, Function<Row, Object> value) {
  }

  static final List<Column> WRITTEN = List.of(
      new Column("sequence", Types.BIGINT, r -> r.record().sequence()),
      new Column("event_id", Types.VARCHAR, r -> r.columns().eventId()),
      new Column("type", Types.VARCHAR, r -> r.columns().type()),
      new Column("source", Types.VARCHAR, r -> r.columns().source()),
      new Column("event_time", Types.BIGINT, r -> micros(r.columns().time())),
      new Column("subject", Types.VARCHAR, r -> r.columns().subject()),
      new Column("user_id", Types.VARCHAR, r -> r.columns().userId()),
      new Column("node_id", Types.VARCHAR, r -> r.columns().nodeId()),
      new Column("serial", Types.VARCHAR, r -> r.columns().serial()),
      new Column("effect", Types.VARCHAR, r -> r.columns().effect()),
      new Column("reason", Types.VARCHAR, r -> r.columns().reason()),
      new Column("data", Types.VARCHAR, r -> r.record().event().canonicalJson()),
      new Column("kafka_topic", Types.VARCHAR, r -> r.record().event().topic()),
      new Column("kafka_partition", Types.INTEGER, r -> r.record().event().partition()),
      new Column("kafka_offset", Types.BIGINT, r -> r.record().event().offset()),
      new Column("stored_at", Types.BIGINT, Row::storedAtMillis));

  static final String NAMES = WRITTEN.stream().map(Column::name).collect(Collectors.joining(", "));

  /** What a read returns: everything but where it came from in Kafka and when it was stored. */
  static final String SELECTED = "sequence, event_id, type, source, event_time, subject, user_id, node_id, serial, "
      + "effect, reason, data";

  static final String INSERT = "INSERT INTO audit_event (" + NAMES + ") VALUES ("
      + WRITTEN.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";

  private RecordTable() {
  }

  static void bind(PreparedStatement statement, Row row) throws SQLException {
    for (int i = 0; i < WRITTEN.size(); i++) {
      Column column = WRITTEN.get(i);
      Object value = column.value().apply(row);
      if (value == null) {
        statement.setNull(i + 1, column.sqlType());
      } else {
        statement.setObject(i + 1, value, column.sqlType());
      }
    }
  }

  static StoredRecord read(ResultSet rs) throws SQLException {
    RecordColumns columns = new RecordColumns(rs.getString("event_id"), rs.getString("type"), rs.getString("source"),
        instant(rs.getLong("event_time")), rs.getString("subject"), rs.getString("user_id"), rs.getString("node_id"),
        rs.getString("serial"), rs.getString("effect"), rs.getString("reason"));
    return new StoredRecord(rs.getLong("sequence"), columns, rs.getString("data"));
  }

  /** Event times are stored as microseconds since the epoch: one integer type for both dialects. */
  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
