package org.unodc.uponrequest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.REGION;
import static org.unodc.uponrequest.process.ProcessVariables.STAGE;

import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.process.Stage;

/**
 * The figures in memory follow the reporting tables whichever node writes them: one node's
 * projection ({@link RequestMetrics}) commits steps, another node's {@link MeasuredRequests}
 * reads them, on one database and with no Spring context between them.
 */
class MeasuredRequestsTest {

  private static final Date FILED = new Date(1_900_000_000_000L);

  private NamedParameterJdbcTemplate jdbc;
  private TransactionTemplate transactions;
  private RequestMetrics writerNode;
  private MeasuredRequests readerNode;

  @BeforeEach
  void oneDatabaseTwoNodes() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:measured-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DataSource database = h2;
    new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(database);
    jdbc = new NamedParameterJdbcTemplate(database);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    writerNode = new RequestMetrics(jdbc);
    readerNode = new MeasuredRequests(jdbc, Duration.ofSeconds(60));
  }

  @Test
  void aStepCommittedOnAnotherNodeCountsInTheNextFigureWithItsWaitsAndFlows() {
    assertThat(rows(readerNode)).isEmpty();
    step(() -> {
      writerNode.started("p1", "TA-2030-00001", "KEN", FILED);
      writerNode.variableSet("p1", REGION, "AFRICA", FILED);
      writerNode.waitBegan("w1", "p1", "Activity_ScreenRequest", true, FILED);
      writerNode.taskDue("w1", "p1", new Date(FILED.getTime() + 86_400_000));
      writerNode.flowTaken("p1", "Flow_Start", FILED);
    });

    MeasuredRequest p1 = byId().get("p1");
    assertThat(p1.region()).isEqualTo("AFRICA");
    assertThat(p1.stage()).isEqualTo(Stage.INTAKE);
    assertThat(p1.waits()).singleElement().satisfies(wait -> {
      assertThat(wait.activity()).isEqualTo("Activity_ScreenRequest");
      assertThat(wait.dueAt()).isEqualTo(FILED.getTime() + 86_400_000);
    });
    assertThat(p1.flows()).hasSize(1);
    assertThat(readerNode.flowId(MeasuredRequest.flowNumber(p1.flows()[0]))).isEqualTo("Flow_Start");

    step(() -> {
      writerNode.waitEnded("w1", "p1");
      writerNode.variableSet("p1", STAGE, Stage.ASSESSMENT.name(), new Date(FILED.getTime() + 3_600_000));
    });
    p1 = byId().get("p1");
    assertThat(p1.waits()).as("the wait ended on the other node").isEmpty();
    assertThat(p1.stage()).isEqualTo(Stage.ASSESSMENT);
    long spentInIntake = readerNode.compute(snapshot -> snapshot.columns().spentIn(0, Stage.INTAKE));
    int stageNow = readerNode.compute(snapshot -> (int) snapshot.columns().stage[0]);
    assertThat(spentInIntake).isEqualTo(3_600_000);
    assertThat(stageNow).isEqualTo(Stage.ASSESSMENT.ordinal());
  }

  @Test
  void eachCommitStampsTheRequestsItTouchedAndEveryStampRises() {
    step(() -> writerNode.started("p1", "TA-2030-00001", "KEN", FILED));
    long first = stamp("p1");
    step(() -> {
      writerNode.variableSet("p1", REGION, "AFRICA", FILED);
      writerNode.flowTaken("p1", "Flow_Start", FILED);
    });
    long second = stamp("p1");
    step(() -> writerNode.flowTaken("p1", "Flow_Next", FILED));
    assertThat(first).isPositive().isLessThanOrEqualTo(System.currentTimeMillis());
    assertThat(second).isGreaterThan(first);
    assertThat(stamp("p1")).isGreaterThan(second);
  }

  @Test
  void aStepRolledBackChangesNeitherTheStampNorTheFigures() {
    step(() -> writerNode.started("p1", "TA-2030-00001", "KEN", FILED));
    assertThat(byId().get("p1").region()).isNull();
    long stamp = stamp("p1");

    transactions.executeWithoutResult(status -> {
      writerNode.variableSet("p1", REGION, "AFRICA", FILED);
      status.setRollbackOnly();
    });

    assertThat(stamp("p1")).isEqualTo(stamp);
    assertThat(byId().get("p1").region()).isNull();
  }

  @Test
  void aCommitStampedBeforeTheLastLookIsReadWithinTheOverlapAndByAReloadAfterIt() {
    step(() -> writerNode.started("p1", "TA-2030-00001", "KEN", FILED));
    MeasuredRequests noOverlap = new MeasuredRequests(jdbc, Duration.ZERO);
    assertThat(rows(readerNode)).hasSize(1);
    assertThat(rows(noOverlap)).hasSize(1);

    // stamped 5 s ago, committed only now: in flight while both nodes looked
    jdbc.update("UPDATE UR_METRIC_REQUEST SET REGION_ = 'ASIA_PACIFIC', CHANGE_STAMP_ = :stamp",
        new MapSqlParameterSource("stamp", System.currentTimeMillis() - 5_000));

    assertThat(byId().get("p1").region()).isEqualTo("ASIA_PACIFIC");
    assertThat(rows(noOverlap)).singleElement().extracting(MeasuredRequest::region)
        .as("without the overlap the late commit is missed").isNull();
    noOverlap.reload();
    assertThat(rows(noOverlap)).singleElement().extracting(MeasuredRequest::region).isEqualTo("ASIA_PACIFIC");
  }

  @Test
  void rowsDeletedBehindItsBackAreGoneAfterAReload() {
    step(() -> writerNode.started("p1", "TA-2030-00001", "KEN", FILED));
    assertThat(rows(readerNode)).hasSize(1);
    jdbc.update("DELETE FROM UR_METRIC_REQUEST", Map.of());
    readerNode.reload();
    assertThat(rows(readerNode)).isEmpty();
  }

  private void step(Runnable writes) {
    transactions.executeWithoutResult(status -> writes.run());
  }

  /** The requests a node holds now, one by one. */
  private static List<MeasuredRequest> rows(MeasuredRequests node) {
    return node.compute(snapshot -> List.of(Arrays.copyOf(snapshot.rows(), snapshot.size())));
  }

  private Map<String, MeasuredRequest> byId() {
    return rows(readerNode).stream().collect(Collectors.toMap(MeasuredRequest::id, Function.identity()));
  }

  private long stamp(String request) {
    return jdbc.queryForObject("SELECT CHANGE_STAMP_ FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ = :id",
        new MapSqlParameterSource("id", request), Long.class);
  }
}
