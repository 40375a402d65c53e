package org.unodc.uponrequest.benchmarks;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.VariableValues;

/**
 * Issue 10, benchmarks 1 and 2, side by side in one JVM on the same kind of database (an H2 file
 * with the product's settings, full history), one thread each, through the Java API:
 * <ol>
 *   <li><b>baseline</b>: a bare Camunda engine (standalone configuration, nothing of the product)
 *   starting, querying and completing a process of one user task, over and over;
 *   <li><b>the product's engine</b>: the real request process, with every listener, decision and
 *   projection of the product, driven from filing to closure (nine user tasks per request);
 *   <li><b>the request's shape on a bare engine</b>, for scale: the same bare Camunda running nine user
 *   tasks in turn, each for the group the product gives it, with the data one of the product's
 *   requests held after filing set at the start and what each of its steps added or changed set as
 *   that task completes: what the engine itself does for such a request, with nothing of the product.
 * </ol>
 * The result is the cost per completed user task of each and their ratio (goal: at most 1.3).
 * Writes {@code target/bench/engine-overhead.md}. Run with {@code mvn -B -Pbench verify
 * -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EngineOverheadBenchmark};
 * {@code -Dbench.engineSeconds} (30) is each measured phase, after a third of it to warm up.
 */
@SpringBootTest(properties = {
    // the product's own database settings (application.yaml), on a file of the benchmark's
    "spring.datasource.url=jdbc:h2:file:./target/bench/engine-overhead-product-${random.uuid};"
        + EngineOverheadBenchmark.H2_SETTINGS,
    // the tests' helper looks for decision jobs after every command (4.7 job queries per task): here the
    // benchmark runs each step's jobs itself, with one query, as a job executor's acquisition would find them
    "uponrequest.test.decisions-inline=false"})
@ActiveProfiles("test")
class EngineOverheadBenchmark {

  /** The product's H2 settings (application.yaml), for both engines. */
  static final String H2_SETTINGS = "AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=16384;QUERY_CACHE_SIZE=256";

  /** Requests (and nine times as many baseline lifecycles) whose statements are counted after the timed rounds. */
  private static final int COUNTED_REQUESTS = Integer.getInteger("bench.countedRequests", 20);
  /** Measured rounds (each measures both in turn); more rounds pair the two more closely on a shared machine. */
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
  private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.engineSeconds", 30));
  /** The user tasks a request goes through from filing to closure on the path driven here. */
  private static final List<String> TASKS = List.of(SCREEN_REQUEST, REVIEW_PRIORITY, CONFIRM_FUNDING,
      DECIDE_ON_ASSIGNMENT, PLAN_DELIVERY, RECORD_ACTIVITY, WRITE_FINAL_REPORT, GIVE_FEEDBACK, CLOSE_REQUEST);

  @Autowired ProcessEngine product;
  @Autowired javax.sql.DataSource productDatabase;

  /** Completed user tasks and the time they took. */
  record Run(long tasks, long instances, Duration took, Duration cpu) {
    double millisPerTask() {
      return took.toNanos() / 1e6 / tasks;
    }

    /** The measuring thread's own CPU time per task: less sensitive than the elapsed time to others' load. */
    double cpuMillisPerTask() {
      return cpu.toNanos() / 1e6 / tasks;
    }

    double instancesPerSecond() {
      return instances / (took.toNanos() / 1e9);
    }
  }

  @Test
  void theProductsEngineAgainstABareCamunda() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "bench").toAbsolutePath());
    // each run writes over a GB of H2 files: earlier runs' product files go now (this run's is open, and kept
    // until the JVM ends), the baseline's when it is closed
    String inUse = productDatabaseFile();
    try (var earlier = Files.newDirectoryStream(dir, "engine-overhead-product-*")) {
      for (Path file : earlier) {
        if (!file.getFileName().toString().startsWith(inUse)) {
          Files.deleteIfExists(file);
        }
      }
    }
    Path baselineFile = dir.resolve("engine-overhead-baseline-" + System.currentTimeMillis());
    ProcessEngine bare = bareEngine(baselineFile);
    try {
      RequestShape shape = RequestShape.of(product);
      deploy(bare, shape);
      // warm all up, then measure each in turn, so that none always runs on a hotter JIT
      baseline(bare, PHASE.dividedBy(3));
      requests(product, PHASE.dividedBy(3));
      shaped(bare, shape, PHASE.dividedBy(3));
      List<Run> baseline = new ArrayList<>();
      List<Run> requests = new ArrayList<>();
      List<Run> shaped = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        baseline.add(baseline(bare, PHASE.dividedBy(2)));
        requests.add(requests(product, PHASE.dividedBy(2)));
        shaped.add(shaped(bare, shape, PHASE.dividedBy(2)));
      }
      // then what each writes per completed task, counted by the database (independent of the machine's load)
      ProcessEngineConfigurationImpl bareConfiguration = (ProcessEngineConfigurationImpl) bare.getProcessEngineConfiguration();
      Statements bareStatements = Statements.counted(bareConfiguration.getDataSource(),
          () -> baseline(bare, COUNTED_REQUESTS * TASKS.size()).tasks());
      Statements shapedStatements = Statements.counted(bareConfiguration.getDataSource(),
          () -> shaped(bare, shape, COUNTED_REQUESTS).tasks());
      Statements productStatements = Statements.counted(productDatabase, () -> requests(product, COUNTED_REQUESTS).tasks());
      Map<String, Statements> counted = new java.util.LinkedHashMap<>();
      counted.put("bare Camunda", bareStatements);
      counted.put("request's shape, bare", shapedStatements);
      counted.put("product", productStatements);
      String report = report(baseline, requests, shaped, shape) + Statements.report(counted);
      Files.writeString(dir.resolve("engine-overhead.md"), report);
      Files.write(dir.resolve("engine-overhead-statements.txt"), productStatements.listing());
      System.out.println(report);
    } finally {
      bare.close();
      try (var files = Files.newDirectoryStream(dir, baselineFile.getFileName() + ".*")) {
        for (Path file : files) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The name of the product's H2 file in use, as its JDBC URL gives it. */
  private String productDatabaseFile() {
    try (var connection = productDatabase.getConnection()) {
      String url = connection.getMetaData().getURL();
      String path = url.substring(url.lastIndexOf('/') + 1);
      return path.contains(";") ? path.substring(0, path.indexOf(';')) : path;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot tell the product's database file", e);
    }
  }

  /** A Camunda engine with nothing of the product: its own H2 file, full history, no job executor. */
  private static ProcessEngine bareEngine(Path file) {
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("baseline")
        .setJdbcUrl("jdbc:h2:file:" + file + ";" + H2_SETTINGS)
        .setJdbcUsername("sa").setJdbcPassword("")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    engine.getRepositoryService().createDeployment().addModelInstance("one-task.bpmn",
        Bpmn.createExecutableProcess("oneTask").camundaHistoryTimeToLive(180)
            .startEvent().userTask("task").name("Do it").endEvent().done()).deploy();
    return engine;
  }

  /** Start, query, complete: the lifecycle of a one-task process, for as long as given. */
  private static Run baseline(ProcessEngine engine, Duration length) {
    long end = System.nanoTime() + length.toNanos();
    return baseline(engine, done -> System.nanoTime() < end);
  }

  /** So many lifecycles of the one-task process. */
  private static Run baseline(ProcessEngine engine, int lifecycles) {
    return baseline(engine, done -> done < lifecycles);
  }

  private static Run baseline(ProcessEngine engine, LongPredicate more) {
    TaskService tasks = engine.getTaskService();
    return timed(more, () -> {
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("oneTask");
      Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
      tasks.complete(task.getId());
      return 1;
    });
  }

  /**
   * Runs one instance after the other (each answers the user tasks it completed) for as long as
   * {@code more} says, timed by the clock and by the thread's own CPU.
   */
  private static Run timed(LongPredicate more, java.util.function.IntSupplier instance) {
    long instances = 0;
    long completed = 0;
    long cpu = CPU.getCurrentThreadCpuTime();
    long began = System.nanoTime();
    while (more.test(instances)) {
      completed += instance.getAsInt();
      instances++;
    }
    return new Run(completed, instances, Duration.ofNanos(System.nanoTime() - began),
        Duration.ofNanos(CPU.getCurrentThreadCpuTime() - cpu));
  }

  /** Requests filed and driven to closure, each task found by a query and completed with its form's values. */
  private static Run requests(ProcessEngine engine, Duration length) {
    long end = System.nanoTime() + length.toNanos();
    return requests(engine, done -> System.nanoTime() < end);
  }

  /** So many requests, filed and driven to closure. */
  private static Run requests(ProcessEngine engine, int count) {
    return requests(engine, done -> done < count);
  }

  private static Run requests(ProcessEngine engine, LongPredicate more) {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
        .latestVersion().withoutTenantId().singleResult().getId();
    TaskService tasks = engine.getTaskService();
    return timed(more, () -> {
      ProcessInstance request = engine.getFormService().submitStartForm(definition, submission());
      runJobs(engine, request.getId());
      for (String step : TASKS) {
        Task task = tasks.createTaskQuery().processInstanceId(request.getId()).taskDefinitionKey(step).singleResult();
        if (task == null) {
          throw new IllegalStateException("Request " + request.getBusinessKey() + " is not waiting at " + step);
        }
        tasks.complete(task.getId(), valuesFor(step));
        runJobs(engine, request.getId());
      }
      return TASKS.size();
    });
  }

  /** The request's asynchronous steps that are due (its decisions, mails), run as a job executor would. */
  private static void runJobs(ProcessEngine engine, String request) {
    var management = engine.getManagementService();
    for (var job : management.createJobQuery().processInstanceId(request).messages().executable().list()) {
      management.executeJob(job.getId());
    }
  }

  /**
   * What one of the product's requests is to the engine: the candidate group of each of its nine
   * tasks, the data it held once filed, and what each step added or changed, as plain values (Json
   * as its text: a bare engine has no Json type).
   */
  record RequestShape(List<String> groups, Map<String, Object> filed, List<Map<String, Object>> steps) {

    static final String KEY = "requestShape";

    static RequestShape of(ProcessEngine engine) {
      String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
          .latestVersion().withoutTenantId().singleResult().getId();
      var runtime = engine.getRuntimeService();
      TaskService tasks = engine.getTaskService();
      String request = engine.getFormService().submitStartForm(definition, submission()).getId();
      runJobs(engine, request);
      Map<String, Object> filed = plain(runtime.getVariablesTyped(request, false));
      List<String> groups = new ArrayList<>();
      List<Map<String, Object>> steps = new ArrayList<>();
      Map<String, Object> before = filed;
      for (String step : TASKS) {
        Task task = tasks.createTaskQuery().processInstanceId(request).taskDefinitionKey(step).singleResult();
        groups.add(tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
            .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId).findFirst().orElseThrow());
        tasks.complete(task.getId(), valuesFor(step));
        runJobs(engine, request);
        Map<String, Object> after = new java.util.HashMap<>();
        if (runtime.createProcessInstanceQuery().processInstanceId(request).count() > 0) {
          after.putAll(plain(runtime.getVariablesTyped(request, false)));
        } else {
          engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(request)
              .disableCustomObjectDeserialization().list().stream()
              .filter(variable -> variable.getActivityInstanceId() != null && variable.getActivityInstanceId().equals(request)
                  || variable.getExecutionId() != null && variable.getExecutionId().equals(request))
              .forEach(variable -> after.put(variable.getName(), plainValue(variable.getTypedValue())));
        }
        Map<String, Object> changed = new java.util.LinkedHashMap<>();
        for (var entry : after.entrySet()) {
          if (!java.util.Objects.equals(before.get(entry.getKey()), entry.getValue())) {
            changed.put(entry.getKey(), entry.getValue());
          }
        }
        steps.add(changed);
        before = after;
      }
      return new RequestShape(groups, filed, steps);
    }

    private static Map<String, Object> plain(VariableMap variables) {
      Map<String, Object> plain = new java.util.LinkedHashMap<>();
      for (String name : variables.keySet()) {
        plain.put(name, plainValue(variables.getValueTyped(name)));
      }
      return plain;
    }

    private static Object plainValue(org.camunda.bpm.engine.variable.value.TypedValue value) {
      if (value instanceof org.camunda.bpm.engine.variable.value.SerializableValue serialized) {
        return serialized.getValueSerialized();
      }
      if (value == null || value.getValue() == null) {
        return null;
      }
      Object plain = value.getValue();
      return plain instanceof String || plain instanceof Number || plain instanceof Boolean || plain instanceof java.util.Date
          ? plain : String.valueOf(plain);
    }

    /** Variables written in all: at the start and by the steps. */
    int variablesWritten() {
      return filed.size() + steps.stream().mapToInt(Map::size).sum();
    }
  }

  /** The request's shape as a process of the bare engine: nine user tasks in turn, each for its group. */
  private static void deploy(ProcessEngine engine, RequestShape shape) {
    var flow = Bpmn.createExecutableProcess(RequestShape.KEY).camundaHistoryTimeToLive(180).startEvent().name("Filed");
    org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> node = flow;
    for (int i = 0; i < TASKS.size(); i++) {
      node = node.userTask(TASKS.get(i)).name(TASKS.get(i)).camundaCandidateGroups(shape.groups().get(i));
    }
    engine.getRepositoryService().createDeployment().addModelInstance("request-shape.bpmn",
        node.endEvent().name("Closed").done()).deploy();
  }

  /** Requests of the product's shape on the bare engine, for as long as given. */
  private static Run shaped(ProcessEngine engine, RequestShape shape, Duration length) {
    long end = System.nanoTime() + length.toNanos();
    return shaped(engine, shape, done -> System.nanoTime() < end);
  }

  /** So many requests of the product's shape on the bare engine. */
  private static Run shaped(ProcessEngine engine, RequestShape shape, int count) {
    return shaped(engine, shape, done -> done < count);
  }

  private static Run shaped(ProcessEngine engine, RequestShape shape, LongPredicate more) {
    TaskService tasks = engine.getTaskService();
    return timed(more, () -> {
      ProcessInstance request = engine.getRuntimeService().startProcessInstanceByKey(RequestShape.KEY, shape.filed());
      for (int i = 0; i < TASKS.size(); i++) {
        Task task = tasks.createTaskQuery().processInstanceId(request.getId()).taskDefinitionKey(TASKS.get(i)).singleResult();
        tasks.complete(task.getId(), shape.steps().get(i));
      }
      return TASKS.size();
    });
  }


  private static VariableMap submission() {
    return Variables.createVariables()
        .putValue(MEMBER_STATE, "KEN")
        .putValue(TITLE, "Strengthening the criminal justice response")
        .putValue(DESCRIPTION, "Legislative drafting support and training for prosecutors and judges.")
        .putValueTyped(THEMATIC_AREAS, VariableValues.json(List.of("CORRUPTION")))
        .putValueTyped(ASSISTANCE_TYPES, VariableValues.json(List.of("LEGISLATIVE_ASSISTANCE")))
        .putValue(ESTIMATED_BUDGET_USD, 250000)
        .putValue(URGENCY, "NORMAL")
        .putValue(REQUESTER_NAME, "Wanjiru Kamau")
        .putValue(REQUESTER_EMAIL, "wanjiru.kamau@example.org");
  }

  /** What each task's form submits on the path from filing to closure. */
  private static Map<String, Object> valuesFor(String step) {
    return switch (step) {
      case SCREEN_REQUEST -> Map.of(SCREENING_OUTCOME, "ACCEPT", CONFIRMED_URGENCY, "NORMAL");
      case REVIEW_PRIORITY -> Map.of(OVERRIDE_PRIORITY, false);
      case CONFIRM_FUNDING -> Map.of(FUNDING_DECISION, "FUNDED", FUNDING_SOURCE, "REGULAR_BUDGET", FUNDED_AMOUNT_USD, 200000);
      case DECIDE_ON_ASSIGNMENT -> Map.of(OFFICE_DECISION, "ACCEPT");
      case PLAN_DELIVERY -> Map.of(DELIVERY_ACTIVITIES, VariableValues.json(List.of(Map.of(ACTIVITY_TYPE, "CAPACITY_BUILDING",
          ACTIVITY_TITLE, "Workshop for prosecutors", ACTIVITY_START_DATE, "2027-03-01", ACTIVITY_END_DATE, "2027-03-03",
          PLANNED_PARTICIPANTS, 25))));
      case RECORD_ACTIVITY -> Map.of(ACTUAL_PARTICIPANTS, 27, ACTIVITY_OUTCOME, "Workshop held; pre and post tests show improved knowledge.");
      case WRITE_FINAL_REPORT -> Map.of(RESULTS_ACHIEVED, "Draft law submitted to parliament; 40 officials trained.",
          OBSTACLES_ENCOUNTERED, "Turnover of trained staff.", LESSONS_LEARNED, "Train-the-trainer sessions keep the knowledge.");
      case GIVE_FEEDBACK -> Map.of(SATISFACTION_RATING, 5, FEEDBACK_COMMENTS, "Useful.");
      case CLOSE_REQUEST -> Map.of(CLOSURE_NOTES, "All results delivered.");
      default -> throw new IllegalArgumentException(step);
    };
  }

  private static String report(List<Run> baseline, List<Run> requests, List<Run> shaped, RequestShape shape) {
    StringBuilder out = new StringBuilder();
    out.append("# Engine overhead benchmark, ").append(Instant.now()).append("\n\n");
    out.append(String.format(Locale.ROOT, "One thread each, Java API, H2 file (" + H2_SETTINGS + "), full "
        + "history, %d CPUs, max heap %d MB; each phase %d s after a warm-up of all.%n%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024), PHASE.toSeconds() / 2));
    out.append("| round | bare Camunda: lifecycles/s | ms per task | product: requests/s | tasks/s | ms per task | ratio "
        + "| CPU ms per task: bare | product | CPU ratio |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < baseline.size(); i++) {
      Run bare = baseline.get(i);
      Run ours = requests.get(i);
      out.append(String.format(Locale.ROOT, "| %d | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", i + 1,
          bare.instancesPerSecond(), bare.millisPerTask(), ours.instancesPerSecond(),
          ours.tasks() / (ours.took().toNanos() / 1e9), ours.millisPerTask(), ours.millisPerTask() / bare.millisPerTask(),
          bare.cpuMillisPerTask(), ours.cpuMillisPerTask(), ours.cpuMillisPerTask() / bare.cpuMillisPerTask()));
    }
    out.append("\nA product task's cost includes its share of filing the request (one start per nine tasks); a "
        + "lifecycle of the baseline is one start and one task.\n");
    out.append(String.format(Locale.ROOT, "%n## For scale: the request's shape on the bare engine%n%nNine user tasks in turn "
        + "for the product's groups (%s); %d variables written per request (%d at the start, the rest as the steps "
        + "complete), as one of the product's requests wrote them; no decisions, listeners, grants or product tables.%n%n",
        String.join(", ", shape.groups()), shape.variablesWritten(), shape.filed().size()));
    out.append("| round | requests/s | ms per task | CPU ms per task | CPU ratio to the baseline | product's CPU ratio to it |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < shaped.size(); i++) {
      Run it = shaped.get(i);
      out.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", i + 1, it.instancesPerSecond(),
          it.millisPerTask(), it.cpuMillisPerTask(), it.cpuMillisPerTask() / baseline.get(i).cpuMillisPerTask(),
          requests.get(i).cpuMillisPerTask() / it.cpuMillisPerTask()));
    }
    return out.toString();
  }
}
