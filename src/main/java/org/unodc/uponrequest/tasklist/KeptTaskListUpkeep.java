package org.unodc.uponrequest.tasklist;

import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the kept task list against the engine's tables at start-up (before the web server takes
 * requests) and every
 * {@code uponrequest.tasklist.kept-list-check} (a database restored or changed by hand, a race
 * the flush cannot see), and repairs it when it is stale. Until it is repaired, the lists are
 * answered without it. Any node may repair: it touches only the rows that differ, and trusts the
 * list again only if nothing marked it stale meanwhile.
 */
@Component
@ConditionalOnProperty(name = "uponrequest.tasklist.kept-lists", havingValue = "true", matchIfMissing = true)
class KeptTaskListUpkeep implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(KeptTaskListUpkeep.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Duration checkEvery;
  private volatile long lastCheck;
  private volatile boolean ready;

  KeptTaskListUpkeep(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      @Value("${uponrequest.tasklist.kept-list-check:PT1H}") Duration checkEvery) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.checkEvery = checkEvery;
  }

  /** Before the web server takes requests, so that the first lists are read from the list already. */
  @Override
  public void afterSingletonsInstantiated() {
    check();
    ready = true;
  }

  @Scheduled(initialDelayString = "${uponrequest.tasklist.kept-list-repair:PT30S}",
      fixedDelayString = "${uponrequest.tasklist.kept-list-repair:PT30S}")
  void regularly() {
    if (!ready) {
      return;
    }
    if (System.nanoTime() - lastCheck >= checkEvery.toNanos()) {
      check();
    } else {
      repairIfStale();
    }
  }

  /** Compares the list with the engine's tables; marks it stale and repairs it when they differ. */
  synchronized void check() {
    lastCheck = System.nanoTime();
    try {
      long differences = inTransaction(db -> {
        KeptTaskList.createState(db);
        return KeptTaskList.differences(db);
      });
      if (differences > 0) {
        LOG.warn("Kept task list: {} row(s) differ from the engine's tables; repairing", differences);
        inTransaction(db -> {
          KeptTaskList.markStale(db);
          return null;
        });
      }
      repairIfStale();
    } catch (RuntimeException e) {
      // the product starts and serves all the same: a list not trusted is not read
      LOG.warn("Kept task list: could not check it ({}); the lists are answered without it until it is", e.getMessage());
    }
  }

  /** Repairs a stale list; true when it can be trusted afterwards. */
  synchronized boolean repairIfStale() {
    try {
      Boolean trusted = inTransaction(db -> {
        Long version = KeptTaskList.version(db);
        if (version == null || KeptTaskList.trustedVersion(db) != null) {
          return version != null;
        }
        int rows = KeptTaskList.repair(db);
        boolean same = KeptTaskList.differences(db) == 0;
        boolean trust = same && KeptTaskList.trust(db, version);
        LOG.info("Kept task list: {} row(s) repaired; {}", rows, trust ? "trusted again" : "still stale, tried again later");
        return trust;
      });
      return Boolean.TRUE.equals(trusted);
    } catch (RuntimeException e) {
      LOG.warn("Kept task list: could not repair it ({}); tried again later", e.getMessage());
      return false;
    }
  }

  private interface Work<T> {
    T on(java.sql.Connection db) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    return transaction.execute(status -> jdbc.execute((ConnectionCallback<T>) work::on));
  }
}
