package org.unodc.uponrequest.tasklist;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
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

  /**
   * Repairs a stale list; true when it can be trusted afterwards. The differing tasks' rows are written
   * again a chunk per transaction, each task locked as a flush locks it, so that officers' writes to
   * those tasks wait for a chunk at most, never for the whole repair.
   */
  synchronized boolean repairIfStale() {
    try {
      Long version = inTransaction(db -> KeptTaskList.trustedVersion(db) == null ? KeptTaskList.version(db) : null);
      if (version == null) {
        return inTransaction(db -> KeptTaskList.trustedVersion(db) != null);
      }
      long began = System.nanoTime();
      SortedSet<String> differing = inTransaction(KeptTaskList::differingTasks);
      for (List<String> chunk : KeptTaskList.chunks(differing)) {
        inTransaction(db -> {
          KeptTaskList.rewrite(db, chunk);
          return null;
        });
      }
      boolean trust = inTransaction(db -> KeptTaskList.differences(db) == 0 && KeptTaskList.trust(db, version));
      LOG.info("Kept task list: rows of {} task(s) repaired in {} ms; {}", differing.size(),
          (System.nanoTime() - began) / 1_000_000, trust ? "trusted again" : "still stale, tried again later");
      return trust;
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
