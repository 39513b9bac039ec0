package dev.tcpunit.samples.mariadb;

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
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MariaDB Connector/J 3 holds one socket per {@link Connection} and has no reconnect: a reset or a
 * read past {@code socketTimeout} fails the statement with a {@link
 * SQLNonTransientConnectionException} (SQLState 08000) and closes the connection for good.
 */
@DisplayName("MariaDB Connector/J against the local MariaDB, through tcpunit's proxy")
@EnabledIfReachable(
    host = "127.0.0.1",
    port = 3306,
    disabledReason = "needs MariaDB with user root, no password, and a database 'test'")
@Timeout(60)
class MariaDbSample {

  @Proxied(upstream = "127.0.0.1:3306")
  InProcessProxy proxy;

  @Test
  @DisplayName("fails the first statement after a reset while idle with 08000, then stays closed")
  void resetWhileIdle() throws Exception {
    try (Connection connection = connect("")) {
      assertThat(selectOne(connection)).isEqualTo(1);

      proxy.resetAll();
      proxy.probe().awaitAllClosed(Duration.ofSeconds(10));

      assertThatThrownBy(() -> selectOne(connection))
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageEndingWith("Socket error")
          .hasCauseInstanceOf(SocketException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08000"));
      assertThat(connection.isClosed()).isTrue();
      assertThatThrownBy(() -> selectOne(connection))
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageEndingWith("Connection is closed");
    }

    assertThat(proxy.probe()).hasConnections(1).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
  }

  @Test
  @DisplayName("gives up on an answer slower than socketTimeout and closes the connection (FIN)")
  void slowerThanTheSocketTimeout() throws SQLException {
    try (Connection connection = connect("&socketTimeout=1000")) {
      proxy.add(Toxic.latency(3_000));

      assertThatThrownBy(() -> selectOne(connection))
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageEndingWith("Socket timout error") // sic
          .hasCauseInstanceOf(SocketTimeoutException.class);
      assertThat(connection.isClosed()).isTrue();
    }

    assertThat(proxy.probe())
        .hasConnections(1)
        .allClosedWithin(Duration.ofSeconds(10))
        .connection(1)
        .wasClosedByClient()
        .lastedAtLeast(Duration.ofMillis(950));
  }

  private Connection connect(String parameters) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:"
            + proxy.listenAddress().getPort()
            + "/test?user=root"
            + parameters);
  }

  private static int selectOne(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
