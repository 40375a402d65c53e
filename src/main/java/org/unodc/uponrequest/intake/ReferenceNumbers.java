package org.unodc.uponrequest.intake;

import java.sql.DatabaseMetaData;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues reference numbers {@code TA-<year>-<5 digits>}, counting from 1 each year, from one
 * database sequence per year ({@code UR_REFERENCE_<year>}), unique across nodes sharing the
 * database. A sequence takes no lock: the counter row it replaces was locked from registration
 * to commit, so filings registered one at a time and 50 clients filed no faster than 8 (ADR 0007).
 * The price is a gap where a filing rolls back after taking its number, and on H2 up to 31 unused
 * numbers after a crash; numbers still never repeat and still follow the order of filing.
 *
 * <p>The sequences of this year and the next are made at start and every day, so that no filing
 * has to make one: that takes a second pooled connection while the filing holds one (DDL would
 * end the filing's own transaction on H2), and a burst of such filings once held every connection
 * while each waited for another. A database that counted in {@code UR_REFERENCE_COUNTER} before
 * continues after its last number.
 */
@Component
public class ReferenceNumbers {

  static final int MOST_IN_A_YEAR = 99_999;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final boolean postgres;
  /** The years whose sequence this node has made or found. */
  private final Set<Year> prepared = ConcurrentHashMap.newKeySet();

  ReferenceNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.postgres = isPostgres(jdbc);
  }

  @EventListener(ApplicationReadyEvent.class)
  @Scheduled(cron = "0 0 0 * * *", zone = "UTC")
  void prepareYears() {
    Year now = Year.now(ZoneOffset.UTC);
    for (Year year : List.of(now, now.plusYears(1))) {
      prepare(year);
    }
  }

  String next(Year year) {
    if (!prepared.contains(year)) {
      // a year not made at start or midnight (the engine's clock moved, a node up for years): made
      // now in a transaction of its own, since DDL would end the filing's transaction on H2
      ownTransaction.executeWithoutResult(status -> prepare(year));
    }
    long value = jdbc.queryForObject(postgres ? "SELECT nextval('" + sequence(year) + "')"
        : "SELECT NEXT VALUE FOR " + sequence(year), Long.class);
    if (value > MOST_IN_A_YEAR) {
      throw new IllegalStateException("More than " + MOST_IN_A_YEAR + " requests in " + year
          + ": the reference format is exhausted");
    }
    return String.format(Locale.ROOT, "TA-%d-%05d", year.getValue(), value);
  }

  /**
   * Takes {@code count} of the year's numbers at once, in ascending order, for requests loaded in
   * bulk (metrics/history): from the year's own sequence, so that no filing, earlier or later, ever
   * gets one of them.
   */
  public List<String> reserve(Year year, int count) {
    if (!prepared.contains(year)) {
      ownTransaction.executeWithoutResult(status -> prepare(year));
    }
    // one prepared statement asked count times: a query over a range of rows would let H2 take a few numbers more
    List<Long> values = jdbc.execute((java.sql.Connection connection) -> {
      List<Long> taken = new java.util.ArrayList<>(count);
      try (java.sql.PreparedStatement statement = connection.prepareStatement(postgres
          ? "SELECT nextval('" + sequence(year) + "')" : "SELECT NEXT VALUE FOR " + sequence(year))) {
        for (int i = 0; i < count; i++) {
          try (java.sql.ResultSet result = statement.executeQuery()) {
            result.next();
            taken.add(result.getLong(1));
          }
        }
      }
      return taken;
    });
    values.sort(null);
    if (values.size() != count || (!values.isEmpty() && values.get(values.size() - 1) > MOST_IN_A_YEAR)) {
      throw new IllegalStateException("More than " + MOST_IN_A_YEAR + " requests in " + year
          + ": the reference format is exhausted");
    }
    return values.stream().map(value -> String.format(Locale.ROOT, "TA-%d-%05d", year.getValue(), value)).toList();
  }

  /** Makes the year's sequence if it is missing, after the year's last counted number if there is one. */
  void prepare(Year year) {
    if (prepared.contains(year)) {
      return;
    }
    List<Integer> counted = jdbc.queryForList("SELECT LAST_VALUE FROM UR_REFERENCE_COUNTER WHERE YEAR_ = ?",
        Integer.class, year.getValue());
    long start = counted.isEmpty() ? 1 : counted.get(0) + 1L;
    // H2 keeps a block of 32 numbers in memory and writes the block's end only, sparing a write of
    // its whole store per filing (12% of a filing's CPU with CACHE 1); after a crash it continues
    // after the block, so up to 31 numbers go unused. PostgreSQL's cache is per connection, which
    // would give numbers out of filing order, and it logs ahead in blocks anyway: CACHE 1 there.
    jdbc.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence(year) + " START WITH " + start + (postgres ? " CACHE 1" : ""));
    prepared.add(year);
  }

  static String sequence(Year year) {
    return "UR_REFERENCE_" + year.getValue();
  }

  private static boolean isPostgres(JdbcTemplate jdbc) {
    try {
      String product = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName);
      return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    } catch (Exception unknown) {
      return false;
    }
  }
}
