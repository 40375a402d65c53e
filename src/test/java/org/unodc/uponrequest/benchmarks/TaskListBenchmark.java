package org.unodc.uponrequest.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.durability.DataDirectories;
import org.unodc.uponrequest.durability.KenyasRequest;
import org.unodc.uponrequest.durability.ProductJvm;
import org.unodc.uponrequest.postgres.PostgresForTests;
import org.unodc.uponrequest.process.ProcessVariables;

/**
 * Issue 10, benchmark 4: an office's Tasklist over 100,000 open tasks, p99 at most 100 ms.
 *
 * <p>How the tasks get there (driving the process 100,000 times would take hours): the built jar
 * starts on a fresh H2 file, HQ intake files one real request, the product stops, and the
 * benchmark copies that request's runtime rows (its executions, its screening task, the task's
 * candidate link, its non-binary variables, its authorizations and its row in the product's kept
 * task list: what the engine and the product wrote) {@code bench.tasks} times with new ids, each
 * copy moved to another task, group, member state (tenant), priority, due date and assignee. So
 * every copy carries the rows the engine's queries, authorization checks and the shared lists read,
 * but no history, jobs or other product tables (a task list reads none of them). Groups: {@code office-HQVIE} holds most of the tasks
 * (the office every request falls back to), {@code office-ROEA} and {@code office-CPP} (Nairobi)
 * a few thousand, twenty other offices, HQ's sections and the focal points the rest.
 *
 * <p>Then the product runs again ({@code -Xmx512m}) and office users call what Tasklist calls:
 * each shared filter's first page (15) with its count and the filter's variables (HAL, as
 * Tasklist asks) and the sidebar's counts of every filter (with {@code -Dbench.tasklistPlainQuery=true}
 * also a plain candidate-group task query with its count). One client, then eight at once; on
 * PostgreSQL, then on H2 ({@code bench.tasklistDatabases}). Meanwhile HQ intake claims or releases a
 * task of its own every {@code bench.tasklistChurnMillis} (200), so that the tables the lists read
 * change, as they do while officers work. Report: {@code target/bench/tasklist.md}.
 */
class TaskListBenchmark {

  private static final int TASKS = Integer.getInteger("bench.tasks", 100_000);
  private static final int CALLS = Integer.getInteger("bench.tasklistCalls", 100);
  private static final int WARM_UP_CALLS = 10;
  private static final int CLIENTS = 8;
  private static final Duration MIXED = Duration.ofSeconds(Long.getLong("bench.tasklistSeconds", 20));
  /** Each kind of call stops after this long, so that a slow database still finishes (H2 takes seconds a call). */
  private static final Duration CALL_BUDGET = Duration.ofSeconds(Long.getLong("bench.tasklistCallSeconds", 60));
  /**
   * Also time a plain candidate-group task query (engine-rest's {@code /task}, as an API client would ask). That
   * is Camunda's own query (ADR 0011 serves Tasklist's filters only): over a minute for an office holding most
   * tasks, so off unless asked for.
   */
  private static final boolean PLAIN_QUERY = Boolean.getBoolean("bench.tasklistPlainQuery");
  /** The databases measured, in turn: PostgreSQL (production, several nodes) and the default H2 file. */
  private static final List<Database> DATABASES = Arrays.stream(
      System.getProperty("bench.tasklistDatabases", "POSTGRES,H2").split(",")).map(Database::valueOf).toList();
  /**
   * How often HQ intake claims or releases a task while the lists are timed. Any write to the tables a list reads
   * makes H2 compute the list again: without writes H2 answers a repeated statement from its last result, which an
   * office never sees while others work (a page statement took 10 ms so and 54 ms without, by hand).
   */
  private static final Duration CHURN = Duration.ofMillis(Long.getLong("bench.tasklistChurnMillis", 200));
  /** Plan rows written per statement. */
  private static final int PLAN_CHUNK = 50_000;
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String TEMPLATE_TASK = "Activity_ScreenRequest";
  private static final String TEMPLATE_GROUP = "hq-intake";
  /** Office tasks (task definition key, name) in the proportions an office has them open. */
  private static final List<String[]> OFFICE_TASKS = List.of(
      new String[] {"Activity_DecideOnAssignment", "Accept or decline the assignment"},
      new String[] {"Activity_PlanDelivery", "Plan the delivery activities"},
      new String[] {"Activity_RecordActivity", "Carry out and record the activity"},
      new String[] {"Activity_RecordActivity", "Carry out and record the activity"},
      new String[] {"Activity_RecordActivity", "Carry out and record the activity"},
      new String[] {"Activity_RecordActivity", "Carry out and record the activity"},
      new String[] {"Activity_ReportProgress", "Submit the quarterly progress report"},
      new String[] {"Activity_WriteFinalReport", "Write the final report"});
  private static final Map<String, String[]> OTHER_TASKS = Map.of(
      "hq-intake", new String[] {"Activity_ScreenRequest", "Screen the request"},
      "strategic-planning", new String[] {"Activity_ConfirmFunding", "Confirm the funding source"},
      "managers", new String[] {"Activity_CloseRequest", "Close the request"},
      "specialist-tpb", new String[] {"Activity_ConsultTerrorismPrevention", "Consult the Terrorism Prevention Branch and CTED"},
      "specialist-gpml", new String[] {"Activity_ConsultMoneyLaundering", "Consult the Global Programme against Money-Laundering"},
      "focal", new String[] {"Activity_GiveFeedback", "Give feedback on the assistance"});
  /** The office users measured: Nairobi (a few thousand of the tasks) and Vienna (most of them). */
  private static final Map<String, List<String>> USERS = new LinkedHashMap<>();

  static {
    USERS.put("office.nairobi", List.of("office-ROEA", "office-CPP"));
    USERS.put("office.vienna", List.of("office-HQVIE"));
  }
  /**
   * What Tasklist sends with a list: active tasks only, its default order (newest first, after the filters' own
   * order, priority then due date), and empty variable criteria.
   */
  private static final String LIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
      + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";

  private final ObjectMapper json = new ObjectMapper();

  /** One kind of call, its latencies and failures. */
  private static final class Calls {
    final List<Long> millis = new ArrayList<>();
    int errors;
    String firstError;

    synchronized void answered(long took) {
      millis.add(took);
    }

    synchronized void failed(String what) {
      if (errors++ == 0) {
        firstError = what.substring(0, Math.min(what.length(), 300));
      }
    }

    long percentile(double p) {
      List<Long> sorted = millis.stream().sorted().toList();
      return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }
  }

  /** A call Tasklist makes: one or more HTTP requests timed together. */
  private record Call(String name, List<HttpRequest> requests) {}

  enum Database { POSTGRES, H2 }

  /** What one database gave: the tasks per group, the fill's time, the counts seen and the calls' times per user. */
  private record Result(Database database, Map<String, Integer> tasksPerGroup, Duration filling,
      Map<String, Map<String, Long>> counts, Map<String, Map<String, Calls>> single,
      Map<String, Map<String, Calls>> mixed, Calls writes) {}

  @Test
  void officesOpenTheirTaskListsAmongAHundredThousandOpenTasks() throws Exception {
    Path jar = Path.of(System.getProperty("bench.jar", System.getProperty("uponrequest.jar")));
    Path dir = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(dir);
    List<Result> results = new ArrayList<>();
    for (Database database : DATABASES) {
      results.add(measure(jar, dir, database));
    }
    String report = report(results);
    Files.writeString(dir.resolve("tasklist.md"), report);
    System.out.println(report);
    for (Result result : results) {
      assertThat(result.writes().errors).as("HQ intake's claims on %s failed: %s", result.database(),
          result.writes().firstError).isZero();
      for (Map<String, Calls> phase : List.of(result.single(), result.mixed()).stream().flatMap(m -> m.values().stream()).toList()) {
        for (Map.Entry<String, Calls> call : phase.entrySet()) {
          assertThat(call.getValue().errors).as("%s on %s failed: %s", call.getKey(), result.database(),
              call.getValue().firstError).isZero();
        }
      }
    }
  }

  private Result measure(Path jar, Path dir, Database database) throws Exception {
    Path data = dir.resolve("tasklist-data-" + database + "-" + System.currentTimeMillis());
    // an empty database of your own PostgreSQL (user postgres, no password), or a fresh one on the embedded server
    String postgresUrl = database == Database.H2 ? null
        : System.getProperty("bench.postgresUrl", "").isEmpty() ? PostgresForTests.freshDatabase()
        : System.getProperty("bench.postgresUrl");
    List<String> arguments = LifecycleBenchmark.arguments(postgresUrl);
    Map<String, Integer> tasksPerGroup;
    Duration filling;
    Map<String, Map<String, Calls>> single = new LinkedHashMap<>();
    Map<String, Map<String, Calls>> mixed = new LinkedHashMap<>();
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    Calls writes;
    try {
      String template;
      try (ProductJvm product = ProductJvm.start(jar, data, dir.resolve("tasklist-" + database + "-template.log"),
          List.of("-Xmx512m"), arguments)) {
        product.awaitHealthy(Duration.ofMinutes(6));
        template = fileTemplateRequest(product.port());
        product.stop();
      }
      Instant began = Instant.now();
      try (Connection db = postgresUrl == null
          ? DriverManager.getConnection("jdbc:h2:file:" + data.resolve("uponrequest") + ";AUTO_SERVER=FALSE;CACHE_SIZE=131072", "sa", "")
          : DriverManager.getConnection(postgresUrl, PostgresForTests.USER, "")) {
        tasksPerGroup = copyTemplate(db, database, template);
      }
      filling = Duration.between(began, Instant.now());
      System.out.println("tasklist " + database + ": " + TASKS + " open tasks written in " + filling.toSeconds() + " s: "
          + tasksPerGroup);

      try (ProductJvm product = ProductJvm.start(jar, data, dir.resolve("tasklist-" + database + "-product.log"),
          List.of("-Xmx512m"), arguments)) {
        product.awaitHealthy(Duration.ofMinutes(6));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        String intakeTask = templateTask(http, product.port(), template);
        try (IntakeAtWork intake = new IntakeAtWork(http, product.port(), intakeTask)) {
          for (Map.Entry<String, List<String>> user : USERS.entrySet()) {
            List<Call> calls = calls(http, product.port(), user.getKey(), user.getValue());
            counts.put(user.getKey(), checkCounts(http, calls, user.getValue(), tasksPerGroup));
            for (Call call : calls) {
              timeRepeatedly(http, call, new Calls(), WARM_UP_CALLS, CALL_BUDGET.dividedBy(4));
            }
            Map<String, Calls> one = new LinkedHashMap<>();
            for (Call call : calls) {
              Calls timed = new Calls();
              timeRepeatedly(http, call, timed, CALLS, CALL_BUDGET);
              one.put(call.name(), timed);
              System.out.println("tasklist " + database + " " + user.getKey() + " " + call.name() + ": " + line(timed));
            }
            single.put(user.getKey(), one);
            mixed.put(user.getKey(), together(http, calls));
          }
          writes = intake.writes();
        }
      }
    } finally {
      if (Boolean.getBoolean("bench.keepData")) {
        System.out.println("tasklist: data kept in " + data + (postgresUrl == null ? "" : " and " + postgresUrl));
      } else {
        DataDirectories.deleteRecursively(data);
      }
    }
    return new Result(database, tasksPerGroup, filling, counts, single, mixed, writes);
  }

  /** The template request's screening task, HQ intake's (no office list holds it). */
  private String templateTask(HttpClient http, int port, String instance) throws Exception {
    HttpResponse<String> tasks = http.send(request(port, "intake", "/engine-rest/task?processInstanceId=" + instance)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
    return json.readTree(tasks.body()).get(0).get("id").asText();
  }

  /** HQ intake claiming and releasing its task every {@link #CHURN}: officers keep changing the tables lists read. */
  private static final class IntakeAtWork implements AutoCloseable {
    private final Calls writes = new Calls();
    private final ScheduledExecutorService officer = Executors.newSingleThreadScheduledExecutor();

    IntakeAtWork(HttpClient http, int port, String task) {
      String[] steps = {"/claim", "/unclaim"};
      AtomicLong step = new AtomicLong();
      officer.scheduleWithFixedDelay(() -> time(http, new Call("claim or release", List.of(
          request(port, "intake", "/engine-rest/task/" + task + steps[(int) (step.getAndIncrement() % 2)])
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"intake\"}")).build())), writes, 204),
          0, CHURN.toMillis(), TimeUnit.MILLISECONDS);
    }

    Calls writes() {
      return writes;
    }

    @Override
    public void close() throws InterruptedException {
      officer.shutdown();
      officer.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** Times a call up to {@code times} times, or fewer once {@code budget} is spent (always at least once). */
  private static void timeRepeatedly(HttpClient http, Call call, Calls calls, int times, Duration budget) {
    long until = System.nanoTime() + budget.toNanos();
    for (int i = 0; i < times && (i == 0 || System.nanoTime() < until); i++) {
      time(http, call, calls);
    }
  }

  /** HQ intake files one request through engine-rest; returns its process instance once its screening task is open. */
  private String fileTemplateRequest(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String submission = KenyasRequest.startForm("Template for the task list benchmark");
    HttpResponse<String> filed = http.send(request(port, "intake",
        "/engine-rest/process-definition/key/technical-assistance-request/submit-form")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(submission)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
    String instance = json.readTree(filed.body()).get("id").asText();
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> tasks = http.send(request(port, "intake", "/engine-rest/task?processInstanceId=" + instance)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (tasks.statusCode() == 200 && json.readTree(tasks.body()).size() == 1) {
        assertThat(json.readTree(tasks.body()).get(0).get("taskDefinitionKey").asText()).isEqualTo(TEMPLATE_TASK);
        return instance;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("No screening task for the template request " + instance);
  }

  /** A template row: its table, its columns as read (names in upper case) and their SQL types. */
  private record Row(String table, LinkedHashMap<String, Object> columns, Map<String, Integer> types) {}

  /** Copies the template request's runtime rows TASKS times, each as another open task; returns tasks per group. */
  private Map<String, Integer> copyTemplate(Connection db, Database database, String instance) throws SQLException {
    db.setAutoCommit(false);
    List<Row> executions = rows(db, "ACT_RU_EXECUTION", "PROC_INST_ID_ = ?", instance);
    // the process instance first: the other executions point at it
    executions.sort((a, b) -> a.columns().get("ID_").equals(instance) ? -1 : b.columns().get("ID_").equals(instance) ? 1 : 0);
    List<Row> tasks = rows(db, "ACT_RU_TASK", "PROC_INST_ID_ = ?", instance);
    assertThat(tasks).as("the template's open tasks").hasSize(1);
    String task = (String) tasks.get(0).columns().get("ID_");
    List<Row> links = rows(db, "ACT_RU_IDENTITYLINK", "TASK_ID_ = ?", task);
    // the variables Tasklist shows (the filters' columns) and the state: the others are not read by a task list,
    // and copying all sixty would make the fill several times slower
    List<Row> variables = rows(db, "ACT_RU_VARIABLE", "PROC_INST_ID_ = ? AND NAME_ IN (?, ?, ?, ?, ?, ?)", instance,
        ProcessVariables.REFERENCE_NUMBER, ProcessVariables.TITLE, ProcessVariables.MEMBER_STATE,
        ProcessVariables.MEMBER_STATE_NAME, ProcessVariables.PRIORITY_BAND, ProcessVariables.FOCAL_POINT_GROUP);
    List<Row> grants = rows(db, "ACT_RU_AUTHORIZATION", "RESOURCE_ID_ IN (?, ?)", instance, task);
    assertThat(grants).as("the template's authorizations").isNotEmpty();
    // the product's kept task list (ADR 0015), written in the same flush as the task
    List<Row> kept = rows(db, "UR_TASK_LIST", "TASK_ID_ = ?", task);
    assertThat(kept).as("the template's row in the kept task list").hasSize(1);
    System.out.printf("tasklist: template rows: %d executions, %d tasks, %d links, %d variables, %d authorizations%n",
        executions.size(), tasks.size(), links.size(), variables.size(), grants.size());
    List<Row> template = new ArrayList<>();
    for (List<Row> table : List.of(executions, tasks, links, variables, grants, kept)) {
      template.addAll(table);
    }
    // the process definition's id holds a UUID that every copy keeps
    String definitionUuid = uuidIn((String) tasks.get(0).columns().get("PROC_DEF_ID_"));

    Map<String, String> stateNames = new HashMap<>();
    try (ResultSet states = db.createStatement().executeQuery("SELECT ID_, NAME_ FROM ACT_ID_TENANT")) {
      while (states.next()) {
        stateNames.put(states.getString(1), states.getString(2));
      }
    }
    List<String> allStates = new ArrayList<>(stateNames.keySet());
    Collections.sort(allStates);
    List<String> groups = plan(db);
    Map<String, List<String>> statesOf = new HashMap<>();
    Random random = new Random(64179);
    Instant now = Instant.now();
    Map<String, Integer> perGroup = new java.util.TreeMap<>();
    // the plan: one row per copy (its group, state, task, priority, dates, assignee), written at once
    int count = groups.size();
    Object[][] plan = new Object[13][count];
    for (int n = 0; n < count; n++) {
      String group = groups.get(n);
      perGroup.merge(group, 1, Integer::sum);
      boolean focal = group.startsWith("focal-");
      String state = focal ? group.substring("focal-".length())
          : pick(random, statesOf.computeIfAbsent(group, g -> tenantsOf(db, g, allStates)));
      String[] taskKind = group.startsWith("office-") ? OFFICE_TASKS.get(random.nextInt(OFFICE_TASKS.size()))
          : OTHER_TASKS.get(focal ? "focal" : group);
      String band = random.nextDouble() < 0.25 ? "HIGH" : random.nextDouble() < 0.7 ? "MEDIUM" : "LOW";
      int priority = switch (band) {
        case "HIGH" -> 75 + random.nextInt(20);
        case "MEDIUM" -> 40 + random.nextInt(30);
        default -> 10 + random.nextInt(30);
      };
      Instant created = now.minus(random.nextInt(180 * 24 * 60), ChronoUnit.MINUTES);
      // about a sixth overdue, the rest due within three months
      Instant due = random.nextDouble() < 0.17 ? now.minus(1 + random.nextInt(60 * 24), ChronoUnit.MINUTES)
          : now.plus(1 + random.nextInt(90 * 24 * 60), ChronoUnit.MINUTES);
      // a quarter claimed, some of the measured offices' by the demo officer measured
      String assignee = random.nextDouble() < 0.25 ? assigneeFor(group, random) : null;
      Object[] values = {n + 1, group, focal, state, stateNames.get(state), taskKind[0], taskKind[1], priority,
          priority >= 70 ? "HIGH" : priority >= 40 ? "MEDIUM" : "LOW", Timestamp.from(created), Timestamp.from(due),
          assignee, String.format(Locale.ROOT, "TA-2026-B%06d", n + 1)};
      for (int c = 0; c < values.length; c++) {
        plan[c][n] = values[c];
      }
    }
    try (var ddl = db.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS BENCH_PLAN");
      ddl.execute("CREATE TABLE BENCH_PLAN (N INT PRIMARY KEY, GRP VARCHAR(64), FOCAL BOOLEAN, STATE VARCHAR(64), "
          + "STATE_NAME VARCHAR(255), TASK_KEY VARCHAR(255), TASK_NAME VARCHAR(255), PRIORITY INT, BAND VARCHAR(10), "
          + "CREATED TIMESTAMP, DUE TIMESTAMP, ASSIGNEE VARCHAR(255), REF VARCHAR(20))");
    }
    assertThat(database == Database.H2 ? planByArrays(db, plan, count) : planByBatches(db, plan, count))
        .as("plan rows").isEqualTo(count);
    db.commit();

    // each template row becomes one INSERT ... SELECT over the plan: every UUID in it but the process
    // definition's replaced by the copy's own id ('b<copy>-<k>'), the columns a copy moves read from the plan
    Map<String, Integer> uuids = new LinkedHashMap<>();
    for (Row row : template) {
      for (Object value : row.columns().values()) {
        if (value instanceof String text) {
          Matcher uuid = UUID_TEXT.matcher(text);
          while (uuid.find()) {
            if (!uuid.group().equals(definitionUuid)) {
              uuids.putIfAbsent(uuid.group(), uuids.size());
            }
          }
        }
      }
    }
    Row taskGrant = grants.stream().filter(g -> task.equals(g.columns().get("RESOURCE_ID_"))).findFirst().orElseThrow();
    List<Row> statements = new ArrayList<>(template);
    // Camunda grants the assignee the task as a user too, and the product keeps it in the users' list
    statements.add(new Row("ASSIGNEE_GRANT", taskGrant.columns(), taskGrant.types()));
    LinkedHashMap<String, Object> userKept = new LinkedHashMap<>();
    Map<String, Integer> userKeptTypes = new HashMap<>();
    kept.get(0).columns().forEach((column, value) -> userKept.put(column.equals("GROUP_ID_") ? "USER_ID_" : column, value));
    kept.get(0).types().forEach((column, type) -> userKeptTypes.put(column.equals("GROUP_ID_") ? "USER_ID_" : column, type));
    statements.add(new Row("ASSIGNEE_KEPT", userKept, userKeptTypes));
    for (Row row : statements) {
      String table = switch (row.table()) {
        case "ASSIGNEE_GRANT" -> "ACT_RU_AUTHORIZATION";
        case "ASSIGNEE_KEPT" -> "UR_USER_TASK_LIST";
        default -> row.table();
      };
      List<String> expressions = new ArrayList<>();
      List<String> parameters = new ArrayList<>();
      for (Map.Entry<String, Object> column : row.columns().entrySet()) {
        String expression = row.table().equals("ACT_RU_VARIABLE") && column.getKey().equals("TEXT_")
            ? variableText((String) row.columns().get("NAME_"))
            : moved(row.table(), column.getKey(), column.getValue(), uuids);
        if (expression == null) {
          expression = "?";
          parameters.add(column.getKey());
        }
        expressions.add(expression);
      }
      String where = switch (row.table()) {
        // the product grants offices and HQ sections the request they work on, not focal points (RequestAccessOnTask)
        case "ACT_RU_AUTHORIZATION" -> "7".equals(String.valueOf(row.columns().get("RESOURCE_TYPE_"))) ? "" : " WHERE NOT P.FOCAL";
        case "ASSIGNEE_GRANT", "ASSIGNEE_KEPT" -> " WHERE P.ASSIGNEE IS NOT NULL";
        default -> "";
      };
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table + " ("
          + String.join(", ", row.columns().keySet()) + ") SELECT " + String.join(", ", expressions)
          + " FROM BENCH_PLAN P" + where)) {
        // typed, nulls too: PostgreSQL takes an untyped parameter in a select list for text
        for (int i = 0; i < parameters.size(); i++) {
          Object value = row.columns().get(parameters.get(i));
          int type = row.types().get(parameters.get(i));
          if (value == null) {
            insert.setNull(i + 1, type);
          } else {
            insert.setObject(i + 1, value, type);
          }
        }
        insert.executeUpdate();
      }
      db.commit();
    }
    try (var ddl = db.createStatement()) {
      ddl.execute("DROP TABLE BENCH_PLAN");
    }
    db.commit();
    if (database == Database.POSTGRES) {
      // what autovacuum does on a production database soon after such growth: the planner's statistics
      db.setAutoCommit(true);
      try (var analyze = db.createStatement()) {
        analyze.execute("ANALYZE");
      }
    }
    return perGroup;
  }

  /** The plan in chunks of H2 arrays (at most 65,536 elements each), one statement per chunk. */
  private static int planByArrays(Connection db, Object[][] plan, int count) throws SQLException {
    try (PreparedStatement fill = db.prepareStatement("INSERT INTO BENCH_PLAN SELECT * FROM UNNEST("
        + String.join(", ", Collections.nCopies(plan.length, "?")) + ")")) {
      int written = 0;
      for (int from = 0; from < count; from += PLAN_CHUNK) {
        for (int c = 0; c < plan.length; c++) {
          fill.setObject(c + 1, Arrays.copyOfRange(plan[c], from, Math.min(count, from + PLAN_CHUNK)));
        }
        written += fill.executeUpdate();
      }
      return written;
    }
  }

  /** The plan in JDBC batches: PostgreSQL's driver takes no Java arrays of objects. */
  private static int planByBatches(Connection db, Object[][] plan, int count) throws SQLException {
    try (PreparedStatement fill = db.prepareStatement("INSERT INTO BENCH_PLAN VALUES ("
        + String.join(", ", Collections.nCopies(plan.length, "?")) + ")")) {
      int written = 0;
      for (int n = 0; n < count; n++) {
        for (int c = 0; c < plan.length; c++) {
          fill.setObject(c + 1, plan[c][n]);
        }
        fill.addBatch();
        if ((n + 1) % 5_000 == 0 || n + 1 == count) {
          written += Arrays.stream(fill.executeBatch()).sum();
        }
      }
      return written;
    }
  }

  /** A copy's id for the template's k-th UUID. */
  private static String newId(int k) {
    return "('b' || CAST(P.N AS VARCHAR(12)) || '-" + k + "')";
  }

  /**
   * The SQL expression (over the plan row P) of a copied column: the plan's value for the columns a copy moves
   * (its task, group, state, dates), the template's text with the copy's ids for a column holding UUIDs; null:
   * the template's value as it is.
   */
  private static String moved(String table, String column, Object value, Map<String, Integer> uuids) {
    if (column.equals("TENANT_ID_") && value != null) {
      return "P.STATE";
    }
    switch (table + "." + column) {
      case "ACT_RU_EXECUTION.BUSINESS_KEY_":
        return value == null ? null : "P.REF";
      case "ACT_RU_EXECUTION.ACT_ID_":
        return TEMPLATE_TASK.equals(value) ? "P.TASK_KEY" : null;
      case "ACT_RU_EXECUTION.ACT_INST_ID_":
        if (value instanceof String activity && activity.startsWith(TEMPLATE_TASK + ":")) {
          String id = withIds(activity.substring(TEMPLATE_TASK.length() + 1), uuids);
          // as Camunda does: the bare id when the activity's id would make it longer than the column
          return "CASE WHEN LENGTH(P.TASK_KEY) + 1 + LENGTH(" + id + ") > 64 THEN " + id + " ELSE P.TASK_KEY || ':' || "
              + id + " END";
        }
        break;
      case "ACT_RU_TASK.TASK_DEF_KEY_":
        return "P.TASK_KEY";
      case "ACT_RU_TASK.NAME_":
        return "P.TASK_NAME";
      case "ACT_RU_TASK.PRIORITY_", "UR_TASK_LIST.PRIORITY_", "ASSIGNEE_KEPT.PRIORITY_":
        return "P.PRIORITY";
      case "ACT_RU_TASK.CREATE_TIME_", "ACT_RU_TASK.LAST_UPDATED_", "UR_TASK_LIST.CREATE_TIME_", "ASSIGNEE_KEPT.CREATE_TIME_":
        return "P.CREATED";
      case "ACT_RU_TASK.DUE_DATE_", "UR_TASK_LIST.DUE_DATE_", "ASSIGNEE_KEPT.DUE_DATE_":
        return "P.DUE";
      case "ACT_RU_TASK.ASSIGNEE_":
        return "P.ASSIGNEE";
      case "ACT_RU_IDENTITYLINK.GROUP_ID_", "ACT_RU_AUTHORIZATION.GROUP_ID_", "UR_TASK_LIST.GROUP_ID_":
        return TEMPLATE_GROUP.equals(value) ? "P.GRP" : null;
      case "ASSIGNEE_GRANT.ID_":
        return "('b' || CAST(P.N AS VARCHAR(12)) || '-a')";
      case "ASSIGNEE_GRANT.GROUP_ID_":
        return "CAST(NULL AS VARCHAR(255))";
      case "ASSIGNEE_GRANT.USER_ID_", "ASSIGNEE_KEPT.USER_ID_":
        return "P.ASSIGNEE";
      default:
        break;
    }
    return value instanceof String text && UUID_TEXT.matcher(text).find() ? withIds(text, uuids) : null;
  }

  /** A copied variable's text: the copy's reference, title, state; null: the template's. */
  private static String variableText(String name) {
    return switch (name) {
      case ProcessVariables.REFERENCE_NUMBER -> "P.REF";
      case ProcessVariables.TITLE -> "('Assistance request ' || P.REF)";
      case ProcessVariables.MEMBER_STATE -> "P.STATE";
      case ProcessVariables.MEMBER_STATE_NAME -> "P.STATE_NAME";
      case ProcessVariables.FOCAL_POINT_GROUP -> "('focal-' || P.STATE)";
      case ProcessVariables.PRIORITY_BAND -> "P.BAND";
      default -> null;
    };
  }

  /** The template's text as SQL with each UUID (but the process definition's) replaced by the copy's id. */
  private static String withIds(String text, Map<String, Integer> uuids) {
    Matcher uuid = UUID_TEXT.matcher(text);
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (uuid.find()) {
      Integer k = uuids.get(uuid.group());
      if (k == null) {
        continue;
      }
      parts.add(literal(text.substring(at, uuid.start())));
      parts.add(newId(k));
      at = uuid.end();
    }
    parts.add(literal(text.substring(at)));
    return "(" + String.join(" || ", parts) + ")";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Which group each copy's task is for, shuffled: the shares described in the class comment. */
  private static List<String> plan(Connection db) throws SQLException {
    List<String> otherOffices = new ArrayList<>();
    try (ResultSet offices = db.createStatement().executeQuery(
        "SELECT ID_ FROM ACT_ID_GROUP WHERE ID_ LIKE 'office-%' ORDER BY ID_")) {
      while (offices.next()) {
        otherOffices.add(offices.getString(1));
      }
    }
    otherOffices.removeAll(List.of("office-HQVIE", "office-ROEA", "office-CPP"));
    List<String> focal = List.of("focal-KEN", "focal-NGA", "focal-COL", "focal-PAK", "focal-IDN", "focal-MEX", "focal-EGY",
        "focal-UGA");
    Map<String, Double> shares = new LinkedHashMap<>();
    shares.put("office-HQVIE", 0.55);
    shares.put("office-ROEA", 0.03);
    shares.put("office-CPP", 0.004);
    otherOffices.forEach(office -> shares.put(office, 0.216 / otherOffices.size()));
    shares.put("hq-intake", 0.05);
    shares.put("strategic-planning", 0.06);
    shares.put("specialist-tpb", 0.02);
    shares.put("specialist-gpml", 0.02);
    shares.put("managers", 0.01);
    focal.forEach(group -> shares.put(group, 0.04 / focal.size()));
    List<String> groups = new ArrayList<>(TASKS);
    shares.forEach((group, share) -> {
      for (int i = 0; i < Math.round(share * TASKS); i++) {
        groups.add(group);
      }
    });
    while (groups.size() < TASKS) {
      groups.add("office-HQVIE");
    }
    while (groups.size() > TASKS) {
      groups.remove(groups.size() - 1);
    }
    Collections.shuffle(groups, new Random(20091218));
    return groups;
  }

  private static String assigneeFor(String group, Random random) {
    for (Map.Entry<String, List<String>> user : USERS.entrySet()) {
      if (user.getValue().contains(group) && random.nextInt(4) == 0) {
        return user.getKey();
      }
    }
    return "officer." + group + "." + random.nextInt(5);
  }

  /** The member states (tenants) an office's group covers; everyone else's requests come from any state. */
  private static List<String> tenantsOf(Connection db, String group, List<String> allStates) {
    try (PreparedStatement members = db.prepareStatement(
        "SELECT TENANT_ID_ FROM ACT_ID_TENANT_MEMBER WHERE GROUP_ID_ = ? ORDER BY TENANT_ID_")) {
      members.setString(1, group);
      List<String> states = new ArrayList<>();
      try (ResultSet rs = members.executeQuery()) {
        while (rs.next()) {
          states.add(rs.getString(1));
        }
      }
      return states.isEmpty() || !group.startsWith("office-") ? allStates : states;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String uuidIn(String text) {
    Matcher uuid = UUID_TEXT.matcher(text);
    return uuid.find() ? uuid.group() : "";
  }

  private static List<Row> rows(Connection db, String table, String where, Object... parameters) throws SQLException {
    try (PreparedStatement select = db.prepareStatement("SELECT * FROM " + table + " WHERE " + where)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Integer> types = new HashMap<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          types.put(meta.getColumnName(c).toUpperCase(Locale.ROOT), meta.getColumnType(c));
        }
        while (rs.next()) {
          LinkedHashMap<String, Object> columns = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            // PostgreSQL answers in lower case
            columns.put(meta.getColumnName(c).toUpperCase(Locale.ROOT), rs.getObject(c));
          }
          rows.add(new Row(table, columns, types));
        }
      }
      return rows;
    }
  }

  private static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** The calls an office user's Tasklist makes, as this user. */
  private List<Call> calls(HttpClient http, int port, String user, List<String> groups) throws Exception {
    HttpResponse<String> answer = http.send(request(port, user, "/engine-rest/filter?resourceType=Task").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<Call> calls = new ArrayList<>();
    for (JsonNode filter : json.readTree(answer.body())) {
      calls.add(new Call("filter \"" + filter.get("name").asText() + "\": first 15, count, variables",
          List.of(request(port, user, "/engine-rest/filter/" + filter.get("id").asText() + "/list?firstResult=0&maxResults=15")
              .header("Accept", "application/hal+json").header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(LIST_BODY)).build())));
    }
    assertThat(calls).as("the shared filters %s sees", user).hasSize(5);
    calls.add(new Call("all filters' counts (Tasklist's sidebar)",
        List.of(request(port, user, "/engine-rest/filter?resourceType=Task&itemCount=true").GET().build())));
    if (!PLAIN_QUERY) {
      return calls;
    }
    String groupsJson = json.writeValueAsString(groups);
    String query = "{\"candidateGroups\":" + groupsJson + ",\"includeAssignedTasks\":true";
    calls.add(new Call("task query by candidate groups: first 15 and count", List.of(
        request(port, user, "/engine-rest/task?firstResult=0&maxResults=15").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(query + ",\"sorting\":[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},"
                + "{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}")).build(),
        request(port, user, "/engine-rest/task/count").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(query + "}")).build())));
    return calls;
  }

  /** The counts the user sees must be the tasks written for the user's groups: the data is what it claims. */
  private Map<String, Long> checkCounts(HttpClient http, List<Call> calls, List<String> groups,
      Map<String, Integer> tasksPerGroup) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Call call : calls) {
      HttpResponse<String> answer = http.send(call.requests().get(call.requests().size() - 1),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("%s: %s", call.name(), answer.body()).isEqualTo(200);
      JsonNode body = json.readTree(answer.body());
      if (body.has("count")) {
        counts.put(call.name(), body.get("count").asLong());
      }
    }
    long written = groups.stream().mapToLong(group -> tasksPerGroup.getOrDefault(group, 0)).sum();
    assertThat(counts).as("counts seen").containsEntry("filter \"My groups' tasks\": first 15, count, variables", written);
    if (PLAIN_QUERY) {
      assertThat(counts).as("counts seen").containsEntry("task query by candidate groups: first 15 and count", written);
    }
    return counts;
  }

  /** Eight clients at once, each going through the calls in turn. */
  private Map<String, Calls> together(HttpClient http, List<Call> calls) throws Exception {
    Map<String, Calls> timed = new LinkedHashMap<>();
    calls.forEach(call -> timed.put(call.name(), new Calls()));
    Instant end = Instant.now().plus(MIXED);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        work.add(clients.submit(() -> {
          for (int i = client; Instant.now().isBefore(end); i++) {
            Call call = calls.get(i % calls.size());
            time(http, call, timed.get(call.name()));
          }
          return null;
        }));
      }
      for (Future<?> client : work) {
        client.get();
      }
    } finally {
      clients.shutdown();
      clients.awaitTermination(1, TimeUnit.MINUTES);
    }
    return timed;
  }

  private static void time(HttpClient http, Call call, Calls calls) {
    time(http, call, calls, 200);
  }

  private static void time(HttpClient http, Call call, Calls calls, int expected) {
    long began = System.nanoTime();
    try {
      for (HttpRequest request : call.requests()) {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
          calls.failed(call.name() + ": " + answer.statusCode() + " " + answer.body());
          return;
        }
      }
      calls.answered((System.nanoTime() - began) / 1_000_000);
    } catch (IOException e) {
      calls.failed(call.name() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      calls.failed(call.name() + ": interrupted");
    }
  }

  private static HttpRequest.Builder request(int port, String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(180))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  private static String line(Calls calls) {
    return String.format(Locale.ROOT, "%d answered, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, %d errors",
        calls.millis.size(), calls.percentile(0.50), calls.percentile(0.95), calls.percentile(0.99), calls.percentile(1),
        calls.errors);
  }

  private static String report(List<Result> results) {
    StringBuilder out = new StringBuilder();
    out.append("# Task list benchmark, ").append(Instant.now()).append("\n\n");
    for (Result result : results) {
      out.append(String.format(Locale.ROOT, "## %s: %,d open tasks copied from a real request's rows in %d s%n%n"
          + "Product -Xmx512m; %d CPUs; clients on the same machine; each kind of call at most %d times or %d s. "
          + "Open tasks per group: %s%n%n", result.database(), TASKS, result.filling().toSeconds(),
          Runtime.getRuntime().availableProcessors(), CALLS, CALL_BUDGET.toSeconds(), result.tasksPerGroup()));
      out.append(String.format(Locale.ROOT, "Meanwhile HQ intake claimed or released a task every %d ms: %s.%n%n",
          CHURN.toMillis(), line(result.writes())));
      for (String user : result.single().keySet()) {
        out.append("### ").append(user).append(" (").append(String.join(", ", USERS.get(user))).append(")\n\n");
        out.append("Counts seen: ").append(result.counts().get(user)).append("\n\n");
        out.append("| call | clients | answered | p50 ms | p95 ms | p99 ms | max ms | errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String call : result.single().get(user).keySet()) {
          for (Map.Entry<Integer, Calls> phase : List.of(Map.entry(1, result.single().get(user).get(call)),
              Map.entry(CLIENTS, result.mixed().get(user).get(call)))) {
            Calls calls = phase.getValue();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d |%n", call, phase.getKey(),
                calls.millis.size(), calls.percentile(0.50), calls.percentile(0.95), calls.percentile(0.99),
                calls.percentile(1), calls.errors));
          }
        }
        out.append("\n");
      }
    }
    return out.toString();
  }
}
