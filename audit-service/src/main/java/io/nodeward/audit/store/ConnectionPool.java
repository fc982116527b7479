package io.nodeward.audit.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A small fixed pool of JDBC connections: enough for a handful of concurrent queries and exports next to the
 * single writer. A connection that failed is closed instead of returned, so a dropped database link heals.
 */
final class ConnectionPool implements AutoCloseable {

  interface Opener {
    Connection open() throws SQLException;
  }

  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws Exception;
  }

  private final Opener opener;
  private final BlockingQueue<Connection> idle;
  private final Semaphore permits;
  private final List<Connection> all = new ArrayList<>();
  private volatile boolean closed;

  ConnectionPool(Opener opener, int size) {
    this.opener = opener;
    this.idle = new ArrayBlockingQueue<>(size);
    this.permits = new Semaphore(size, true);
  }

  <T> T with(String operation, Work<T> work) {
    if (closed) {
      throw new StoreException(operation, new SQLException("store closed"));
    }
    permits.acquireUninterruptibly();
    Connection connection = null;
    boolean healthy = false;
    try {
      connection = idle.poll();
      if (connection == null) {
        connection = opener.open();
        synchronized (all) {
          all.add(connection);
        }
      }
      T result = work.apply(connection);
      healthy = true;
      return result;
    } catch (StoreException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException(operation, e);
    } finally {
      release(connection, healthy);
      permits.release();
    }
  }

  private void release(Connection connection, boolean healthy) {
    if (connection == null) {
      return;
    }
    try {
      if (healthy && !closed && !connection.isClosed()) {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        idle.add(connection);
        return;
      }
    } catch (SQLException e) {
      // fall through: discard it
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // already broken
    }
    synchronized (all) {
      all.remove(connection);
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      all.clear();
    }
    idle.clear();
  }
}
