package dev.tcpunit.samples.postgres;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tcpunit.junit.EnabledIfReachable;
import dev.tcpunit.junit.Proxied;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.InProcessProxy;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HikariCP over pgjdbc, with one pooled connection that the network resets while it sits idle.
 * Whether the caller sees the reset depends on Hikari's alive-bypass window (system property {@code
 * com.zaxxer.hikari.aliveBypassWindowMs}, 500 ms by default): a connection used more recently than
 * that is lent without validation, so the first statement fails and Hikari evicts the connection;
 * an older one is validated ({@code Connection.isValid}) on borrow, found dead, evicted and
 * replaced before the caller gets it. The samples pin the window to make either case deterministic.
 */
@DisplayName("HikariCP over pgjdbc against the local PostgreSQL, through tcpunit's proxy")
@EnabledIfReachable(
    host = "127.0.0.1",
    port = 5432,
    disabledReason = "needs PostgreSQL with trust auth for user postgres and a database 'test'")
@Timeout(60)
class HikariCpSample {

  private static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";

  @Proxied(upstream = "127.0.0.1:5432")
  InProcessProxy proxy;

  @Test
  @DisplayName(
      "lends a connection reset within the alive-bypass window: one statement fails (08006),"
          + " Hikari evicts the connection, the next borrow opens a new one")
  void resetWithinTheBypassWindow() throws Exception {
    try (HikariDataSource pool = pool(Duration.ofMinutes(1))) {
      assertThat(selectOne(pool)).isEqualTo(1);

      proxy.resetAll();
      proxy.probe().awaitAllClosed(Duration.ofSeconds(10));

      assertThatThrownBy(() -> selectOne(pool))
          .isInstanceOf(SQLException.class)
          .hasMessage("An I/O error occurred while sending to the backend.")
          .hasCauseInstanceOf(SocketException.class)
          .satisfies(PgJdbcSample.sqlState("08006"));
      assertThat(selectOne(pool)).isEqualTo(1);
    }

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).retries().hasCount(1);
  }

  @Test
  @DisplayName(
      "validates a connection idle beyond the window on borrow, evicts it and opens a new one:"
          + " the caller never sees the reset")
  void resetBeyondTheBypassWindow() throws Exception {
    try (HikariDataSource pool = pool(Duration.ofMillis(-1))) { // every borrow validates
      assertThat(selectOne(pool)).isEqualTo(1);

      proxy.resetAll();
      proxy.probe().awaitAllClosed(Duration.ofSeconds(10));

      assertThat(selectOne(pool)).isEqualTo(1);
      assertThat(proxy.probe()).connection(2).isOpen();
    }

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).retries().hasCount(1).firstRetryWithin(Duration.ofSeconds(5));
  }

  /** A pool of one connection; the window applies to the pool created here, read at its start. */
  private HikariDataSource pool(Duration aliveBypassWindow) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.listenAddress().getPort() + "/test");
    config.setUsername("postgres");
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    System.setProperty(ALIVE_BYPASS_WINDOW, Long.toString(aliveBypassWindow.toMillis()));
    try {
      return new HikariDataSource(config);
    } finally {
      System.clearProperty(ALIVE_BYPASS_WINDOW);
    }
  }

  private static int selectOne(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
