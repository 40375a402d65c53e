package org.unodc.uponrequest.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.FOLLOW_UP_OVERDUE_SCREENING;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.SCREENING_OVERDUE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.SCREEN_REQUEST;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unodc.uponrequest.postgres.PostgresForTests;

/**
 * Issue 10, "Crash test" with jobs due: requests wait for screening with their "screening
 * overdue" timers falling due (the INTAKE deadline shortened to a few seconds), the product is
 * killed with SIGKILL while timers are due (once the first escalations are made, or 3 s after a
 * timer fell due), with filings still coming; it restarts on the same data, and every request is
 * escalated exactly once: one "Follow up overdue screening" task, one timer in its history, one mail per manager in the
 * outbox, no timer job left, none failed. Half of the requests are filed through the API, so
 * some still wait in the intake inbox at the kill and get their timers after the restart. The
 * jobs' lock time is shortened too (Camunda's default is 5 minutes: the timers the dead node had
 * locked wait that long). Once on an H2 file, once on PostgreSQL. Child logs: {@code target/crash-it/}.
 */
class DueTimersSurviveKillIT {

  private static final String FILE = "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form";
  private static final String API = "/api/requests";
  private static final String PASSWORD = "demo";
  // generous: on a machine shared with other builds a start has taken over two minutes
  private static final Duration STARTUP = Duration.ofSeconds(300);
  private static final int REQUESTS = 40;
  /** Screening falls overdue this soon after filing: its timer is the job due at the kill. */
  private static final String INTAKE_DEADLINE = "PT6S";
  /**
   * Filings are spread over 12 s, twice the deadline, so timers keep falling due while the first ones fire:
   * filed all at once, an idle machine had fired every timer before the first escalation showed.
   */
  private static final Duration FILING_INTERVAL = Duration.ofMillis(300);
  /** A job locked by a node that died is taken by another (or the restarted one) after this. */
  private static final long LOCK_MILLIS = 10_000;
  private static final Duration SETTLING_AT_MOST = Duration.ofSeconds(90);
  private static final int KILLED_BY_SIGKILL = 137;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  enum Database { H2, POSTGRES }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Database.class)
  void everyDueTimerFiresExactlyOnceAcrossAKillMinus9(Database database) throws Exception {
    AcknowledgedRequestsSurviveKillIT.Laps laps = new AcknowledgedRequestsSurviveKillIT.Laps();
    Path jar = Path.of(System.getProperty("uponrequest.jar"));
    assertThat(jar).as("the jar built by mvn package (uponrequest.jar, set in pom.xml)").isRegularFile();
    Path work = Files.createDirectories(jar.getParent().resolve("crash-it"));
    Path dataDir = Files.createTempDirectory(work, "timers-");
    String jdbcUrl = database == Database.H2 ? "jdbc:h2:file:" + dataDir.resolve("uponrequest") + ";AUTO_SERVER=FALSE"
        : PostgresForTests.freshDatabase();
    List<String> arguments = new ArrayList<>(List.of("--uponrequest.deadlines.stages.INTAKE=" + INTAKE_DEADLINE,
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
        // an idle job executor waits up to a minute between acquisitions (Camunda's default): the timers would fall
        // due in a crowd and fire together
        "--camunda.bpm.job-execution.max-wait=1000"));
    if (database == Database.POSTGRES) {
      arguments.addAll(List.of("--spring.profiles.active=demo,postgres", "--spring.datasource.url=" + jdbcUrl,
          "--spring.datasource.username=" + PostgresForTests.USER, "--spring.datasource.password="));
    }
    boolean passed = false;
    try {
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      long escalatedBeforeKill;
      long dueBeforeKill;
      try (ProductJvm product = ProductJvm.start(jar, dataDir, work.resolve("timers-" + database + "-before-kill.log"),
          ProductJvm.DRILL_OPTIONS, arguments)) {
        product.awaitHealthy(STARTUP);
        laps.lap("start");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
          List<Future<?>> filings = fileRequests(clients, product.port(), acknowledged);
          // kill while timers are due: once the first escalations are in, or 3 s after the first timer fell due
          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
          long firstDue = 0;
          while (true) {
            assertThat(System.nanoTime()).as("no screening fell overdue within 90 s\n%s", product.logTail()).isLessThan(until);
            Thread.sleep(100);
            dueBeforeKill = count(product.port(), "/engine-rest/job/count?activityId=" + SCREENING_OVERDUE + "&executable=true");
            escalatedBeforeKill = count(product.port(), "/engine-rest/task/count?taskDefinitionKey=" + FOLLOW_UP_OVERDUE_SCREENING);
            if (dueBeforeKill > 0 && firstDue == 0) {
              firstDue = System.nanoTime();
            }
            if (dueBeforeKill > 0 && (escalatedBeforeKill > 0 || System.nanoTime() - firstDue > 3_000_000_000L)) {
              break;
            }
          }
          assertThat(product.killHard()).as("died of SIGKILL").isEqualTo(KILLED_BY_SIGKILL);
          for (Future<?> filing : filings) {
            filing.get(60, TimeUnit.SECONDS);
          }
        } finally {
          clients.shutdownNow();
        }
      }
      laps.lap("until the kill");
      // what the dead node left: timers due, timers locked by it, and timers falling due while it is down
      JobsAtKill atKill = jobsAtKill(jdbcUrl);
      System.out.printf("Timer drill on %s: %d requests acknowledged; at the kill %d escalated, %d timers due (REST, just "
              + "before); in the database after it: %d timers left, %d due, %d locked by the dead node%n",
          database, acknowledged.size(), escalatedBeforeKill, dueBeforeKill, atKill.left, atKill.due, atKill.locked);
      assertThat(acknowledged).as("acknowledged filings").hasSizeGreaterThanOrEqualTo(REQUESTS / 4);
      assertThat(atKill.left).as("timers the killed product left to fire (due, locked by it, or due within seconds)")
          .isPositive();

      try (ProductJvm product = ProductJvm.start(jar, dataDir, work.resolve("timers-" + database + "-after-restart.log"),
          ProductJvm.DRILL_OPTIONS, arguments)) {
        product.awaitHealthy(STARTUP);
        laps.lap("restart");
        int port = product.port();
        awaitSettled(product);
        laps.lap("settling");

        Map<String, String> instanceOf = new HashMap<>();
        for (JsonNode instance : get(port, "/engine-rest/process-instance?processDefinitionKey=" + PROCESS_KEY)) {
          instanceOf.put(instance.get("businessKey").asText(), instance.get("id").asText());
        }
        assertThat(instanceOf.keySet()).as("running requests after the restart").containsAll(acknowledged);
        Map<String, Long> followUps = perInstance(get(port, "/engine-rest/task?taskDefinitionKey=" + FOLLOW_UP_OVERDUE_SCREENING));
        Map<String, Long> screenings = perInstance(get(port, "/engine-rest/task?taskDefinitionKey=" + SCREEN_REQUEST));
        Map<String, Long> fired = perInstance(get(port, "/engine-rest/history/activity-instance?activityId=" + SCREENING_OVERDUE));
        for (String reference : acknowledged) {
          String instance = instanceOf.get(reference);
          assertThat(followUps.get(instance)).as("'Follow up overdue screening' tasks of %s", reference).isEqualTo(1);
          assertThat(screenings.get(instance)).as("screening tasks of %s", reference).isEqualTo(1);
          assertThat(fired.get(instance)).as("times the screening-overdue timer of %s fired", reference).isEqualTo(1);
        }
        assertThat(count(port, "/engine-rest/job/count?withException=true")).as("jobs that failed").isZero();
        assertThat(count(port, "/engine-rest/incident/count")).as("incidents").isZero();
        product.stop();
        laps.lap("checks");

        Map<String, Long> mails = escalationMailsPerInstanceAndRecipient(jdbcUrl);
        Set<String> mailed = mails.keySet().stream().map(key -> key.substring(0, key.indexOf(' '))).collect(Collectors.toSet());
        assertThat(mailed).as("requests whose escalation was mailed").containsAll(acknowledged.stream().map(instanceOf::get).toList());
        assertThat(mails).as("escalation mails per request and recipient").allSatisfy((key, mailCount) ->
            assertThat(mailCount).as(key).isEqualTo(1));
      }
      passed = true;
    } finally {
      System.out.println("Timer drill on " + database + " took " + laps);
      if (passed) {
        deleteRecursively(dataDir);
      } else {
        System.out.println("Timer drill: data kept for diagnosis in " + dataDir + " (" + jdbcUrl + ")");
      }
    }
  }

  /**
   * Half through engine-rest as HQ intake (the process starts at once), half through the API as Kenya (the
   * inbox). A filing cut off by the kill is not acknowledged and not expected afterwards.
   */
  private List<Future<?>> fileRequests(ExecutorService clients, int port, Set<String> acknowledged) {
    List<Future<?>> filings = new ArrayList<>();
    long start = System.nanoTime();
    for (int n = 0; n < REQUESTS; n++) {
      boolean throughApi = n % 2 == 1;
      String title = "Timer drill, filing " + n;
      long notBefore = start + n * FILING_INTERVAL.toNanos();
      filings.add(clients.submit(() -> {
        HttpResponse<String> answer;
        try {
          TimeUnit.NANOSECONDS.sleep(Math.max(0, notBefore - System.nanoTime()));
          answer = throughApi
              ? send(request(port, "ken.focal", API).header("Content-Type", "application/json")
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .POST(HttpRequest.BodyPublishers.ofString(apiSubmission(title))).build())
              : send(request(port, "intake", FILE).header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(submission(title))).build());
        } catch (IOException cutOffByTheKill) {
          return null;
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(throughApi ? 201 : 200);
        acknowledged.add(json.readTree(answer.body()).get(throughApi ? "referenceNumber" : "businessKey").asText());
        return null;
      }));
    }
    return filings;
  }

  /** Until every request is registered and no screening timer is left (all fired), or fails after SETTLING_AT_MOST. */
  private void awaitSettled(ProductJvm product) throws Exception {
    long until = System.nanoTime() + SETTLING_AT_MOST.toNanos();
    while (true) {
      long waiting = get(product.port(), "/admin/intake").get("waiting").asLong();
      long timers = count(product.port(), "/engine-rest/job/count?activityId=" + SCREENING_OVERDUE);
      long escalated = count(product.port(), "/engine-rest/task/count?taskDefinitionKey=" + FOLLOW_UP_OVERDUE_SCREENING);
      if (waiting == 0 && timers == 0) {
        return;
      }
      if (System.nanoTime() > until) {
        fail("After " + SETTLING_AT_MOST + ": " + waiting + " requests still in the inbox, " + timers
            + " screening timers left, " + escalated + " escalations\n" + product.logTail());
      }
      Thread.sleep(250);
    }
  }

  record JobsAtKill(long left, long due, long locked) {}

  /** The screening timers as the killed node left them in the database. */
  private static JobsAtKill jobsAtKill(String jdbcUrl) throws SQLException {
    try (Connection db = connect(jdbcUrl); Statement query = db.createStatement();
        ResultSet jobs = query.executeQuery("SELECT COUNT(*), "
            + "SUM(CASE WHEN DUEDATE_ <= CURRENT_TIMESTAMP THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN LOCK_OWNER_ IS NOT NULL THEN 1 ELSE 0 END) "
            + "FROM ACT_RU_JOB WHERE JOB_DEF_ID_ IN (SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = '" + SCREENING_OVERDUE
            + "')")) {
      jobs.next();
      return new JobsAtKill(jobs.getLong(1), jobs.getLong(2), jobs.getLong(3));
    }
  }

  /** "instance recipient" to the number of screening-overdue mails in the outbox. */
  private static Map<String, Long> escalationMailsPerInstanceAndRecipient(String jdbcUrl) throws SQLException {
    Map<String, Long> mails = new HashMap<>();
    try (Connection db = connect(jdbcUrl); Statement query = db.createStatement();
        ResultSet rows = query.executeQuery("SELECT PROC_INST_ID_, RECIPIENT_, COUNT(*) FROM UR_OUTBOX "
            + "WHERE KIND_ = 'SCREENING_OVERDUE' GROUP BY PROC_INST_ID_, RECIPIENT_")) {
      while (rows.next()) {
        mails.put(rows.getString(1) + " " + rows.getString(2), rows.getLong(3));
      }
    }
    return mails;
  }

  private static Connection connect(String jdbcUrl) throws SQLException {
    return jdbcUrl.startsWith("jdbc:h2:") ? DriverManager.getConnection(jdbcUrl, "sa", "")
        : DriverManager.getConnection(jdbcUrl, PostgresForTests.USER, "");
  }

  private static Map<String, Long> perInstance(JsonNode rows) {
    Map<String, Long> counts = new HashMap<>();
    rows.forEach(row -> counts.merge(row.get("processInstanceId").asText(), 1L, Long::sum));
    return counts;
  }

  private long count(int port, String path) throws IOException, InterruptedException {
    return get(port, path).get("count").asLong();
  }

  /** As the demo administrator: a manager and Camunda administrator, who reads every request, task, job and the inbox. */
  private JsonNode get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> answer = send(request(port, "admin", path).GET().build());
    assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpRequest.Builder request(int port, String user, String path) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json").header("Authorization", "Basic " + credentials);
  }

  /** The start form's fields (forms/request-submission.form), as AcknowledgedRequestsSurviveKillIT files them. */
  private static String submission(String title) {
    return """
        {"variables":{
          "memberState":{"value":"KEN"},
          "title":{"value":"%s"},
          "description":{"value":"Training and advisory support for the national authorities named in the annex."},
          "thematicAreas":{"value":"[\\"CORRUPTION\\"]","type":"Json"},
          "assistanceTypes":{"value":"[\\"CAPACITY_BUILDING\\"]","type":"Json"},
          "estimatedBudgetUsd":{"value":250000},
          "urgency":{"value":"NORMAL"},
          "requesterName":{"value":"Wanjiru Kamau"},
          "requesterEmail":{"value":"wanjiru.kamau@example.org"}
        }}""".formatted(title);
  }

  private static String apiSubmission(String title) {
    return """
        {"memberState":"KEN","title":"%s",
         "description":"Training and advisory support for the national authorities named in the annex.",
         "thematicAreas":["CORRUPTION"],"assistanceTypes":["CAPACITY_BUILDING"],"estimatedBudgetUsd":250000,
         "urgency":"NORMAL","requesterName":"Wanjiru Kamau","requesterEmail":"wanjiru.kamau@example.org"}""".formatted(title);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
