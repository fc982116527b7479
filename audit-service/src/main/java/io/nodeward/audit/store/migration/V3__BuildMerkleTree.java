package io.nodeward.audit.store.migration;

import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.audit.domain.log.Tile;
import io.nodeward.audit.domain.log.TreeEdge;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Builds the Merkle tree over records written before the log existed (the hash-chain era): leaf i is record i+1,
 * its input the stored canonical JSON, exactly as ingest does it now. Refuses a trail whose first records were
 * already pruned: their leaves cannot be recomputed, and a tree that starts in the middle would not be RFC 9162's.
 */
public class V3__BuildMerkleTree extends BaseJavaMigration {

  private static final int BATCH = 4096;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    long first;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(sequence) FROM audit_event")) {
      rs.next();
      first = rs.getLong(1);
      if (rs.wasNull()) {
        return;
      }
    }
    if (first != 1) {
      throw new IllegalStateException("records 1 to " + (first - 1) + " were pruned before the Merkle log existed, so its "
          + "tree cannot be built; export the trail (GET /v1/audit/export) and start a new database");
    }
    TreeEdge edge = TreeEdge.empty();
    List<byte[]> leaves = new ArrayList<>(BATCH);
    long expected = 1;
    try (PreparedStatement s = c.prepareStatement("SELECT sequence, data FROM audit_event ORDER BY sequence")) {
      s.setFetchSize(500);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) != expected++) {
            throw new IllegalStateException("record " + (expected - 1) + " is missing: verify the old trail before migrating");
          }
          leaves.add(MerkleHash.leaf(rs.getString(2).getBytes(StandardCharsets.UTF_8)));
          if (leaves.size() == BATCH) {
            store(c, edge.append(leaves));
            leaves.clear();
          }
        }
      }
    }
    store(c, edge.append(leaves));
  }

  private static void store(Connection c, Collection<Tile> tiles) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_tile (level, tile_index, hashes) VALUES (?, ?, ?) "
        + "ON CONFLICT (level, tile_index) DO UPDATE SET hashes = excluded.hashes")) {
      for (Tile tile : tiles) {
        s.setInt(1, tile.level());
        s.setLong(2, tile.index());
        s.setBytes(3, tile.hashes());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
