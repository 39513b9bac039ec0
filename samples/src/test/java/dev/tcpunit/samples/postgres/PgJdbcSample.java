package dev.tcpunit.samples.postgres;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.junit.EnabledIfReachable;
import dev.tcpunit.junit.Proxied;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pgjdbc holds one socket per {@link Connection} and never reconnects it: any I/O error, a reset or
 * a read that outlives {@code socketTimeout}, fails the statement with SQLState 08006 and closes
 * the connection for good (08003 afterwards). A reset that arrives with the answer loses only the
 * answer: the statement has run. A statement timeout, by contrast, keeps the connection and cancels
 * the statement over a second, short connection.
 */
@DisplayName("pgjdbc against the local PostgreSQL, through tcpunit's proxy")
@EnabledIfReachable(
    host = "127.0.0.1",
    port = 5432,
    disabledReason = "needs PostgreSQL with trust auth for user postgres and a database 'test'")
@Timeout(60)
class PgJdbcSample {

  private static final String POSTGRES = "127.0.0.1:5432";

  private final String table = "tcpunit_pgjdbc_" + UUID.randomUUID().toString().replace('-', '_');

  @Proxied(upstream = POSTGRES)
  InProcessProxy proxy;

  private Connection direct;

  @BeforeEach
  void createTable() throws SQLException {
    direct = DriverManager.getConnection("jdbc:postgresql://" + POSTGRES + "/test", credentials());
    update(direct, "create table " + table + " (id int primary key)");
  }

  @AfterEach
  void dropTable() throws SQLException {
    try (Connection connection = direct) {
      update(connection, "drop table if exists " + table);
    }
  }

  @Test
  @DisplayName("fails the first statement after a reset while idle with 08006, then stays closed")
  void resetWhileIdle() throws Exception {
    try (Connection connection = connect("")) {
      assertThat(count(connection)).isZero();

      proxy.resetAll();
      proxy.probe().awaitAllClosed(Duration.ofSeconds(10));

      assertThatThrownBy(() -> count(connection))
          .isInstanceOf(SQLException.class)
          .hasMessage("An I/O error occurred while sending to the backend.")
          .hasCauseInstanceOf(SocketException.class)
          .satisfies(sqlState("08006"));
      assertThat(connection.isClosed()).isTrue();
      assertThatThrownBy(() -> count(connection))
          .isInstanceOf(SQLException.class)
          .hasMessage("This connection has been closed.")
          .satisfies(sqlState("08003"));
    }

    // No reconnect: the driver never opened a second connection.
    assertThat(proxy.probe()).hasConnections(1).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
  }

  @Test
  @DisplayName("loses only the answer when the reset comes with it: the INSERT was committed")
  void resetMidQuery() throws SQLException {
    try (Connection connection = connect("")) {
      proxy.add(Toxic.resetPeer(0)); // the first bytes of the answer trigger the reset

      assertThatThrownBy(() -> update(connection, "insert into " + table + " values (1)"))
          .isInstanceOf(SQLException.class)
          .hasMessage("An I/O error occurred while sending to the backend.")
          .hasCauseInstanceOf(SocketException.class)
          .satisfies(sqlState("08006"));
      assertThat(connection.isClosed()).isTrue();
    }

    // The caller cannot tell whether the INSERT ran; it did (autocommit).
    assertThat(count(direct)).isEqualTo(1);
    assertThat(proxy.probe()).hasConnections(1).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
  }

  @Test
  @DisplayName("gives up on an answer slower than socketTimeout and closes the connection (FIN)")
  void slowerThanTheSocketTimeout() throws SQLException {
    try (Connection connection = connect("?socketTimeout=1")) {
      proxy.add(Toxic.latency(3_000));

      assertThatThrownBy(() -> count(connection))
          .isInstanceOf(SQLException.class)
          .hasMessage("An I/O error occurred while sending to the backend.")
          .hasCauseInstanceOf(SocketTimeoutException.class)
          .satisfies(sqlState("08006"));
      assertThat(connection.isClosed()).isTrue();
    }

    assertThat(proxy.probe())
        .hasConnections(1)
        .allClosedWithin(Duration.ofSeconds(10))
        .connection(1)
        .wasClosedByClient()
        .lastedAtLeast(Duration.ofMillis(950));
  }

  @Test
  @DisplayName(
      "cancels a statement past its query timeout over a second connection and keeps the first")
  void queryTimeout() throws SQLException {
    try (Connection connection = connect("")) {
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(1);
        assertThatThrownBy(() -> statement.executeQuery("select pg_sleep(30)"))
            .isInstanceOf(SQLException.class)
            .hasMessage("ERROR: canceling statement due to user request")
            .satisfies(sqlState("57014"));
      }
      assertThat(count(connection)).isZero(); // the same connection still works
    }

    // #2 carried the 16-byte CancelRequest; the server closed it without a word.
    assertThat(proxy.probe()).hasConnections(2).allClosedWithin(Duration.ofSeconds(10)).noneReset();
    assertThat(proxy.probe()).connection(2).wasClosedByServer().receivedBytes(16).sentBytes(0);
  }

  private Connection connect(String parameters) throws SQLException {
    String url =
        "jdbc:postgresql://127.0.0.1:" + proxy.listenAddress().getPort() + "/test" + parameters;
    return DriverManager.getConnection(url, credentials());
  }

  private int count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void update(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  static ThrowingConsumer<Throwable> sqlState(String expected) {
    return e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(expected);
  }

  static Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    return properties;
  }
}
