package org.unodc.uponrequest.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.FOLLOW_UP_OVERDUE_SCREENING;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.REVIEW_PRIORITY;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unodc.uponrequest.postgres.PostgresForTests;

/**
 * The crash test of issue 10 (and issue 6, finding 8), one kill -9 per database: a request the
 * product acknowledged is kept, and a timer that was due fires exactly once.
 *
 * <p>The built jar runs in a child JVM with the INTAKE deadline shortened to a few seconds, so
 * each request's "screening overdue" timer falls due soon after filing. Requests are filed at a
 * steady pace; once timers are due, eight clients file back to back as well. One of them kills
 * the product with SIGKILL right after an acknowledgement, with other filings in flight and
 * timers due or locked. The product restarts on the same data. It must then:
 * <ul>
 *   <li>hold every acknowledged request with its screening task;</li>
 *   <li>register what its intake inbox still held;</li>
 *   <li>give out no reference number twice;</li>
 *   <li>escalate every request exactly once: one follow-up task, one timer in its history, one
 *       mail per manager in the outbox, no timer left, no job failed.</li>
 * </ul>
 * Odd clients file through engine-rest as HQ intake (the engine's own commit), even ones through
 * the API as Kenya's focal point (the intake inbox). The jobs' lock time is shortened too:
 * Camunda's default of 5 minutes would keep the timers the dead node had locked waiting that long.
 * Child logs: {@code target/crash-it/}.
 */
class AcknowledgedRequestsAndDueTimersSurviveKillIT {

  private static final String FILE = "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form";
  private static final String API = "/api/requests";
  /** HQ intake files on Kenya's behalf through engine-rest (focal points have the portal and /api only). */
  private static final String INTAKE = "intake";
  private static final String KENYA = "ken.focal";
  /** A manager and Camunda administrator: reads every request, task, job and the inbox. */
  private static final String ADMIN = "admin";
  private static final String PASSWORD = "demo";
  // generous: on a machine shared with other builds a start has taken over two minutes
  private static final Duration STARTUP = Duration.ofSeconds(300);

  /** Screening falls overdue this soon after filing: its timer is the job due at the kill. */
  private static final String INTAKE_DEADLINE = "PT6S";
  /** Requests filed at a steady pace, over twice the deadline, so timers keep falling due while the first ones fire. */
  private static final int PACED_REQUESTS = 40;
  private static final Duration PACE = Duration.ofMillis(300);
  /** Clients filing back to back once timers are due. */
  private static final int CLIENTS = 8;
  /** They file for at least this long and until enough filings are acknowledged; then one of them kills the product. */
  private static final Duration BURST = Duration.ofSeconds(2);
  /** Fewer acknowledged filings than this would prove little; on a busy machine the clients file longer. */
  private static final int ENOUGH_ACKNOWLEDGED = 20;
  /** A product that cannot get this far in this time fails the test (it never skips). */
  private static final Duration KILL_AT_MOST = Duration.ofSeconds(90);
  /** A job locked by a node that died is taken by another (or the restarted one) after this. */
  private static final long LOCK_MILLIS = 10_000;
  private static final Duration SETTLING_AT_MOST = Duration.ofSeconds(180);
  /** Linux reports a child killed by signal 9 as 128 + 9. */
  private static final int KILLED_BY_SIGKILL = 137;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** Where the product keeps its data in the drill. */
  enum Database {
    /** The default: an H2 file in the data directory. */
    H2,
    /** PostgreSQL (profile postgres): a fresh database on the test server, kept across the kill. */
    POSTGRES
  }

  /** A filing answered 201 (API) or 200 (engine-rest), by its reference number. */
  record Acknowledged(String referenceNumber, long answeredAtNanos) {}

  /** What the clients saw before and at the kill. */
  static final class Filings {
    final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    final Queue<String> refused = new ConcurrentLinkedQueue<>();
    final AtomicInteger paced = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger acknowledgedInBurst = new AtomicInteger();
    final AtomicBoolean killed = new AtomicBoolean();
    final CountDownLatch killedLatch = new CountDownLatch(1);
    volatile long burstBegan;
    volatile int inFlightAtKill;
    volatile long killTriggeredAt;
    volatile long killedAt;

    boolean timeToKill(long answeredAt) {
      return answeredAt - burstBegan >= BURST.toNanos() && acknowledgedInBurst.get() >= ENOUGH_ACKNOWLEDGED;
    }

    Set<String> references() {
      return acknowledged.stream().map(Acknowledged::referenceNumber).collect(Collectors.toSet());
    }
  }

  record JobsAtKill(long left, long due, long locked) {}

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Database.class)
  void everyAcknowledgedRequestIsKeptAndEveryDueTimerFiresExactlyOnceAcrossAKillMinus9(Database database)
      throws Exception {
    Laps laps = new Laps();
    Path jar = builtJar();
    Path work = Files.createDirectories(jar.getParent().resolve("crash-it"));
    Path dataDir = Files.createTempDirectory(work, "data-");
    String jdbcUrl = database == Database.H2 ? "jdbc:h2:file:" + dataDir.resolve("uponrequest") + ";AUTO_SERVER=FALSE"
        : PostgresForTests.freshDatabase();
    List<String> arguments = arguments(database, jdbcUrl);
    boolean passed = false;
    try {
      Filings filings = new Filings();
      try (ProductJvm product = ProductJvm.start(jar, dataDir, work.resolve(database + "-before-kill.log"),
          ProductJvm.DRILL_OPTIONS, arguments)) {
        product.awaitHealthy(STARTUP);
        laps.lap("start");
        fileUntilKilled(product, filings);
      }
      laps.lap("until the kill");

      // what the dead node left: timers due, timers locked by it, and timers falling due while it is down
      JobsAtKill atKill = jobsAtKill(jdbcUrl);
      List<Acknowledged> acknowledged = List.copyOf(filings.acknowledged);
      System.out.printf("Crash drill on %s: %d filings sent (%d paced, then %d clients back to back for %.1f s); "
              + "acknowledged: %d, refused: %d, unanswered (cut off by the kill): %d; in flight at the kill: %d; SIGKILL "
              + "sent %d ms after the acknowledgement that triggered it; in the database after it: %d screening timers "
              + "left, %d due, %d locked by the dead node%n",
          database, filings.sent.get(), filings.paced.get(), CLIENTS, (filings.killedAt - filings.burstBegan) / 1e9,
          acknowledged.size(), filings.refused.size(), filings.unanswered.get(), filings.inFlightAtKill,
          TimeUnit.NANOSECONDS.toMillis(filings.killedAt - filings.killTriggeredAt), atKill.left, atKill.due,
          atKill.locked);
      if (!filings.refused.isEmpty()) {
        System.out.println("Crash drill: refusals (not acknowledged, so not expected back): " + firstFew(filings.refused));
      }
      assertThat(filings.inFlightAtKill).as("filings in flight when the product was killed").isPositive();
      assertThat(atKill.due).as("screening timers due when the product was killed, or falling due while it was down")
          .isPositive();

      Set<String> references = filings.references();
      Acknowledged last = acknowledged.stream().max(Comparator.comparingLong(Acknowledged::answeredAtNanos)).orElseThrow();
      Map<String, String> requestOf = new HashMap<>();
      try (ProductJvm product = ProductJvm.start(jar, dataDir, work.resolve(database + "-after-restart.log"),
          ProductJvm.DRILL_OPTIONS, arguments)) {
        product.awaitHealthy(STARTUP);
        laps.lap("restart");
        int port = product.port();

        // the counter behind reference numbers did not fall back: a new filing gets a number never given out
        HttpResponse<String> afterRestart = post(port, INTAKE, FILE, KenyasRequest.startForm("Filed after the restart"));
        assertThat(afterRestart.statusCode()).as(afterRestart.body()).isEqualTo(200);
        assertThat(references).as("reference numbers given out before the kill")
            .doesNotContain(json.readTree(afterRestart.body()).get("businessKey").asText());

        // what the API acknowledged and had not registered, the restarted node registers; every timer fires
        awaitSettled(product);
        laps.lap("settling");

        List<String> allReferences = new ArrayList<>();
        for (JsonNode instance : get(port, ADMIN, "/engine-rest/process-instance?processDefinitionKey=" + PROCESS_KEY)) {
          requestOf.put(instance.get("businessKey").asText(), instance.get("id").asText());
          allReferences.add(instance.get("businessKey").asText());
        }
        assertThat(allReferences).as("reference numbers").doesNotHaveDuplicates();
        List<String> lost = references.stream().filter(reference -> !requestOf.containsKey(reference)).sorted().toList();
        assertThat(lost).as("%d of %d acknowledged requests are gone after kill -9", lost.size(), references.size())
            .isEmpty();

        Map<String, Long> screenings = perInstance(get(port, ADMIN, "/engine-rest/task?taskDefinitionKey=" + SCREEN_REQUEST));
        Map<String, Long> followUps = perInstance(get(port, ADMIN,
            "/engine-rest/task?taskDefinitionKey=" + FOLLOW_UP_OVERDUE_SCREENING));
        Map<String, Long> fired = perInstance(get(port, ADMIN,
            "/engine-rest/history/activity-instance?activityId=" + SCREENING_OVERDUE));
        for (String reference : references) {
          String request = requestOf.get(reference);
          assertThat(screenings.get(request)).as("'Screen the request' tasks of %s", reference).isEqualTo(1);
          assertThat(followUps.get(request)).as("'Follow up overdue screening' tasks of %s", reference).isEqualTo(1);
          assertThat(fired.get(request)).as("times the screening-overdue timer of %s fired", reference).isEqualTo(1);
        }
        assertThat(count(port, "/engine-rest/job/count?withException=true")).as("jobs that failed").isZero();
        assertThat(count(port, "/engine-rest/incident/count")).as("incidents").isZero();
        System.out.printf("Crash drill on %s: after the restart all %d acknowledged requests found, each with its "
                + "screening task and one escalation (%d requests in all, counting unacknowledged ones that made it and "
                + "the one filed after the restart)%n", database, references.size(), requestOf.size());

        screenTheLastAcknowledged(port, last.referenceNumber(), requestOf.get(last.referenceNumber()));
        product.stop();
        laps.lap("checks");
      }

      Map<String, Long> mails = escalationMailsPerInstanceAndRecipient(jdbcUrl);
      Set<String> mailed = mails.keySet().stream().map(key -> key.substring(0, key.indexOf(' '))).collect(Collectors.toSet());
      List<String> unmailed = references.stream().filter(reference -> !mailed.contains(requestOf.get(reference)))
          .sorted().toList();
      assertThat(unmailed).as("acknowledged requests whose escalation was not mailed").isEmpty();
      assertThat(mails).as("escalation mails per request and recipient").allSatisfy((key, mailCount) ->
          assertThat(mailCount).as(key).isEqualTo(1));
      passed = true;
    } finally {
      System.out.println("Crash drill on " + database + " took " + laps);
      if (passed) {
        deleteRecursively(dataDir);
      } else {
        System.out.println("Crash drill: data kept for diagnosis in " + dataDir + " (" + jdbcUrl + ")");
      }
    }
  }

  private static List<String> arguments(Database database, String jdbcUrl) {
    List<String> arguments = new ArrayList<>(List.of("--uponrequest.deadlines.stages.INTAKE=" + INTAKE_DEADLINE,
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
        // an idle job executor waits up to a minute between acquisitions (Camunda's default): the timers would fall
        // due in a crowd and fire together
        "--camunda.bpm.job-execution.max-wait=1000"));
    if (database == Database.POSTGRES) {
      arguments.addAll(List.of("--spring.profiles.active=demo,postgres", "--spring.datasource.url=" + jdbcUrl,
          "--spring.datasource.username=" + PostgresForTests.USER, "--spring.datasource.password="));
    }
    return arguments;
  }

  /**
   * Files at a steady pace until timers are due (the first escalations are in, or 3 s after a timer fell due), then
   * from eight clients back to back until one of them kills the product.
   */
  private void fileUntilKilled(ProductJvm product, Filings filings) throws Exception {
    int port = product.port();
    ExecutorService paced = Executors.newFixedThreadPool(4);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<?>> running = new ArrayList<>();
      long start = System.nanoTime();
      for (int n = 0; n < PACED_REQUESTS; n++) {
        int filing = n;
        long notBefore = start + n * PACE.toNanos();
        running.add(paced.submit(() -> {
          TimeUnit.NANOSECONDS.sleep(Math.max(0, notBefore - System.nanoTime()));
          if (!stop.get() && fileOnce(port, filing % 2 == 1, "Crash drill, paced filing " + filing, filings) != null) {
            filings.paced.incrementAndGet();
          }
          return null;
        }));
      }
      awaitTimersDue(product);
      filings.burstBegan = System.nanoTime();
      for (int c = 1; c <= CLIENTS; c++) {
        int client = c;
        running.add(clients.submit(() -> fileBackToBack(product, client, filings, stop)));
      }
      if (!filings.killedLatch.await(KILL_AT_MOST.toSeconds(), TimeUnit.SECONDS)) {
        fail("Only " + filings.acknowledgedInBurst.get() + " filings were acknowledged in " + KILL_AT_MOST + " ("
            + ENOUGH_ACKNOWLEDGED + " needed); refusals: " + firstFew(filings.refused) + "\n" + product.logTail());
      }
      assertThat(product.killHard()).as("the product died of SIGKILL, without an orderly shutdown")
          .isEqualTo(KILLED_BY_SIGKILL);
      stop.set(true);
      for (Future<?> client : running) {
        client.get(60, TimeUnit.SECONDS); // a client's own error fails the test here
      }
    } finally {
      stop.set(true);
      paced.shutdownNow();
      clients.shutdownNow();
      paced.awaitTermination(30, TimeUnit.SECONDS);
      clients.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** Until a screening timer is due and either an escalation is made or 3 s have passed since. */
  private void awaitTimersDue(ProductJvm product) throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    long firstDue = 0;
    while (true) {
      assertThat(System.nanoTime()).as("no screening fell overdue within 90 s\n%s", product.logTail()).isLessThan(until);
      Thread.sleep(100);
      long due = count(product.port(), "/engine-rest/job/count?activityId=" + SCREENING_OVERDUE + "&executable=true");
      if (due > 0 && firstDue == 0) {
        firstDue = System.nanoTime();
      }
      if (due > 0 && (count(product.port(), "/engine-rest/task/count?taskDefinitionKey=" + FOLLOW_UP_OVERDUE_SCREENING) > 0
          || System.nanoTime() - firstDue > TimeUnit.SECONDS.toNanos(3))) {
        return;
      }
    }
  }

  /**
   * One client: files back to back until told to stop or the product stops answering. The client whose
   * acknowledgement completes the burst kills the product itself, at once: a commit answered a moment ago is the one a
   * delayed write loses.
   */
  private Void fileBackToBack(ProductJvm product, int client, Filings filings, AtomicBoolean stop)
      throws IOException, InterruptedException {
    for (int n = 1; !stop.get(); n++) {
      Acknowledged acknowledged = fileOnce(product.port(), client % 2 == 0, "Crash drill, client " + client + ", filing " + n,
          filings);
      if (acknowledged == null) {
        if (filings.killed.get()) {
          return null;
        }
        continue;
      }
      filings.acknowledgedInBurst.incrementAndGet();
      if (filings.timeToKill(acknowledged.answeredAtNanos()) && filings.killed.compareAndSet(false, true)) {
        filings.inFlightAtKill = filings.inFlight.get();
        filings.killTriggeredAt = acknowledged.answeredAtNanos();
        product.sendSigkill();
        filings.killedAt = System.nanoTime();
        filings.killedLatch.countDown();
      }
    }
    return null;
  }

  /** Files one request; the acknowledgement, or null if it was refused or cut off by the kill. */
  private Acknowledged fileOnce(int port, boolean throughApi, String title, Filings filings)
      throws IOException, InterruptedException {
    filings.sent.incrementAndGet();
    filings.inFlight.incrementAndGet();
    HttpResponse<String> answer;
    try {
      answer = throughApi
          ? send(request(port, KENYA, API).header("Content-Type", "application/json")
              .header("Idempotency-Key", UUID.randomUUID().toString())
              .POST(HttpRequest.BodyPublishers.ofString(KenyasRequest.api(title), StandardCharsets.UTF_8)).build())
          : post(port, INTAKE, FILE, KenyasRequest.startForm(title));
    } catch (IOException cutOff) {
      filings.unanswered.incrementAndGet();
      return null;
    } finally {
      filings.inFlight.decrementAndGet();
    }
    long answeredAt = System.nanoTime();
    if (answer.statusCode() != (throughApi ? 201 : 200)) {
      filings.refused.add(answer.statusCode() + " " + answer.body());
      return null;
    }
    JsonNode filed = json.readTree(answer.body());
    Acknowledged acknowledged = new Acknowledged(
        (throughApi ? filed.get("referenceNumber") : filed.get("businessKey")).asText(), answeredAt);
    filings.acknowledged.add(acknowledged);
    return acknowledged;
  }

  /** Until every request is registered and no screening timer is left (all fired), or fails after SETTLING_AT_MOST. */
  private void awaitSettled(ProductJvm product) throws Exception {
    long until = System.nanoTime() + SETTLING_AT_MOST.toNanos();
    System.out.println("Crash drill: intake inbox after the restart: " + get(product.port(), ADMIN, "/admin/intake"));
    while (true) {
      long waiting = get(product.port(), ADMIN, "/admin/intake").get("waiting").asLong();
      long timers = count(product.port(), "/engine-rest/job/count?activityId=" + SCREENING_OVERDUE);
      if (waiting == 0 && timers == 0) {
        return;
      }
      if (System.nanoTime() > until) {
        fail("After " + SETTLING_AT_MOST + ": " + waiting + " requests still in the inbox, " + timers
            + " screening timers left, " + count(product.port(), "/engine-rest/task/count?taskDefinitionKey="
            + FOLLOW_UP_OVERDUE_SCREENING) + " escalations\n" + product.logTail());
      }
      Thread.sleep(250);
    }
  }

  /** The request acknowledged last, the one most at risk, is screened by intake and reaches the planner's review. */
  private void screenTheLastAcknowledged(int port, String reference, String request) throws Exception {
    JsonNode screening = get(port, INTAKE, "/engine-rest/task?processInstanceId=" + request + "&taskDefinitionKey="
        + SCREEN_REQUEST);
    assertThat(screening).as("screening task of %s", reference).hasSize(1);
    String task = screening.get(0).get("id").asText();
    HttpResponse<String> claimed = post(port, INTAKE, "/engine-rest/task/" + task + "/claim", "{\"userId\":\"intake\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    HttpResponse<String> screened = post(port, INTAKE, "/engine-rest/task/" + task + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"}}}");
    assertThat(screened.statusCode()).as(screened.body()).isEqualTo(204);
    // the priority assessment is an asynchronous step (ADR 0010): the planner's review appears once the job executor ran it
    JsonNode next = get(port, "planner", "/engine-rest/task?processInstanceId=" + request);
    for (Instant until = Instant.now().plusSeconds(60); next.isEmpty() && Instant.now().isBefore(until); ) {
      Thread.sleep(200);
      next = get(port, "planner", "/engine-rest/task?processInstanceId=" + request);
    }
    assertThat(next.findValuesAsText("taskDefinitionKey")).as("the planner's open tasks of %s after screening", reference)
        .containsExactly(REVIEW_PRIORITY);
  }

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
    return get(port, ADMIN, path).get("count").asLong();
  }

  private JsonNode get(int port, String user, String path) throws IOException, InterruptedException {
    HttpResponse<String> answer = send(request(port, user, path).GET().build());
    assertThat(answer.statusCode()).as("GET %s as %s: %s", path, user, answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private HttpResponse<String> post(int port, String user, String path, String body)
      throws IOException, InterruptedException {
    return send(request(port, user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpRequest.Builder request(int port, String user, String path) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + credentials);
  }

  private static Path builtJar() {
    String jar = System.getProperty("uponrequest.jar");
    assertThat(jar).as("system property uponrequest.jar (set by maven-failsafe-plugin in pom.xml)").isNotBlank();
    assertThat(Path.of(jar)).as("the jar built by mvn package").isRegularFile();
    return Path.of(jar);
  }

  private static String firstFew(Queue<String> answers) {
    return answers.stream().limit(3).map(a -> a.length() > 300 ? a.substring(0, 300) + "..." : a).toList().toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
