package org.unodc.uponrequest.tracking;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the product's own rows of a request once the engine's history cleanup has removed the
 * request's history: its index row and the states taking part, the reporting rows, its documents
 * and its mails. A request qualifies when it ended longer ago than the request process's history
 * time to live and Camunda holds no history of it any more, so the product never keeps what the
 * engine has let go, nor drops what the engine still shows. Runs daily after Camunda's batch window
 * ({@code uponrequest.history.cleanup-cron}), on every node: each batch is one short transaction
 * that deletes by key, so nodes running at once only repeat each other's work.
 */
@Component
public class EndedRequestsCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(EndedRequestsCleanup.class);
  static final int BATCH = 500;
  /** The tables holding rows of a request, children first; each is deleted by request id. */
  private static final List<String> BY_REQUEST = List.of(
      "DELETE FROM UR_DOCUMENT_CONTENT WHERE ID_ IN (SELECT ID_ FROM UR_DOCUMENT WHERE PROC_INST_ID_ IN (:ids))",
      "DELETE FROM UR_DOCUMENT WHERE PROC_INST_ID_ IN (:ids)",
      "DELETE FROM UR_REQUEST_STATE WHERE PROC_INST_ID_ IN (:ids)",
      "DELETE FROM UR_METRIC_FLOW WHERE PROC_INST_ID_ IN (:ids)",
      "DELETE FROM UR_METRIC_WAIT WHERE PROC_INST_ID_ IN (:ids)",
      "DELETE FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ IN (:ids)");

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final Clock clock;

  EndedRequestsCleanup(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, HistoryService historyService,
      RepositoryService repositoryService, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.clock = clock;
  }

  @Scheduled(cron = "${uponrequest.history.cleanup-cron:0 30 6 * * *}", zone = "UTC")
  void daily() {
    try {
      int removed = removeExpired(clock.instant());
      if (removed > 0) {
        LOG.info("Removed the product's rows of {} requests whose history the engine has removed", removed);
      }
    } catch (RuntimeException e) {
      LOG.warn("Removing the rows of expired requests failed; trying again tomorrow", e);
    }
  }

  /** Removes what has expired by the moment; the number of requests removed. */
  public int removeExpired(Instant now) {
    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
        .latestVersion().withoutTenantId().singleResult();
    if (latest == null || latest.getHistoryTimeToLive() == null) {
      return 0;
    }
    Timestamp endedBefore = Timestamp.from(now.minus(Duration.ofDays(latest.getHistoryTimeToLive())));
    int removed = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> ended = jdbc.queryForList("SELECT PROC_INST_ID_, REFERENCE_ FROM UR_REQUEST "
          + "WHERE CLOSED_AT_ < :before AND PROC_INST_ID_ > :after ORDER BY PROC_INST_ID_ FETCH FIRST " + BATCH
          + " ROWS ONLY", new MapSqlParameterSource("before", endedBefore).addValue("after", after));
      if (ended.isEmpty()) {
        return removed;
      }
      after = (String) ended.get(ended.size() - 1).get("PROC_INST_ID_");
      removed += remove(ended);
    }
  }

  /** Of these ended requests, removes those the engine has no history of any more. */
  private int remove(List<Map<String, Object>> ended) {
    Set<String> ids = new HashSet<>();
    ended.forEach(row -> ids.add((String) row.get("PROC_INST_ID_")));
    historyService.createHistoricProcessInstanceQuery().processInstanceIds(ids).list().stream()
        .map(HistoricProcessInstance::getId).forEach(ids::remove);
    if (ids.isEmpty()) {
      return 0;
    }
    List<String> references = ended.stream().filter(row -> ids.contains((String) row.get("PROC_INST_ID_")))
        .map(row -> (String) row.get("REFERENCE_")).filter(reference -> reference != null).toList();
    transactions.executeWithoutResult(status -> {
      MapSqlParameterSource parameters = new MapSqlParameterSource("ids", ids);
      BY_REQUEST.forEach(delete -> jdbc.update(delete, parameters));
      if (!references.isEmpty()) {
        jdbc.update("DELETE FROM UR_OUTBOX WHERE REFERENCE_ IN (:references)",
            new MapSqlParameterSource("references", references));
      }
      jdbc.update("DELETE FROM UR_REQUEST WHERE PROC_INST_ID_ IN (:ids)", parameters);
    });
    return ids.size();
  }
}
