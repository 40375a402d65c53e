package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.CLARIFICATION_ANSWER;
import static org.unodc.uponrequest.process.ProcessVariables.CLARIFICATION_QUESTION;
import static org.unodc.uponrequest.process.ProcessVariables.WITHDRAWAL_REASON;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.END_WITHDRAWN;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROVIDE_CLARIFICATION;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.SCREEN_REQUEST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.LockWaits;

/**
 * Two people completing the same task at once, through every door that completes a task: the
 * engine's (engine-rest, and the webapps' engine API that Tasklist uses; submit-form and
 * complete) by two HQ intake officers, and the member states' (the API's answers, the portal's
 * task page) by two focal points of Kenya. One wins; the other is told 409 Conflict in plain words,
 * never a 500; the winner's completion is applied once and nothing of the loser's is kept.
 *
 * <p>A race is made certain, not hoped for: a test transaction holds the task's row locked while
 * both completions run, so each reads the open task and does all its work before either can
 * write; the lock is let go once both wait on it (or after a second, before H2's lock timeout of
 * two seconds), and the database lets one through, then tells the other its delete found no row:
 * Camunda's OptimisticLockingException. The same attack is also made with the second completion
 * after the first has committed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentCompletionTest {

  static final String PASSWORD = "demo";
  static final String INTAKE = "intake";
  /** A second HQ intake officer, made for this test (removed after it). */
  static final String INTAKE_COLLEAGUE = "intake.colleague";
  static final String KEN_FOCAL = "ken.focal";
  /** A second focal point of Kenya, made for this test (removed after it). */
  static final String KEN_FOCAL_COLLEAGUE = "ken.focal.colleague";
  static final String DEFINITION = "/process-definition/key/technical-assistance-request";
  static final int ROUNDS = 3;
  static final ObjectMapper JSON = new ObjectMapper();

  /** Who completes the task: HQ intake screens the request, Kenya's focal points answer its question. */
  enum Side {
    STAFF(INTAKE, INTAKE_COLLEAGUE, SCREEN_REQUEST, CLARIFICATION_QUESTION, PROVIDE_CLARIFICATION, 1),
    STATE(KEN_FOCAL, KEN_FOCAL_COLLEAGUE, PROVIDE_CLARIFICATION, CLARIFICATION_ANSWER, SCREEN_REQUEST, 2);

    final List<String> people;
    final String step;
    final String variable;
    /** Where the request goes once the task is completed, and how often it has been there then. */
    final String next;
    final int timesAtNext;

    Side(String one, String other, String step, String variable, String next, int timesAtNext) {
      this.people = List.of(one, other);
      this.step = step;
      this.variable = variable;
      this.next = next;
      this.timesAtNext = timesAtNext;
    }
  }

  /** Every door through which a task is completed, and what it answers the one who completed it. */
  enum Door {
    ENGINE_REST_SUBMIT_FORM(Side.STAFF, 204),
    ENGINE_REST_COMPLETE(Side.STAFF, 204),
    TASKLIST_SUBMIT_FORM(Side.STAFF, 204),
    TASKLIST_COMPLETE(Side.STAFF, 204),
    STATE_API_ANSWER(Side.STATE, 200),
    PORTAL_TASK_PAGE(Side.STATE, 302);

    final Side side;
    final int done;

    Door(Side side, int done) {
      this.side = side;
      this.done = done;
    }
  }

  /** A request whose task waits on the door's side, and what each person's browser holds for it. */
  record Target(String pi, String reference, String task, Map<String, String> csrf) {}

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired DataSource dataSource;

  private HttpSession machine;
  private final Map<String, HttpSession> browsers = new HashMap<>();

  @BeforeAll
  void twoOfficersAndTwoFocalPointsSignedIn() {
    colleague(INTAKE_COLLEAGUE, "hq-intake");
    colleague(KEN_FOCAL_COLLEAGUE, "focal-KEN");
    machine = HttpSession.machine(port);
    for (String user : List.of(INTAKE, INTAKE_COLLEAGUE, KEN_FOCAL, KEN_FOCAL_COLLEAGUE)) {
      HttpSession browser = new HttpSession(port);
      assertThat(browser.login(user, PASSWORD).statusCode()).isEqualTo(302);
      if (user.startsWith("intake")) {
        // Camunda builds its session, and its CSRF cookie, when Tasklist first loads
        assertThat(browser.get(LoginController.TASKLIST).statusCode()).isEqualTo(200);
      }
      browsers.put(user, browser);
    }
  }

  @AfterAll
  void colleaguesLeave() {
    identityService.deleteUser(INTAKE_COLLEAGUE);
    identityService.deleteUser(KEN_FOCAL_COLLEAGUE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Door.class)
  void twoPeopleCompletingTheSameTaskAtOnceOneWinsTheOtherIsToldConflictAndNothingOfTheirsIsKept(Door door)
      throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      Target target = waitingOn(door.side, door + " race " + round);
      List<HttpResponse<String>> answers = raced(target, () -> List.of(
          () -> attempt(door, door.side.people.get(0), target),
          () -> attempt(door, door.side.people.get(1), target)));
      report(door, "race " + round, answers);
      assertOneWonAndTheOtherWasToldConflict(door, target, answers.get(0), answers.get(1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Door.class)
  void completingATaskSomeoneElseCompletedAMomentAgoIsAConflictNotAnError(Door door) {
    Target target = waitingOn(door.side, door + " one after the other");
    HttpResponse<String> first = attempt(door, door.side.people.get(0), target);
    HttpResponse<String> second = attempt(door, door.side.people.get(1), target);
    report(door, "one after the other", List.of(first, second));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(door.done);
    assertOneWonAndTheOtherWasToldConflict(door, target, first, second);
  }

  @Test
  void twoFocalPointsWithdrawingTheSameRequestAtOnceOneWithdrawsItTheOtherIsToldConflict() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      Target target = waitingOn(Side.STAFF, "Withdrawn twice at once " + round);
      List<HttpResponse<String>> answers = raced(target, () -> List.of(
          () -> withdraw(KEN_FOCAL, target), () -> withdraw(KEN_FOCAL_COLLEAGUE, target)));
      report(null, "withdrawal race " + round, answers);
      assertThat(List.of(answers.get(0).statusCode(), answers.get(1).statusCode()))
          .as(answers.get(0).body() + "\n" + answers.get(1).body()).containsExactlyInAnyOrder(200, 409);
      HttpResponse<String> lost = answers.get(0).statusCode() == 409 ? answers.get(0) : answers.get(1);
      String winner = answers.get(0).statusCode() == 200 ? KEN_FOCAL : KEN_FOCAL_COLLEAGUE;
      assertThat(json(lost).get("detail").asText()).contains("changed by someone else at the same moment");
      assertThat(json(lost).get("field").asText()).isEqualTo("reference");
      assertWithdrawnOnceBy(winner, target);
    }
  }

  @Test
  void anOfficerScreeningWhileTheStateWithdrawsTheRequestOneWinsTheOtherIsToldConflict() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      Target target = waitingOn(Side.STAFF, "Screened while withdrawn " + round);
      List<HttpResponse<String>> answers = raced(target, () -> List.of(
          () -> attempt(Door.ENGINE_REST_SUBMIT_FORM, INTAKE, target), () -> withdraw(KEN_FOCAL, target)));
      report(null, "screening against withdrawal " + round, answers);
      HttpResponse<String> screening = answers.get(0);
      HttpResponse<String> withdrawal = answers.get(1);
      assertThat(List.of(screening.statusCode(), withdrawal.statusCode())).as(screening.body() + "\n" + withdrawal.body())
          .isIn(List.of(204, 409), List.of(409, 200));
      if (withdrawal.statusCode() == 200) {
        // closed by the withdrawal, or (when the database chose the screening as a deadlock's victim) changed meanwhile
        assertThat(json(screening).get("type").asText()).isIn("TaskNoLongerOpen", "OptimisticLockingException");
        assertThat(json(screening).get("message").asText()).containsAnyOf("no longer open", "changed by someone else");
        assertWithdrawnOnceBy(KEN_FOCAL, target);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(target.pi())
            .variableName(CLARIFICATION_QUESTION).count()).as("nothing of the screening kept").isZero();
      } else {
        assertThat(json(withdrawal).get("detail").asText()).contains("changed by someone else at the same moment");
        assertAppliedOnceByTheWinnerOnly(Side.STAFF, target, INTAKE);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(target.pi())
            .variableName(WITHDRAWAL_REASON).count()).isZero();
      }
    }
  }

  // ---- the attack ------------------------------------------------------------------------------

  private HttpResponse<String> withdraw(String person, Target target) {
    return machine.postJsonAs(person, PASSWORD, "/api/requests/" + target.reference() + "/withdrawal",
        "{\"" + WITHDRAWAL_REASON + "\":\"" + wordsOf(person, target) + "\",\"withdrawalConfirmed\":true}");
  }

  /** What {@code person} sends to complete the task through the door, with their own words in it. */
  private HttpResponse<String> attempt(Door door, String person, Target target) {
    String words = wordsOf(person, target);
    String engineBody = "{\"variables\":{\"screeningOutcome\":{\"value\":\"CLARIFY\"},"
        + "\"" + CLARIFICATION_QUESTION + "\":{\"value\":\"" + words + "\"}}}";
    String task = "/task/" + target.task();
    return switch (door) {
      case ENGINE_REST_SUBMIT_FORM -> machine.exchangeAs(person, PASSWORD, "POST", "/engine-rest" + task + "/submit-form", engineBody);
      case ENGINE_REST_COMPLETE -> machine.exchangeAs(person, PASSWORD, "POST", "/engine-rest" + task + "/complete", engineBody);
      case TASKLIST_SUBMIT_FORM -> browsers.get(person).exchange("POST", "/camunda/api/engine/engine/default" + task + "/submit-form", engineBody);
      case TASKLIST_COMPLETE -> browsers.get(person).exchange("POST", "/camunda/api/engine/engine/default" + task + "/complete", engineBody);
      case STATE_API_ANSWER -> machine.postJsonAs(person, PASSWORD, "/api/requests/" + target.reference() + "/answers",
          "{\"" + CLARIFICATION_ANSWER + "\":\"" + words + "\"}");
      case PORTAL_TASK_PAGE -> browsers.get(person).postForm(taskPage(target), CLARIFICATION_ANSWER + "="
          + URLEncoder.encode(words, StandardCharsets.UTF_8) + "&_csrf=" + target.csrf().get(person));
    };
  }

  /**
   * Runs both completions at once, released together by a barrier, while a transaction of the
   * test holds the task's row: each completion reads the open task and does its work, then waits
   * to write. The lock goes once both wait (or after a second), so both were in flight together.
   */
  private List<HttpResponse<String>> raced(Target target, Supplier<List<Supplier<HttpResponse<String>>>> completions)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection gate = dataSource.getConnection()) {
      gate.setAutoCommit(false);
      try (PreparedStatement lock = gate.prepareStatement("SELECT ID_ FROM ACT_RU_TASK WHERE ID_ = ? FOR UPDATE")) {
        lock.setString(1, target.task());
        try (ResultSet row = lock.executeQuery()) {
          assertThat(row.next()).as("the task is open").isTrue();
        }
      }
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<HttpResponse<String>>> running = new ArrayList<>();
      for (Supplier<HttpResponse<String>> completion : completions.get()) {
        running.add(pool.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          return completion.get();
        }));
      }
      long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
      while (LockWaits.count(gate) < 2 && System.nanoTime() < giveUp) {
        Thread.sleep(10);
      }
      System.out.println("waiting on the lock when it was let go: " + LockWaits.count(gate));
      gate.rollback();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : running) {
        answers.add(answer.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- what must hold ----------------------------------------------------------------------------

  private void assertOneWonAndTheOtherWasToldConflict(Door door, Target target, HttpResponse<String> first,
      HttpResponse<String> second) {
    assertThat(List.of(first.statusCode(), second.statusCode())).as(first.body() + "\n" + second.body())
        .containsExactlyInAnyOrder(door.done, 409);
    String winner = door.side.people.get(first.statusCode() == door.done ? 0 : 1);
    HttpResponse<String> lost = first.statusCode() == 409 ? first : second;
    assertToldClearly(door, lost);
    assertAppliedOnceByTheWinnerOnly(door.side, target, winner);
  }

  private static void assertToldClearly(Door door, HttpResponse<String> lost) {
    switch (door) {
      case ENGINE_REST_SUBMIT_FORM, ENGINE_REST_COMPLETE, TASKLIST_SUBMIT_FORM, TASKLIST_COMPLETE -> {
        JsonNode body = json(lost);
        assertThat(body.get("type").asText()).isEqualTo("TaskAlreadyCompleted");
        assertThat(body.get("message").asText()).contains("completed by someone else").contains("reload your task list");
      }
      case STATE_API_ANSWER -> {
        assertThat(lost.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
            .startsWith("application/problem+json"));
        JsonNode problem = json(lost);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asText()).contains("already answered");
      }
      case PORTAL_TASK_PAGE -> assertThat(lost.body()).contains("already answered");
    }
    assertThat(lost.body()).doesNotContain("Exception:").doesNotContain("ENGINE-");
  }

  /** The task was completed once, by the winner; the request moved on once, with the winner's words only. */
  private void assertAppliedOnceByTheWinnerOnly(Side side, Target target, String winner) {
    String wanted = wordsOf(winner, target);
    var task = historyService.createHistoricTaskInstanceQuery().taskId(target.task()).singleResult();
    assertThat(task.getDeleteReason()).isEqualTo("completed");
    List<UserOperationLogEntry> completions = historyService.createUserOperationLogQuery().taskId(target.task())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list();
    assertThat(completions.stream().map(UserOperationLogEntry::getOperationId).distinct()).as("one completion logged").hasSize(1);
    assertThat(completions).extracting(UserOperationLogEntry::getUserId).containsOnly(winner);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(target.pi()).activityId(side.step)
        .finished().count()).as("the step was left once").isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(target.pi()).activityId(side.next)
        .count()).as("the request moved on once").isEqualTo(side.timesAtNext);
    assertThat(runtimeService.getActiveActivityIds(target.pi())).containsExactly(side.next);
    assertThat(taskService.createTaskQuery().processInstanceId(target.pi()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(target.pi(), side.variable)).isEqualTo(wanted);
    List<HistoricDetail> written = historyService.createHistoricDetailQuery().processInstanceId(target.pi())
        .variableUpdates().list().stream()
        .filter(detail -> ((HistoricVariableUpdate) detail).getVariableName().equals(side.variable)).toList();
    assertThat(written).as("the variable was written once, by the winner")
        .extracting(detail -> ((HistoricVariableUpdate) detail).getValue()).containsExactly(wanted);
  }

  /** The request ended withdrawn, once, with the winner's reason only. */
  private void assertWithdrawnOnceBy(String winner, Target target) {
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(target.pi()).finished().count()).isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(target.pi()).activityId(END_WITHDRAWN)
        .count()).as("withdrawn once").isEqualTo(1);
    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(target.task()).singleResult().getDeleteReason())
        .isNotEqualTo("completed");
    List<HistoricDetail> written = historyService.createHistoricDetailQuery().processInstanceId(target.pi())
        .variableUpdates().list().stream()
        .filter(detail -> ((HistoricVariableUpdate) detail).getVariableName().equals(WITHDRAWAL_REASON)).toList();
    assertThat(written).extracting(detail -> ((HistoricVariableUpdate) detail).getValue())
        .containsExactly(wordsOf(winner, target));
  }

  // ---- set-up ------------------------------------------------------------------------------------

  /** A new request of Kenya whose task waits on the side: screening (HQ intake) or the answer to its question (Kenya). */
  private Target waitingOn(Side side, String title) {
    HttpResponse<String> filed = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form",
        WriteIntegrityTest.submission("KEN", "\"" + title + "\""));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
    String pi = json(filed).get("id").asText();
    String reference = json(filed).get("businessKey").asText();
    String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    if (side == Side.STAFF) {
      return new Target(pi, reference, task, Map.of());
    }
    HttpResponse<String> asked = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest/task/" + task + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"CLARIFY\"},"
            + "\"" + CLARIFICATION_QUESTION + "\":{\"value\":\"Which courts would take part?\"}}}");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(204);
    String clarification = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    Target target = new Target(pi, reference, clarification, new HashMap<>());
    for (String person : side.people) {
      // each focal point has the task's page open, with the token its form carries
      HttpResponse<String> page = browsers.get(person).get(taskPage(target), "en");
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      target.csrf().put(person, HttpSession.csrfOf(page));
    }
    return target;
  }

  private void colleague(String id, String group) {
    var user = identityService.newUser(id);
    user.setFirstName("Test");
    user.setLastName("Colleague");
    user.setEmail(id + "@example.org");
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
  }

  private static String taskPage(Target target) {
    return "/portal/requests/" + target.reference() + "/tasks/" + target.task();
  }

  private static String wordsOf(String person, Target target) {
    return "From " + person + " on " + target.reference();
  }

  private static void report(Object door, String what, List<HttpResponse<String>> answers) {
    StringBuilder line = new StringBuilder((door == null ? "" : door + " ") + what + ":");
    for (HttpResponse<String> answer : answers) {
      String body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
      line.append(" [").append(answer.statusCode()).append(' ')
          .append(body, 0, Math.min(body.length(), 300)).append(']');
    }
    System.out.println(line);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }
}
