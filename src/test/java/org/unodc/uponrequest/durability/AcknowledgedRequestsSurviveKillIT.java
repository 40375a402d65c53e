package org.unodc.uponrequest.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.REVIEW_PRIORITY;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unodc.uponrequest.postgres.PostgresForTests;

/**
 * A request the product acknowledged is filed, whatever happens to the process afterwards
 * (issue 6, finding 8). Runs the built jar in a child JVM, lets HQ intake file Kenya's requests
 * through engine-rest (200: the process started) and Kenya's focal point through the API (201:
 * in the intake inbox, registered moments later) from several clients, kills the JVM with
 * SIGKILL right after an acknowledgement while other filings are in flight, restarts it on the
 * same data directory, lets it register what the inbox still held, and looks for every
 * acknowledged request and its screening task. Once on the default H2 file, once on PostgreSQL.
 * Child logs: {@code target/crash-it/*.log}.
 */
class AcknowledgedRequestsSurviveKillIT {

  private static final String FILE = "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form";
  /** HQ intake files on Kenya's behalf through engine-rest (focal points have the portal and /api only). */
  private static final String FOCAL_POINT = "intake";
  /** Kenya's focal point files through the product's API: answered once in the intake inbox, registered after. */
  private static final String API = "/api/requests";
  private static final String KENYA = "ken.focal";
  private static final String PASSWORD = "demo";
  private static final Duration STARTUP = Duration.ofSeconds(120);
  /** Clients file for at least this long and until enough filings are acknowledged, then the product is killed. */
  private static final Duration FILING = Duration.ofSeconds(6);
  /** Fewer acknowledged filings than this would prove little; on a busy machine the clients file longer. */
  private static final int ENOUGH_ACKNOWLEDGED = 20;
  /** A product that cannot acknowledge enough filings in this time fails the test (it never skips). */
  private static final Duration FILING_AT_MOST = Duration.ofSeconds(45);
  private static final int CLIENTS = 8;
  /** Linux reports a child killed by signal 9 as 128 + 9. */
  private static final int KILLED_BY_SIGKILL = 137;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** A filing answered: through engine-rest (with its process instance) or through the API (its reference only). */
  record Acknowledged(String referenceNumber, long answeredAtNanos) {}

  /** What the clients saw before and at the kill. */
  static final class Filings {
    final long began = System.nanoTime();
    final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    final AtomicInteger acknowledgedCount = new AtomicInteger();
    final Queue<String> refused = new ConcurrentLinkedQueue<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicBoolean killed = new AtomicBoolean();
    volatile int inFlightAtKill;
    volatile long killTriggeredAt;
    volatile long killedAt;

    boolean timeToKill(long answeredAt) {
      return answeredAt - began >= FILING.toNanos() && acknowledgedCount.get() >= ENOUGH_ACKNOWLEDGED;
    }
  }

  /** Where the product keeps its data in the drill. */
  enum Database {
    /** The default: an H2 file in the data directory. */
    H2,
    /** PostgreSQL (profile postgres): a fresh database on the test server, kept across the kill. */
    POSTGRES;

    List<String> arguments() {
      return this == H2 ? List.of() : List.of("--spring.profiles.active=demo,postgres",
          "--spring.datasource.url=" + PostgresForTests.freshDatabase(), "--spring.datasource.username=" + PostgresForTests.USER,
          "--spring.datasource.password=");
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Database.class)
  void everyRequestAnsweredBeforeAKillMinus9IsStillThereAndCanBeScreenedAfterRestart(Database database) throws Exception {
    Laps laps = new Laps();
    Path jar = builtJar();
    Path work = Files.createDirectories(jar.getParent().resolve("crash-it"));
    Path dataDir = Files.createTempDirectory(work, "data-");
    List<String> arguments = database.arguments();
    boolean passed = false;
    try {
      Filings filings;
      int exitStatus;
      try (ProductJvm product = ProductJvm.start(jar, dataDir, work.resolve(database + "-before-kill.log"),
          ProductJvm.DRILL_OPTIONS, arguments)) {
        product.awaitHealthy(STARTUP);
        laps.lap("start");
        CountDownLatch killed = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
          filings = new Filings();
          List<Future<?>> running = new ArrayList<>();
          for (int c = 1; c <= CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> fileUntilStopped(product, client, filings, stop, killed)));
          }
          if (!killed.await(FILING_AT_MOST.toSeconds(), TimeUnit.SECONDS)) {
            fail("Only " + filings.acknowledgedCount.get() + " filings were answered 200 in " + FILING_AT_MOST
                + " (" + ENOUGH_ACKNOWLEDGED + " needed); refusals: " + firstFew(filings.refused) + "\n" + product.logTail());
          }
          laps.lap("filing");
          exitStatus = product.killHard();
          stop.set(true);
          for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);   // a client's own error fails the test here
          }
        } finally {
          stop.set(true);
          clients.shutdownNow();
          clients.awaitTermination(30, TimeUnit.SECONDS);
        }
      }

      List<Acknowledged> acknowledged = List.copyOf(filings.acknowledged);
      Acknowledged last = acknowledged.stream().max(Comparator.comparingLong(Acknowledged::answeredAtNanos)).orElseThrow();
      System.out.printf("Crash drill: %d filings sent by %d clients in %.1f s; answered 200: %d, refused: %d, "
              + "unanswered (cut off by the kill): %d; in flight at the kill: %d; SIGKILL sent %d ms after the "
              + "acknowledgement that triggered it; exit status %d%n",
          filings.sent.get(), CLIENTS, (filings.killedAt - filings.began) / 1e9, acknowledged.size(),
          filings.refused.size(), filings.unanswered.get(), filings.inFlightAtKill,
          TimeUnit.NANOSECONDS.toMillis(filings.killedAt - filings.killTriggeredAt), exitStatus);
      if (!filings.refused.isEmpty()) {
        System.out.println("Crash drill: refusals (not acknowledged, so not expected back): " + firstFew(filings.refused));
      }
      assertThat(exitStatus).as("the product died of SIGKILL, without an orderly shutdown").isEqualTo(KILLED_BY_SIGKILL);
      assertThat(filings.inFlightAtKill).as("filings in flight when the product was killed").isPositive();

      laps.lap("kill");
      try (ProductJvm product = ProductJvm.start(jar, dataDir, work.resolve(database + "-after-restart.log"),
          ProductJvm.DRILL_OPTIONS, arguments)) {
        product.awaitHealthy(STARTUP);
        laps.lap("restart");
        int port = product.port();

        // the counter behind reference numbers did not fall back: a new filing gets a number never given out
        HttpResponse<String> afterRestart = post(port, FOCAL_POINT, FILE, submission("Filed after the restart"));
        assertThat(afterRestart.statusCode()).as(afterRestart.body()).isEqualTo(200);
        String newReference = json.readTree(afterRestart.body()).get("businessKey").asText();
        // what the API acknowledged and had not registered before the kill, the restarted node registers now
        awaitInboxEmpty(port);
        laps.lap("registering");

        Map<String, String> requests = referenceNumbersByRequest(port);
        Map<String, String> requestOf = new HashMap<>();
        requests.forEach((instance, reference) -> requestOf.put(reference, instance));
        Map<String, String> screening = screeningTaskByRequest(port);
        List<String> lost = acknowledged.stream()
            .filter(filed -> !requestOf.containsKey(filed.referenceNumber()))
            .map(Acknowledged::referenceNumber).sorted().toList();
        List<String> notScreenable = acknowledged.stream()
            .filter(filed -> !screening.containsKey(requestOf.get(filed.referenceNumber())))
            .map(Acknowledged::referenceNumber).sorted().toList();
        System.out.printf("Crash drill: after restart %d of %d acknowledged requests found, %d with their screening task "
                + "(%d requests in all, counting unacknowledged ones that made it)%n",
            acknowledged.size() - lost.size(), acknowledged.size(), acknowledged.size() - notScreenable.size(),
            requests.size() - 1);

        assertThat(lost).as("%d of %d acknowledged requests are gone after kill -9", lost.size(), acknowledged.size())
            .isEmpty();
        assertThat(notScreenable).as("acknowledged requests without their 'Screen the request' task for intake")
            .isEmpty();
        assertThat(requests.values()).as("reference numbers").doesNotHaveDuplicates();
        assertThat(acknowledged).extracting(Acknowledged::referenceNumber)
            .as("reference numbers given out before the kill").doesNotHaveDuplicates().doesNotContain(newReference);

        // the request acknowledged last, the one most at risk, is screened and moves on
        String lastRequest = requestOf.get(last.referenceNumber());
        String task = screening.get(lastRequest);
        HttpResponse<String> claimed = post(port, "intake", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"intake\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        HttpResponse<String> screened = post(port, "intake", "/engine-rest/task/" + task + "/submit-form",
            "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"}}}");
        assertThat(screened.statusCode()).as(screened.body()).isEqualTo(204);
        // the priority assessment is an asynchronous step (ADR 0010): the planner's review appears once the job executor ran it
        JsonNode next = get(port, "planner", "/engine-rest/task?processInstanceId=" + lastRequest);
        for (Instant until = Instant.now().plusSeconds(60); next.isEmpty() && Instant.now().isBefore(until); ) {
          Thread.sleep(200);
          next = get(port, "planner", "/engine-rest/task?processInstanceId=" + lastRequest);
        }
        assertThat(next.findValuesAsText("taskDefinitionKey")).as("open tasks of %s after screening", last.referenceNumber())
            .containsExactly(REVIEW_PRIORITY);
      }
      passed = true;
    } finally {
      laps.lap("checks");
      System.out.println("Crash drill took " + laps);
      if (passed) {
        deleteRecursively(dataDir);
      } else {
        System.out.println("Crash drill: database kept for diagnosis in " + dataDir);
      }
    }
  }

  /** Seconds spent in each phase, to tell a slow machine from a slow product. */
  static final class Laps {
    private final long began = System.nanoTime();
    private long last = began;
    private final StringBuilder laps = new StringBuilder();

    void lap(String phase) {
      long now = System.nanoTime();
      laps.append(laps.isEmpty() ? "" : ", ").append(phase).append(' ').append(TimeUnit.NANOSECONDS.toSeconds(now - last))
          .append(" s");
      last = now;
    }

    @Override
    public String toString() {
      return TimeUnit.NANOSECONDS.toSeconds(last - began) + " s (" + laps + ")";
    }
  }

  /**
   * One client: files requests back to back until told to stop or the product stops answering.
   * The client whose acknowledgement completes the drill kills the product itself, at once: a
   * commit answered a moment ago is the one a delayed write loses.
   */
  private Void fileUntilStopped(ProductJvm product, int client, Filings filings, AtomicBoolean stop,
      CountDownLatch killed) throws IOException {
    int port = product.port();
    // odd clients file through engine-rest (the engine's own commit), even ones through the API (the intake inbox)
    boolean throughApi = client % 2 == 0;
    for (int n = 1; !stop.get(); n++) {
      String title = "Crash drill, client " + client + ", filing " + n;
      filings.sent.incrementAndGet();
      filings.inFlight.incrementAndGet();
      HttpResponse<String> answer;
      try {
        answer = throughApi ? post(port, KENYA, API, apiSubmission(title), UUID.randomUUID().toString())
            : post(port, FOCAL_POINT, FILE, submission(title));
      } catch (IOException cutOff) {
        filings.unanswered.incrementAndGet();
        return null;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return null;
      } finally {
        filings.inFlight.decrementAndGet();
      }
      long answeredAt = System.nanoTime();
      if (answer.statusCode() == (throughApi ? 201 : 200)) {
        filings.acknowledgedCount.incrementAndGet();
        // kill first, read the answer afterwards: every millisecond lets a background write catch up
        if (filings.timeToKill(answeredAt) && filings.killed.compareAndSet(false, true)) {
          filings.inFlightAtKill = filings.inFlight.get();
          filings.killTriggeredAt = answeredAt;
          product.sendSigkill();
          filings.killedAt = System.nanoTime();
          killed.countDown();
        }
        JsonNode filed = json.readTree(answer.body());
        filings.acknowledged.add(new Acknowledged(
            (throughApi ? filed.get("referenceNumber") : filed.get("businessKey")).asText(), answeredAt));
      } else {
        filings.refused.add(answer.statusCode() + " " + answer.body());
      }
    }
    return null;
  }

  /** Exactly the fields of the start form (forms/request-submission.form), nothing else. */
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

  /** The same request as the API takes it: the form's fields as a JSON object. */
  private static String apiSubmission(String title) {
    return """
        {"memberState":"KEN","title":"%s",
         "description":"Training and advisory support for the national authorities named in the annex.",
         "thematicAreas":["CORRUPTION"],"assistanceTypes":["CAPACITY_BUILDING"],"estimatedBudgetUsd":250000,
         "urgency":"NORMAL","requesterName":"Wanjiru Kamau","requesterEmail":"wanjiru.kamau@example.org"}""".formatted(title);
  }

  /** Waits until the intake inbox (administrators' page, as JSON) holds nothing, at most two minutes. */
  private void awaitInboxEmpty(int port) throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    JsonNode backlog = get(port, "admin", "/admin/intake");
    System.out.println("Crash drill: intake inbox after the restart: " + backlog);
    while (backlog.get("waiting").asLong() > 0) {
      assertThat(System.nanoTime()).as("requests still waiting to be registered: %s", backlog).isLessThan(until);
      Thread.sleep(200);
      backlog = get(port, "admin", "/admin/intake");
    }
  }

  /** Process instance id to reference number, for every running request the filer can see. */
  private Map<String, String> referenceNumbersByRequest(int port) throws IOException, InterruptedException {
    Map<String, String> byId = new HashMap<>();
    for (JsonNode instance : get(port, FOCAL_POINT, "/engine-rest/process-instance?processDefinitionKey=" + PROCESS_KEY)) {
      byId.put(instance.get("id").asText(), instance.get("businessKey").asText());
    }
    return byId;
  }

  /** Process instance id to its open "Screen the request" task, as intake sees them. */
  private Map<String, String> screeningTaskByRequest(int port) throws IOException, InterruptedException {
    Map<String, String> byRequest = new HashMap<>();
    for (JsonNode task : get(port, "intake", "/engine-rest/task?processDefinitionKey=" + PROCESS_KEY
        + "&taskDefinitionKey=" + SCREEN_REQUEST)) {
      byRequest.put(task.get("processInstanceId").asText(), task.get("id").asText());
    }
    return byRequest;
  }

  private JsonNode get(int port, String user, String path) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(request(port, user, path).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).as("GET %s as %s: %s", path, user, answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private HttpResponse<String> post(int port, String user, String path, String body)
      throws IOException, InterruptedException {
    return http.send(request(port, user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(int port, String user, String path, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    return http.send(request(port, user, path).header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
