package org.unodc.uponrequest.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.ASSESS_PRIORITY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.ASSIGN_OFFICE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.CLARIFICATION_DEADLINE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.CLARIFICATION_REMINDER_DUE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.END_CLOSED;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.END_CLOSED_UNFUNDED;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.END_DECLINED;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.END_WITHDRAWN;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.END_WITHDRAWN_NO_ANSWER;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.FEEDBACK_DEADLINE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.FUNDING_RECHECK_DUE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.GIVE_FEEDBACK;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROGRESS_REPORT_DUE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROVIDE_CLARIFICATION;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.REMINDER_SENT;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.REPORT_PROGRESS;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.REVIEW_PRIORITY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.postgres.PostgresForTests;

/**
 * Two nodes on one PostgreSQL (issue 10, "Two-node test"): the built jar twice, in two JVMs, both
 * with the job executor, on one database and one SMTP server (GreenMail). Several hundred requests
 * are driven concurrently over HTTP through their whole lives, each step on the other node than
 * the last ({@link LifecycleOverHttp}), along a mix of paths in which timers fire (a feedback window
 * and a clarification deadline that run out, a reminder, a funding re-check, a progress report) and
 * asynchronous jobs run (a regional request's participation, the implementation report's compile
 * and publish), on whichever node acquires them. Then everything is checked from the database:
 * every request ended once, as its path implies; nothing is left running; each task, timer and job
 * happened once (no more, no less than the path implies); each mail is in the outbox once and
 * arrived once; the request index and the reporting tables have one row per request, right; and
 * both nodes executed jobs and served steps. Child logs: {@code target/two-nodes-it/}.
 */
class TwoNodesOnOnePostgresIT {

  private static final int REQUESTS = Integer.getInteger("twonodes.requests", 300);
  /** Concurrent users; more only queue on two cores. Some of them wait out timers. */
  private static final int WORKERS = Integer.getInteger("twonodes.workers", 14);
  private static final int REPORTS = 3;
  private static final Duration STARTUP = Duration.ofSeconds(180);
  /** A step waits this long at most for its task or a timer (timers below are seconds; the machine is shared). */
  private static final Duration STEP_WAIT = Duration.ofSeconds(120);
  /** A backstop only (each step fails after STEP_WAIT): a machine shared with other builds can be several times slower. */
  private static final Duration DRIVE_AT_MOST = Duration.ofMinutes(Integer.getInteger("twonodes.driveMinutes", 20));

  /** Deadlines shortened so that their timers fire during the run, on either node. */
  private static final List<String> SHORT_DEADLINES = List.of(
      "--uponrequest.deadlines.named.clarification-reminder=PT3S",
      "--uponrequest.deadlines.named.clarification-answer=PT30S",
      "--uponrequest.deadlines.named.feedback=PT20S",
      "--uponrequest.deadlines.named.funding-recheck=PT3S",
      "--uponrequest.deadlines.named.funding-recheck-high=PT3S",
      "--uponrequest.deadlines.named.funding-recheck-low=PT3S",
      // one report, due 6 s into delivery: a request whose activity is recorded before has none (or one cut short)
      "--uponrequest.deadlines.progress-report-cycle=R1/PT6S");

  /**
   * The job executor looks for due jobs every 5 s when idle, backing off to 60 s (Camunda's
   * defaults, fine for timers of days): here timers of seconds should fire within a second or two.
   */
  private static final List<String> QUICK_JOB_ACQUISITION = List.of(
      "--camunda.bpm.job-execution.wait-time-in-millis=500",
      "--camunda.bpm.job-execution.max-wait=2000",
      // the registrar gives way to filings in progress for up to a minute (ADR 0007); here users wait on it
      "--uponrequest.intake.max-delay=PT2S");

  private static final String[] NODE_NAMES = {"node-a", "node-b"};

  /** The ways through the process the test drives, and what each implies. */
  enum Route {
    /** Every stage, the state gives feedback (unless its window closed first: then as FEEDBACK_WINDOW_CLOSES). */
    COMPLETED(END_CLOSED, "COMPLETED", true),
    /** Every stage; the state lets the feedback window close (timer), the manager closes the request. */
    FEEDBACK_WINDOW_CLOSES(END_CLOSED, "COMPLETED", true),
    /** Every stage; the quarterly progress report falls due (timer) during delivery and is written. */
    PROGRESS_REPORTED(END_CLOSED, "COMPLETED", true),
    /** Every stage of a regional request: Uganda confirms taking part (an asynchronous continuation follows). */
    REGIONAL(END_CLOSED, "COMPLETED", true),
    /** Kept in the funding pipeline, re-checked by timer, then closed as unfunded. */
    UNFUNDED_AFTER_RECHECK(END_CLOSED_UNFUNDED, "CLOSED_UNFUNDED", false),
    /** Intake asks a question, the reminder timer fires, the state answers, intake declines. */
    DECLINED_AFTER_REMINDER(END_DECLINED, "DECLINED", false),
    /** Intake asks a question nobody answers: reminder, then the deadline withdraws the request (timers). */
    NO_ANSWER(END_WITHDRAWN_NO_ANSWER, "WITHDRAWN_NO_ANSWER", false),
    /** Kenya withdraws it while strategic planning reviews its priority. */
    WITHDRAWN(END_WITHDRAWN, "WITHDRAWN", false),
    /** Declined at screening. */
    DECLINED(END_DECLINED, "DECLINED", false);

    final String endEvent;
    final String outcome;
    final boolean delivered;

    Route(String endEvent, String outcome, boolean delivered) {
      this.endEvent = endEvent;
      this.outcome = outcome;
      this.delivered = delivered;
    }

    /** The request's path by its number: about 45% of requests go through every stage. */
    static Route of(int request) {
      Route[] mix = {COMPLETED, DECLINED, FEEDBACK_WINDOW_CLOSES, UNFUNDED_AFTER_RECHECK, COMPLETED, DECLINED_AFTER_REMINDER,
          PROGRESS_REPORTED, WITHDRAWN, COMPLETED, REGIONAL, NO_ANSWER, COMPLETED, UNFUNDED_AFTER_RECHECK,
          DECLINED_AFTER_REMINDER, COMPLETED, WITHDRAWN, FEEDBACK_WINDOW_CLOSES, DECLINED, REGIONAL, COMPLETED};
      return mix[request % mix.length];
    }
  }

  /** A request driven: its route, what the driver saw, and where it ended up. */
  record Driven(int number, Route route, String requester, LifecycleOverHttp driver, boolean feedbackGiven,
      boolean answered, String outcomeSeen) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = LifecycleOverHttp.httpClient();

  @Test
  void everyRequestDrivenThroughTwoNodesCompletesExactlyOnce() throws Exception {
    Laps laps = new Laps();
    Path jar = builtJar();
    Path work = Files.createDirectories(jar.getParent().resolve("two-nodes-it"));
    String database = PostgresForTests.freshDatabase();
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    List<ProductJvm> nodes = new ArrayList<>();
    try {
      for (String name : NODE_NAMES) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=demo,postgres",
            "--spring.datasource.url=" + database, "--spring.datasource.username=" + PostgresForTests.USER,
            "--spring.datasource.password=", "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtp.getSmtp().getPort(),
            // the engine's job log names the node that ran each job (HOSTNAME_)
            "--camunda.bpm.generic-properties.properties.hostname=" + name));
        arguments.addAll(SHORT_DEADLINES);
        arguments.addAll(QUICK_JOB_ACQUISITION);
        ProductJvm node = ProductJvm.start(jar, Files.createTempDirectory(work, name + "-data-"), work.resolve(name + ".log"),
            List.of("-Xmx512m"), arguments);
        nodes.add(node);
        // one after the other: the first creates the schema and deploys, the second finds them
        node.awaitHealthy(STARTUP);
      }
      laps.lap("start");
      List<URI> addresses = nodes.stream().map(node -> URI.create("http://localhost:" + node.port())).toList();

      long cpuBefore = nodes.stream().mapToLong(ProductJvm::cpuMillis).sum();
      Run run = drive(addresses);
      List<Driven> driven = run.requests();
      List<String> reports = run.reports();
      long cpu = nodes.stream().mapToLong(ProductJvm::cpuMillis).sum() - cpuBefore;
      laps.lap("drive");
      Map<Integer, Long> stepsByNode = driven.stream().flatMap(request -> request.driver().steps().stream())
          .collect(Collectors.groupingBy(LifecycleOverHttp.Step::node, TreeMap::new, Collectors.counting()));
      System.out.println(driving(driven, stepsByNode, cpu, laps));

      try (Connection db = DriverManager.getConnection(database, PostgresForTests.USER, "")) {
        awaitOutboxSent(db);
        List<Map<String, Object>> sent = rows(db, "SELECT RECIPIENT_, SUBJECT_ FROM UR_OUTBOX WHERE STATUS_ = 'SENT'");
        smtp.waitForIncomingEmail(30_000, sent.size());
        laps.lap("mail");
        Checks checks = new Checks(db, driven);
        checks.everyRequestEndedOnceAsItsRouteImplies();
        checks.nothingIsLeftRunning();
        checks.eachTaskHappenedAsTheRouteImplies();
        checks.eachTimerAndJobRanOnce();
        checks.eachMailIsInTheOutboxOnceAndSent();
        checks.eachMailArrivedOnce(sent, smtp.getReceivedMessages());
        checks.theIndexAndReportingTablesHaveOneRightRowPerRequest();
        checks.reportsWerePublishedOnce(reports);
        Map<String, Long> jobsByNode = checks.bothNodesRanJobs();
        assertThat(stepsByNode).as("steps served per node").containsOnlyKeys(0, 1);
        laps.lap("checks");
        System.out.println("Two nodes on one PostgreSQL: all checks passed; jobs executed per node: " + jobsByNode
            + "; failed job attempts (retried): " + checks.failedJobAttempts() + "; mails sent and arrived: " + sent.size()
            + "; in all " + laps);
      }
    } finally {
      for (ProductJvm node : nodes) {
        node.close();
      }
      smtp.stop();
    }
  }

  // --- driving -----------------------------------------------------------------------------------------

  /** The requests driven and the report processes run alongside. */
  record Run(List<Driven> requests, List<String> reports) {}

  private Run drive(List<URI> nodes) throws Exception {
    ExecutorService users = Executors.newFixedThreadPool(WORKERS);
    try {
      // a manager asks for reports while the requests move: their jobs mix with the requests' timers
      Future<List<String>> reports = users.submit(() -> runReports(nodes));
      List<Future<Driven>> running = new ArrayList<>();
      for (int n = 0; n < REQUESTS; n++) {
        int number = n;
        running.add(users.submit(() -> drive(number, Route.of(number), new LifecycleOverHttp(http, nodes, number, STEP_WAIT))));
      }
      List<Driven> driven = new ArrayList<>();
      long until = System.nanoTime() + DRIVE_AT_MOST.toNanos();
      for (Future<Driven> request : running) {
        // a request the product refused or lost fails the test here, with the driver's message
        try {
          driven.add(request.get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException late) {
          throw new AssertionError("Only " + running.stream().filter(Future::isDone).count() + " of " + REQUESTS
              + " requests were driven to their end in " + DRIVE_AT_MOST, late);
        }
      }
      return new Run(driven, reports.get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS));
    } finally {
      users.shutdownNow();
      users.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private static Driven drive(int number, Route route, LifecycleOverHttp request) {
    String requester = "requester-" + number + "@example.org";
    request.file("Two-node run, request " + number + " (" + route + ")", requester, List.of("CORRUPTION"),
        route == Route.REGIONAL ? List.of("UGA") : List.of());
    boolean feedbackGiven = false;
    boolean answered = false;
    switch (route) {
      case DECLINED -> request.screenAndDecline();
      case DECLINED_AFTER_REMINDER -> {
        request.screenAndAskForClarification();
        request.awaitPassed(REMINDER_SENT);
        answered = request.answerClarification();
        if (answered) {
          request.screenAndDecline();
        }
      }
      case NO_ANSWER -> {
        request.screenAndAskForClarification();
        request.awaitPassed(REMINDER_SENT);
      }
      case WITHDRAWN -> {
        request.screenAndAccept();
        request.awaitPassed(ASSESS_PRIORITY); // the decision is asynchronous: withdraw once the review is there
        request.withdraw();
      }
      case UNFUNDED_AFTER_RECHECK -> {
        request.screenAndAccept();
        request.reviewPriority();
        request.keepInFundingPipeline();
        request.closeAsUnfunded();   // waits for the re-check's timer to bring the task back
      }
      default -> {
        request.screenAndAccept();
        if (route == Route.REGIONAL) {
          request.confirmParticipation();
        }
        request.reviewPriority();
        request.confirmFunding();
        request.acceptAssignment();
        request.planDelivery();
        if (route == Route.PROGRESS_REPORTED) {
          request.reportProgress();   // waits for the progress report's timer
        }
        request.recordActivity();
        request.writeFinalReport();
        if (route != Route.FEEDBACK_WINDOW_CLOSES) {
          feedbackGiven = request.giveFeedback();
        }
        request.closeRequest();   // after feedback, or once the feedback window's timer closed it
      }
    }
    return new Driven(number, route, requester, request, feedbackGiven, answered, request.awaitEnd());
  }

  /**
   * The implementation report for a few periods, started by the manager; compiling and publishing
   * are asynchronous jobs. Returns the report processes' ids.
   */
  private List<String> runReports(List<URI> nodes) throws IOException, InterruptedException {
    List<String> instances = new ArrayList<>();
    for (int month = 1; month <= REPORTS; month++) {
      String period = "{\"variables\":{\"periodFrom\":{\"value\":\"2025-%02d-01\"},\"periodTo\":{\"value\":\"2025-%02d-28\"}}}"
          .formatted(month, month);
      HttpResponse<String> started = call(nodes.get(month % 2), LifecycleOverHttp.MANAGER, "POST",
          "/engine-rest/process-definition/key/annual-implementation-report/submit-form", period);
      assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
      instances.add(json.readTree(started.body()).get("id").asText());
    }
    for (int i = 0; i < instances.size(); i++) {
      URI node = nodes.get(i % 2);
      String instance = instances.get(i);
      JsonNode task = awaitOne(node, "/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=Activity_ReviewReport");
      String id = task.get("id").asText();
      assertThat(call(node, LifecycleOverHttp.MANAGER, "POST", "/engine-rest/task/" + id + "/claim",
          "{\"userId\":\"manager\"}").statusCode()).isEqualTo(204);
      HttpResponse<String> approved = call(node, LifecycleOverHttp.MANAGER, "POST", "/engine-rest/task/" + id + "/submit-form",
          "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}");
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
    }
    return instances;
  }

  private JsonNode awaitOne(URI node, String query) throws IOException, InterruptedException {
    long until = System.nanoTime() + STEP_WAIT.toNanos();
    while (true) {
      HttpResponse<String> answer = call(node, LifecycleOverHttp.MANAGER, "GET", query, null);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode found = json.readTree(answer.body());
      if (found.size() == 1) {
        return found.get(0);
      }
      assertThat(System.nanoTime()).as("waiting for %s", query).isLessThan(until);
      Thread.sleep(200);
    }
  }

  private HttpResponse<String> call(URI node, String user, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json").header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + LifecycleOverHttp.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // --- checking -----------------------------------------------------------------------------------------

  /** Waits (at most a minute) until every mail in the outbox has been sent or has failed for good. */
  private static void awaitOutboxSent(Connection db) throws SQLException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (count(db, "SELECT COUNT(*) FROM UR_OUTBOX WHERE STATUS_ IN ('PENDING', 'SENDING')") > 0
        && System.nanoTime() < until) {
      Thread.sleep(250);
    }
  }

  /** The checks, from the database the nodes share. */
  private final class Checks {

    private final Connection db;
    private final List<Driven> driven;
    private final Map<String, Driven> byInstance = new HashMap<>();

    Checks(Connection db, List<Driven> driven) throws SQLException {
      this.db = db;
      this.driven = driven;
      for (Driven request : driven) {
        List<Map<String, Object>> instances = rows(db, "SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ? "
            + "AND PROC_DEF_KEY_ = ?", request.driver().reference(), PROCESS_KEY);
        assertThat(instances).as("process instances of %s (%s)", request.driver().reference(), request.route()).hasSize(1);
        byInstance.put((String) instances.get(0).get("id_"), request);
      }
    }

    /**
     * The route the request actually took: on a machine slow enough, a deadline's timer wins the
     * race against the state's answer (COMPLETED without feedback closes by the window's timer; an
     * answer too late leaves the request withdrawn for no answer).
     */
    private Route taken(Driven request) {
      if (request.route() == Route.COMPLETED && !request.feedbackGiven()) {
        return Route.FEEDBACK_WINDOW_CLOSES;
      }
      return request.route() == Route.DECLINED_AFTER_REMINDER && !request.answered() ? Route.NO_ANSWER : request.route();
    }

    void everyRequestEndedOnceAsItsRouteImplies() throws SQLException {
      assertThat(count(db, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = '" + PROCESS_KEY + "'"))
          .as("request process instances").isEqualTo(driven.size());
      for (Map<String, Object> instance : rows(db, "SELECT P.ID_, P.END_TIME_, V.TEXT_ AS OUTCOME_ "
          + "FROM ACT_HI_PROCINST P LEFT JOIN ACT_HI_VARINST V ON V.PROC_INST_ID_ = P.ID_ AND V.NAME_ = 'outcome' "
          + "AND V.EXECUTION_ID_ = P.ID_ WHERE P.PROC_DEF_KEY_ = ?", PROCESS_KEY)) {
        Driven request = byInstance.get((String) instance.get("id_"));
        Route taken = taken(request);
        String which = request.driver().reference() + " (" + taken + ")";
        assertThat(instance.get("end_time_")).as("end of %s", which).isNotNull();
        assertThat(count(db, "SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = '" + instance.get("id_")
            + "' AND ACT_ID_ = '" + taken.endEvent + "' AND END_TIME_ IS NOT NULL"))
            .as("%s reached %s", which, taken.endEvent).isEqualTo(1);
        assertThat(instance.get("outcome_")).as("outcome of %s", which).isEqualTo(taken.outcome);
        assertThat(request.outcomeSeen()).as("outcome Kenya sees for %s", which).isEqualTo(taken.outcome);
      }
    }

    void nothingIsLeftRunning() throws SQLException {
      assertThat(count(db, "SELECT COUNT(*) FROM ACT_RU_EXECUTION")).as("executions left").isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM ACT_RU_TASK")).as("tasks left").isZero();
      // both nodes wrote the kept task lists (ADR 0015) in every flush, often for one task at once
      assertThat(rows(db, "SELECT GROUP_ID_, TASK_ID_ FROM UR_TASK_LIST")).as("rows left in the groups' kept list").isEmpty();
      assertThat(rows(db, "SELECT USER_ID_, TASK_ID_ FROM UR_USER_TASK_LIST")).as("rows left in the users' kept list").isEmpty();
      // a definition's message start event subscribes without an instance; a request's subscriptions end with it
      assertThat(rows(db, "SELECT EVENT_TYPE_, EVENT_NAME_, ACTIVITY_ID_, PROC_INST_ID_ FROM ACT_RU_EVENT_SUBSCR "
          + "WHERE PROC_INST_ID_ IS NOT NULL")).as("event subscriptions left").isEmpty();
      // jobs without an instance stay: the yearly report's timer start event, the engine's history cleanup
      assertThat(rows(db, "SELECT ID_, TYPE_, HANDLER_TYPE_, HANDLER_CFG_, PROCESS_INSTANCE_ID_ FROM ACT_RU_JOB "
          + "WHERE PROCESS_INSTANCE_ID_ IS NOT NULL")).as("jobs left").isEmpty();
      assertThat(rows(db, "SELECT ID_, INCIDENT_MSG_ FROM ACT_HI_INCIDENT")).as("incidents").isEmpty();
      assertThat(count(db, "SELECT COUNT(*) FROM UR_INBOX")).as("requests still in the intake inbox").isZero();
    }

    void eachTaskHappenedAsTheRouteImplies() throws SQLException {
      Map<String, List<Map<String, Object>>> tasks = rows(db, "SELECT ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, TASK_DEF_KEY_, "
          + "DELETE_REASON_, END_TIME_ FROM ACT_HI_TASKINST WHERE ROOT_PROC_INST_ID_ IN (SELECT ID_ FROM ACT_HI_PROCINST "
          + "WHERE PROC_DEF_KEY_ = ?)", PROCESS_KEY).stream()
          .collect(Collectors.groupingBy(task -> (String) task.get("root_proc_inst_id_")));
      for (var entry : byInstance.entrySet()) {
        Driven request = entry.getValue();
        Route taken = taken(request);
        String which = request.driver().reference() + " (" + taken + ")";
        List<Map<String, Object>> ofRequest = tasks.getOrDefault(entry.getKey(), List.of());
        assertThat(ofRequest).as("tasks of %s", which).allSatisfy(task -> assertThat(task.get("end_time_")).isNotNull());
        Map<String, Long> completedKeys = countBy(ofRequest.stream().filter(TwoNodesOnOnePostgresIT::completed).toList(),
            task -> (String) task.get("task_def_key_"));
        Map<String, Long> expectedCompleted = countBy(request.driver().completedTasks(),
            LifecycleOverHttp.CompletedTask::taskDefinitionKey);
        // the state's answers go through the API, not the driver's officer steps
        switch (taken) {
          case DECLINED_AFTER_REMINDER -> expectedCompleted.merge(PROVIDE_CLARIFICATION, 1L, Long::sum);
          case REGIONAL -> expectedCompleted.merge("Activity_ConfirmParticipation", 1L, Long::sum);
          default -> { }
        }
        if (request.feedbackGiven()) {
          expectedCompleted.merge(GIVE_FEEDBACK, 1L, Long::sum);
        }
        assertThat(completedKeys).as("tasks completed in %s", which).isEqualTo(expectedCompleted);
        assertThat(ofRequest.stream().filter(TwoNodesOnOnePostgresIT::completed).map(task -> (String) task.get("id_")))
            .as("officers' tasks completed in %s", which)
            .containsAll(request.driver().completedTasks().stream().map(LifecycleOverHttp.CompletedTask::id).toList());

        Map<String, Long> ended = countBy(ofRequest.stream().filter(task -> !completed(task)).toList(),
            task -> (String) task.get("task_def_key_"));
        // a progress report whose timer fired just before the activity was recorded ends with delivery, unwritten
        Long cutShort = taken.delivered && taken != Route.PROGRESS_REPORTED ? ended.remove(REPORT_PROGRESS) : null;
        assertThat(cutShort == null ? 0 : cutShort).as("progress reports cut short in %s", which).isLessThanOrEqualTo(1);
        Map<String, Long> expectedEnded = new HashMap<>();
        switch (taken) {
          case FEEDBACK_WINDOW_CLOSES -> expectedEnded.put(GIVE_FEEDBACK, 1L);
          case NO_ANSWER -> expectedEnded.put(PROVIDE_CLARIFICATION, 1L);
          case WITHDRAWN -> expectedEnded.put(REVIEW_PRIORITY, 1L);
          default -> { }
        }
        assertThat(ended).as("tasks ended without completion in %s", which).isEqualTo(expectedEnded);
      }
    }

    private long failedJobAttempts;

    long failedJobAttempts() {
      return failedJobAttempts;
    }

    /** Job log states: 0 created, 1 failed, 2 successful, 3 deleted. */
    void eachTimerAndJobRanOnce() throws SQLException {
      List<Map<String, Object>> log = rows(db, "SELECT JOB_ID_, JOB_STATE_, ACT_ID_, PROCESS_INSTANCE_ID_, "
          + "ROOT_PROC_INST_ID_, HOSTNAME_ FROM ACT_HI_JOB_LOG");
      Map<String, List<Map<String, Object>>> byJob = log.stream().collect(Collectors.groupingBy(row -> (String) row.get("job_id_")));
      for (var job : byJob.entrySet()) {
        Map<Integer, Long> states = countBy(job.getValue(), row -> ((Number) row.get("job_state_")).intValue());
        Object root = job.getValue().get(0).get("root_proc_inst_id_");
        if (root == null) {
          continue; // the yearly report's schedule, never due in the run
        }
        assertThat(states.getOrDefault(0, 0L)).as("creations of job %s: %s", job.getKey(), job.getValue()).isEqualTo(1);
        assertThat(states.getOrDefault(2, 0L) + states.getOrDefault(3, 0L))
            .as("ends (executed or deleted) of job %s: %s", job.getKey(), job.getValue()).isEqualTo(1);
      }
      failedJobAttempts = log.stream().filter(row -> ((Number) row.get("job_state_")).intValue() == 1).count();

      Map<String, List<Map<String, Object>>> executedByRequest = log.stream()
          .filter(row -> ((Number) row.get("job_state_")).intValue() == 2 && row.get("root_proc_inst_id_") != null)
          .collect(Collectors.groupingBy(row -> (String) row.get("root_proc_inst_id_")));
      for (var entry : byInstance.entrySet()) {
        Driven request = entry.getValue();
        Route taken = taken(request);
        String which = request.driver().reference() + " (" + taken + ")";
        // an asynchronous continuation after a multi-instance activity is logged on its body
        Map<String, Long> executed = countBy(executedByRequest.getOrDefault(entry.getKey(), List.of()),
            row -> ((String) row.get("act_id_")).replace("#multiInstanceBody", ""));
        Long progress = taken.delivered && taken != Route.PROGRESS_REPORTED ? executed.remove(PROGRESS_REPORT_DUE) : null;
        assertThat(progress == null ? 0 : progress).as("progress report timers in %s", which).isLessThanOrEqualTo(1);
        Map<String, Long> expected = new HashMap<>();
        // the decisions are asynchronous continuations (ADR 0010)
        if (taken.delivered || taken == Route.UNFUNDED_AFTER_RECHECK || taken == Route.WITHDRAWN) {
          expected.put(ASSESS_PRIORITY, 1L);
        }
        if (taken.delivered) {
          expected.put(ASSIGN_OFFICE, 1L);
        }
        switch (taken) {
          case FEEDBACK_WINDOW_CLOSES -> expected.put(FEEDBACK_DEADLINE, 1L);
          case PROGRESS_REPORTED -> expected.put(PROGRESS_REPORT_DUE, 1L);
          case UNFUNDED_AFTER_RECHECK -> expected.put(FUNDING_RECHECK_DUE, 1L);
          case DECLINED_AFTER_REMINDER -> expected.put(CLARIFICATION_REMINDER_DUE, 1L);
          case NO_ANSWER -> {
            expected.put(CLARIFICATION_REMINDER_DUE, 1L);
            expected.put(CLARIFICATION_DEADLINE, 1L);
          }
          case REGIONAL -> expected.put("Activity_StatesConfirmParticipation", 1L);
          default -> { }
        }
        assertThat(executed).as("jobs executed for %s", which).isEqualTo(expected);
      }
    }

    void eachMailIsInTheOutboxOnceAndSent() throws SQLException {
      List<Map<String, Object>> outbox = rows(db, "SELECT ID_, KIND_, REFERENCE_, PROC_INST_ID_, RECIPIENT_, LINK_, STATUS_, "
          + "ATTEMPTS_ FROM UR_OUTBOX");
      assertThat(outbox).as("mails not sent exactly once").allSatisfy(mail -> {
        assertThat(mail.get("status_")).as("status of %s", mail).isEqualTo("SENT");
        assertThat(((Number) mail.get("attempts_")).intValue()).as("attempts of %s", mail).isEqualTo(1);
      });
      Map<List<Object>, Long> copies = countBy(outbox, mail -> List.of(mail.get("kind_"), String.valueOf(mail.get("reference_")),
          mail.get("recipient_"), String.valueOf(mail.get("link_"))));
      assertThat(copies.entrySet().stream().filter(copy -> copy.getValue() > 1).toList())
          .as("the same mail (kind, request, recipient, link) more than once").isEmpty();

      Map<String, List<Map<String, Object>>> byReference = outbox.stream().filter(mail -> mail.get("reference_") != null)
          .collect(Collectors.groupingBy(mail -> (String) mail.get("reference_")));
      Map<String, List<Map<String, Object>>> tasks = rows(db, "SELECT ID_, ROOT_PROC_INST_ID_, TASK_DEF_KEY_ FROM "
          + "ACT_HI_TASKINST").stream().collect(Collectors.groupingBy(task -> String.valueOf(task.get("root_proc_inst_id_"))));
      for (var entry : byInstance.entrySet()) {
        Driven request = entry.getValue();
        Route taken = taken(request);
        String which = request.driver().reference() + " (" + taken + ")";
        List<Map<String, Object>> mails = byReference.getOrDefault(request.driver().reference(), List.of());
        List<String> toRequester = mails.stream().filter(mail -> request.requester().equals(mail.get("recipient_")))
            .map(mail -> (String) mail.get("kind_")).sorted().toList();
        List<String> expected = new ArrayList<>(List.of("RECEIVED", "CLOSED"));
        if (taken.delivered) {
          expected.addAll(List.of("ASSIGNED", "FEEDBACK"));
        }
        if (taken == Route.DECLINED_AFTER_REMINDER || taken == Route.NO_ANSWER) {
          expected.add("QUESTION");
        }
        assertThat(toRequester).as("mails to the requester of %s", which).isEqualTo(expected.stream().sorted().toList());
        long reminders = mails.stream().filter(mail -> "REMINDER".equals(mail.get("kind_"))).count();
        if (taken == Route.DECLINED_AFTER_REMINDER || taken == Route.NO_ANSWER) {
          assertThat(reminders).as("reminders of %s", which).isPositive();
        } else {
          assertThat(reminders).as("reminders of %s", which).isZero();
        }
        assertThat(mails.stream().filter(mail -> "PARTICIPATION".equals(mail.get("kind_"))).count())
            .as("participation mails of %s", which).matches(n -> taken == Route.REGIONAL ? n > 0 : n == 0);
        // every task an officer worked on was announced to its group
        for (Map<String, Object> task : tasks.getOrDefault(entry.getKey(), List.of())) {
          String taskId = (String) task.get("id_");
          if (request.driver().completedTasks().stream().anyMatch(done -> done.id().equals(taskId))) {
            assertThat(mails.stream().filter(mail -> "TASK".equals(mail.get("kind_"))
                && String.valueOf(mail.get("link_")).endsWith("=" + taskId)).count())
                .as("mails announcing task %s of %s", task.get("task_def_key_"), which).isPositive();
          }
        }
      }
    }

    void eachMailArrivedOnce(List<Map<String, Object>> sent, MimeMessage[] received) throws Exception {
      Map<List<String>, Long> outbox = countBy(sent, mail -> List.of((String) mail.get("recipient_"), (String) mail.get("subject_")));
      List<List<String>> arrived = new ArrayList<>();
      for (MimeMessage message : received) {
        for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
          arrived.add(List.of(recipient.toString(), message.getSubject()));
        }
      }
      assertThat(arrived).as("mails arrived at the SMTP server").hasSize(sent.size());
      assertThat(countBy(arrived, Function.identity())).as("mails arrived (recipient, subject) against the outbox's sent mails")
          .isEqualTo(outbox);
    }

    void theIndexAndReportingTablesHaveOneRightRowPerRequest() throws SQLException {
      assertThat(count(db, "SELECT COUNT(*) FROM UR_REQUEST")).as("rows of the request index").isEqualTo(driven.size());
      assertThat(count(db, "SELECT COUNT(*) FROM UR_METRIC_REQUEST")).as("rows of UR_METRIC_REQUEST").isEqualTo(driven.size());
      assertThat(rows(db, "SELECT ACT_INST_ID_, PROC_INST_ID_, ACT_ID_ FROM UR_METRIC_WAIT")).as("waits left").isEmpty();
      Map<String, Long> completedTasks = new HashMap<>();
      for (Map<String, Object> row : rows(db, "SELECT PROC_INST_ID_, COUNT(*) AS N FROM ACT_HI_TASKINST "
          + "WHERE DELETE_REASON_ = 'completed' GROUP BY PROC_INST_ID_")) {
        completedTasks.put((String) row.get("proc_inst_id_"), ((Number) row.get("n")).longValue());
      }
      Map<String, Map<String, Long>> flows = new HashMap<>();
      for (Map<String, Object> row : rows(db, "SELECT PROC_INST_ID_, FLOW_ID_, COUNT(*) AS N FROM UR_METRIC_FLOW "
          + "GROUP BY PROC_INST_ID_, FLOW_ID_")) {
        flows.computeIfAbsent((String) row.get("proc_inst_id_"), id -> new TreeMap<>())
            .put((String) row.get("flow_id_"), ((Number) row.get("n")).longValue());
      }
      Map<String, Map<String, Long>> flowsOfRoute = new HashMap<>();
      for (var entry : byInstance.entrySet()) {
        String instance = entry.getKey();
        Driven request = entry.getValue();
        Route taken = taken(request);
        String which = request.driver().reference() + " (" + taken + ")";
        List<Map<String, Object>> index = rows(db, "SELECT PROC_INST_ID_, OUTCOME_, CLOSED_AT_ FROM UR_REQUEST WHERE REFERENCE_ = ?",
            request.driver().reference());
        assertThat(index).as("index rows of %s", which).hasSize(1);
        assertThat(index.get(0).get("proc_inst_id_")).as("index row of %s", which).isEqualTo(instance);
        assertThat(index.get(0).get("outcome_")).as("outcome in the index of %s", which).isEqualTo(taken.outcome);
        assertThat(index.get(0).get("closed_at_")).as("closure in the index of %s", which).isNotNull();

        List<Map<String, Object>> metric = rows(db, "SELECT * FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ = ?", instance);
        assertThat(metric).as("reporting rows of %s", which).hasSize(1);
        Map<String, Object> row = metric.get(0);
        assertThat(row.get("outcome_")).as("outcome reported for %s", which).isEqualTo(taken.outcome);
        assertThat(row.get("closed_at_")).as("closure reported for %s", which).isNotNull();
        assertThat(row.get("reference_")).as("reference reported for %s", which).isEqualTo(request.driver().reference());
        long tasksCounted = List.of("intake", "assessment", "consultation", "funding", "assignment", "delivery", "reporting")
            .stream().mapToLong(stage -> ((Number) row.get(stage + "_tasks_")).longValue()).sum();
        assertThat(tasksCounted).as("tasks counted per stage for %s", which)
            .isEqualTo(completedTasks.getOrDefault(instance, 0L));

        Map<String, Long> taken_ = flows.getOrDefault(instance, Map.of());
        assertThat(taken_).as("flows taken by %s", which).isNotEmpty();
        // only these routes loop back (screening again after the answer, funding again after the re-check)
        long most = taken == Route.DECLINED_AFTER_REMINDER || taken == Route.UNFUNDED_AFTER_RECHECK ? 2 : 1;
        assertThat(taken_.entrySet().stream().filter(flow -> flow.getValue() > most).toList())
            .as("flows recorded more often than %s could take them", which).isEmpty();
        // requests of one route took the same flows (a progress report cut short adds its own)
        if (taken == Route.PROGRESS_REPORTED || !taken.delivered
            || count(db, "SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ = '" + instance + "' AND TASK_DEF_KEY_ = '"
                + REPORT_PROGRESS + "'") == 0) {
          Map<String, Long> first = flowsOfRoute.putIfAbsent(taken.name(), taken_);
          if (first != null) {
            assertThat(taken_).as("flows of %s against another request of its route", which).isEqualTo(first);
          }
        }
      }
      assertThat(rows(db, "SELECT PROC_INST_ID_, STATE_, ANSWER_ FROM UR_REQUEST_STATE").stream()
          .map(row -> row.get("state_") + ":" + row.get("answer_")).toList())
          .as("co-requesting states' answers").hasSize((int) driven.stream().filter(r -> r.route() == Route.REGIONAL).count())
          .containsOnly("UGA:YES");
    }

    void reportsWerePublishedOnce(List<String> reportInstances) throws SQLException {
      long until = System.nanoTime() + STEP_WAIT.toNanos();
      while (count(db, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'annual-implementation-report' "
          + "AND END_TIME_ IS NOT NULL") < REPORTS && System.nanoTime() < until) {
        sleep(200);
      }
      for (String instance : reportInstances) {
        List<Map<String, Object>> report = rows(db, "SELECT STATUS_, COMPILATIONS_, PDF_ IS NOT NULL AS HAS_PDF_ FROM UR_REPORT "
            + "WHERE PROC_INST_ID_ = ?", instance);
        assertThat(report).as("reports of process %s", instance).hasSize(1);
        assertThat(report.get(0).get("status_")).as("report of process %s", instance).isEqualTo("PUBLISHED");
        assertThat(((Number) report.get(0).get("compilations_")).intValue()).as("compilations of %s", instance).isEqualTo(1);
        assertThat(report.get(0).get("has_pdf_")).as("PDF of %s", instance).isEqualTo(true);
      }
      assertThat(count(db, "SELECT COUNT(*) FROM UR_REPORT")).as("reports").isEqualTo(REPORTS);
    }

    Map<String, Long> bothNodesRanJobs() throws SQLException {
      Map<String, Long> byNode = new TreeMap<>();
      for (Map<String, Object> row : rows(db, "SELECT HOSTNAME_, COUNT(*) AS N FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 "
          + "GROUP BY HOSTNAME_")) {
        byNode.put((String) row.get("hostname_"), ((Number) row.get("n")).longValue());
      }
      assertThat(byNode).as("jobs executed per node").containsOnlyKeys(NODE_NAMES);
      assertThat(byNode.values()).as("jobs executed per node").allSatisfy(jobs -> assertThat(jobs).isPositive());
      return byNode;
    }
  }

  private static boolean completed(Map<String, Object> task) {
    return "completed".equals(task.get("delete_reason_"));
  }

  // --- reporting ----------------------------------------------------------------------------------------

  private static String driving(List<Driven> driven, Map<Integer, Long> stepsByNode, long cpuMillis,
      Laps laps) {
    StringBuilder out = new StringBuilder("Two nodes on one PostgreSQL: ").append(driven.size()).append(" requests by ")
        .append(WORKERS).append(" users in ").append(laps).append('\n');
    out.append("  routes: ").append(countBy(driven, request -> request.route().name())).append("; feedback windows that closed "
        + "before a COMPLETED request's feedback: ").append(driven.stream()
        .filter(r -> r.route() == Route.COMPLETED && !r.feedbackGiven()).count())
        .append("; answers that came after the question's deadline: ").append(driven.stream()
        .filter(r -> r.route() == Route.DECLINED_AFTER_REMINDER && !r.answered()).count()).append('\n');
    out.append("  steps per node: ").append(stepsByNode).append("; CPU of both nodes while driving: ")
        .append(cpuMillis / 1000).append(" s\n");
    Map<String, List<Long>> times = driven.stream().flatMap(r -> r.driver().steps().stream())
        .collect(Collectors.groupingBy(LifecycleOverHttp.Step::name, TreeMap::new,
            Collectors.mapping(LifecycleOverHttp.Step::millis, Collectors.toList())));
    out.append("  step wall times (count, p50, p95, max ms; waits for timers included):\n");
    times.forEach((step, millis) -> {
      List<Long> sorted = millis.stream().sorted().toList();
      out.append(String.format(Locale.ROOT, "    %-36s %4d %6d %6d %6d%n", step, sorted.size(), sorted.get(sorted.size() / 2),
          sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.95))), sorted.get(sorted.size() - 1)));
    });
    long retried = driven.stream().flatMap(r -> r.driver().steps().stream()).filter(step -> step.attempts() > 1
        && !step.name().startsWith("await")).count();
    out.append("  steps sent again after a 409 (a concurrent commit on the same request): ").append(retried);
    return out.toString();
  }

  // --- plumbing -----------------------------------------------------------------------------------------

  private static <T, K> Map<K, Long> countBy(Collection<T> items, Function<T, K> key) {
    return items.stream().collect(Collectors.groupingBy(key, HashMap::new, Collectors.counting()));
  }

  /** Rows as maps of lower-case column names (PostgreSQL's own case) to values. */
  private static List<Map<String, Object>> rows(Connection db, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int c = 1; c <= columns; c++) {
            row.put(result.getMetaData().getColumnLabel(c).toLowerCase(Locale.ROOT), result.getObject(c));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path builtJar() {
    String jar = System.getProperty("uponrequest.jar");
    assertThat(jar).as("system property uponrequest.jar (set by maven-failsafe-plugin in pom.xml)").isNotBlank();
    assertThat(Path.of(jar)).as("the jar built by mvn package").isRegularFile();
    return Path.of(jar);
  }
}
