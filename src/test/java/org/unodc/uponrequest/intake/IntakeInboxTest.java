package org.unodc.uponrequest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.SCREEN_REQUEST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.process.VariableValues;

/**
 * The intake inbox with the product's own setting (registration in the background): a filing is
 * answered before the engine registers it, the registrar registers it as its filer once and only
 * once, and every door that needs a request still waiting registers it first. A request "still
 * waiting" is made the way a filing makes it ({@link IntakeInbox#file}) without waking the
 * registrar, whose poller is set to an hour here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"uponrequest.intake.registration=background", "uponrequest.intake.poll-interval=PT1H"})
@ActiveProfiles({"test", "demo"})
class IntakeInboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "demo";
  private static final String KENYA = "ken.focal";

  @LocalServerPort int port;
  @Autowired IntakeInbox inbox;
  @Autowired Registrar registrar;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void clockBack() {
    ClockUtil.reset();
  }

  @Test
  void aFilingIsAnsweredFromTheInboxAndTheRegistrarStartsItsProcessAsTheFilerWithItsNumberAndFilingTime() throws Exception {
    HttpResponse<String> filed = post(KENYA, "/api/requests", filing("KEN", "Registered in the background"),
        UUID.randomUUID().toString());
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    JsonNode answer = JSON.readTree(filed.body());
    String reference = answer.get("referenceNumber").asText();
    assertThat(answer.get("status").asText()).isEqualTo("OPEN");
    assertThat(answer.get("stage").asText()).isEqualTo("INTAKE");

    HistoricProcessInstance request = awaitRegistered(reference);
    assertThat(request.getStartUserId()).isEqualTo(KENYA);
    assertThat(request.getTenantId()).isEqualTo("KEN");
    Map<String, Object> variables = variablesOf(request.getId());
    assertThat(variables).containsEntry(REFERENCE_NUMBER, reference).containsEntry(SUBMITTED_BY, KENYA)
        .containsEntry(MEMBER_STATE, "KEN").containsEntry(ESTIMATED_BUDGET_USD, 250000.0);
    assertThat(VariableValues.strings(variables.get(THEMATIC_AREAS))).containsExactly("CORRUPTION");
    Date filedAt = jdbc.queryForObject("SELECT FILED_AT_ FROM UR_REQUEST WHERE REFERENCE_ = ?", Date.class, reference);
    assertThat(((Date) variables.get(SUBMITTED_AT)).getTime()).as("submitted when filed, not when registered")
        .isEqualTo(filedAt.getTime());
    assertThat(taskService.createTaskQuery().processInstanceId(request.getId()).taskDefinitionKey(SCREEN_REQUEST).count())
        .isOne();
    assertThat(jdbc.queryForObject("SELECT PROC_INST_ID_ FROM UR_REQUEST WHERE REFERENCE_ = ?", String.class, reference))
        .as("the index row now belongs to the process instance").isEqualTo(request.getId());
  }

  @Test
  void aWaitingRequestIsListedAtOnceAndReadingItRegistersItFirst() throws Exception {
    whileFilingsAreInProgress(() -> {
      String reference = waiting(KENYA, List.of("focal-KEN"), "KEN", "Waiting to be read");

      JsonNode list = JSON.readTree(get(KENYA, "/api/requests?q=" + reference).body());
      assertThat(list.toString()).contains(reference).contains("INTAKE");
      assertThat(registered(reference)).as("listing does not register").isNull();

      HttpResponse<String> page = get(KENYA, "/api/requests/" + reference);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      assertThat(JSON.readTree(page.body()).get("fields").get(TITLE).asText()).isEqualTo("Waiting to be read");
      assertThat(registered(reference)).isNotNull();
      assertThat(inbox.waiting(reference)).isFalse();
    });
  }

  @Test
  void anotherStateCannotReachOrRegisterAWaitingRequest() throws Exception {
    focalPoint("uga.inbox", "UGA");
    whileFilingsAreInProgress(() -> {
      String reference = waiting(KENYA, List.of("focal-KEN"), "KEN", "Not Uganda's");
      HttpResponse<String> other = get("uga.inbox", "/api/requests/" + reference);
      assertThat(other.statusCode()).isEqualTo(404);
      assertThat(inbox.waiting(reference)).as("a stranger's look registers nothing").isTrue();
    });
  }

  @Test
  void aWaitingRequestCanBeWithdrawnItIsRegisteredThenWithdrawnThroughTheProcess() throws Exception {
    String reference = waiting(KENYA, List.of("focal-KEN"), "KEN", "Withdrawn while waiting");
    HttpResponse<String> withdrawn = post(KENYA, "/api/requests/" + reference + "/withdrawal",
        "{\"withdrawalReason\":\"Funded by another partner meanwhile.\",\"withdrawalConfirmed\":true}", null);
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    assertThat(JSON.readTree(withdrawn.body()).get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).finished().count())
        .isOne();
  }

  @Test
  void aDocumentAttachedWhileTheRequestWaitsMovesToItsProcessWhenRegistered() throws Exception {
    String[] reference = new String[1];
    whileFilingsAreInProgress(() -> {
      reference[0] = waiting(KENYA, List.of("focal-KEN"), "KEN", "With an annex");
      HttpResponse<String> attached = upload(KENYA, "/api/requests/" + reference[0] + "/documents", "annex.pdf",
          "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
      assertThat(jdbc.queryForList("SELECT PROC_INST_ID_ FROM UR_DOCUMENT WHERE REFERENCE_ = ?", String.class, reference[0]))
          .as("kept under the reference while the request waits").containsExactly(reference[0]);
      assertThat(registrar.registerNow(reference[0])).isTrue();
    });
    String instance = registered(reference[0]).getId();
    assertThat(jdbc.queryForList("SELECT PROC_INST_ID_ FROM UR_DOCUMENT WHERE REFERENCE_ = ?", String.class, reference[0]))
        .containsExactly(instance);
    JsonNode documents = JSON.readTree(get(KENYA, "/api/requests/" + reference[0] + "/documents").body());
    assertThat(documents.toString()).contains("annex.pdf");
  }

  @Test
  void aRegistrationThatFailsIsKeptWithItsErrorTriedAgainLaterAndDoesNotHoldBackTheOthers() throws Exception {
    focalPoint("uga.inbox", "UGA");
    registrar.registerDue(); // what other tests left waiting
    String kenya;
    String uganda;
    Authorization grant = startGrantOf("focal-KEN");
    try {
      // Kenya's grant to file is withdrawn between the filing and its registration
      kenya = waiting(KENYA, List.of("focal-KEN"), "KEN", "Grant withdrawn meanwhile");
      uganda = waiting("uga.inbox", List.of("focal-UGA"), "UGA", "Filed in the same batch");
      grant.removePermission(Permissions.CREATE);
      authorizationService.saveAuthorization(grant);

      registrar.registerDue();
      assertThat(registered(uganda)).as("the other request of the batch").isNotNull();
      assertThat(registered(kenya)).isNull();
      Map<String, Object> failed = jdbc.queryForMap("SELECT ATTEMPTS_, ERROR_, NEXT_ATTEMPT_, CLAIM_ FROM UR_INBOX WHERE REFERENCE_ = ?", kenya);
      assertThat(failed.get("ERROR_").toString()).contains("CREATE");
      assertThat(failed.get("CLAIM_")).as("released").isNull();
      assertThat(((Date) failed.get("NEXT_ATTEMPT_"))).isAfter(ClockUtil.getCurrentTime());

      HttpResponse<String> page = get(KENYA, "/api/requests/" + kenya);
      assertThat(page.statusCode()).as("the state learns it is being registered, not an error").isEqualTo(503);
      assertThat(page.body()).contains("still being registered");
      HttpResponse<String> admin = get("admin", "/admin/intake");
      assertThat(JSON.readTree(admin.body()).get("failing").asLong()).as(admin.body()).isOne();
      HttpResponse<String> adminPage = getHtml("admin", "/admin/intake");
      assertThat(adminPage.body()).contains(kenya).contains("CREATE");
      assertThat(get(KENYA, "/admin/intake").statusCode()).as("only administrators see the inbox").isEqualTo(403);
    } finally {
      grant.addPermission(Permissions.CREATE);
      authorizationService.saveAuthorization(grant);
    }
    registrar.registerDue();
    assertThat(registered(kenya)).as("not due before its next attempt").isNull();
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(1).toMillis()));
    registrar.registerDue();
    assertThat(registered(kenya)).isNotNull();
    assertThat(JSON.readTree(get("admin", "/admin/intake").body()).get("failing").asLong()).isZero();
  }

  @Test
  void aFilerWhoMayNotStartRequestsIsRefusedAtFilingAndNothingIsWritten() {
    // a focal point whose right to file was never asked before (answers are kept 30 s per user)
    focalPoint("ken.revoked", "KEN");
    Authorization grant = startGrantOf("focal-KEN");
    long inboxBefore = jdbc.queryForObject("SELECT COUNT(*) FROM UR_INBOX", Long.class);
    long indexBefore = jdbc.queryForObject("SELECT COUNT(*) FROM UR_REQUEST", Long.class);
    try {
      grant.removePermission(Permissions.CREATE);
      authorizationService.saveAuthorization(grant);
      HttpResponse<String> refused = post("ken.revoked", "/api/requests", filing("KEN", "Not allowed"), UUID.randomUUID().toString());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    } finally {
      grant.addPermission(Permissions.CREATE);
      authorizationService.saveAuthorization(grant);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UR_INBOX", Long.class)).isEqualTo(inboxBefore);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UR_REQUEST", Long.class)).isEqualTo(indexBefore);
  }

  @Test
  void aCodeTheReferenceDataDoesNotKnowIsRefusedAtFilingNamingTheFieldAndNothingIsWritten() throws Exception {
    long indexBefore = jdbc.queryForObject("SELECT COUNT(*) FROM UR_REQUEST", Long.class);
    HttpResponse<String> refused = post(KENYA, "/api/requests",
        filing("KEN", "Kenya with itself").replace("}", ",\"coRequestingStates\":[\"KEN\"]}"), UUID.randomUUID().toString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains(CO_REQUESTING_STATES);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UR_REQUEST", Long.class)).isEqualTo(indexBefore);
  }

  @Test
  void registeringTheSameRequestFromSeveralThreadsAtOnceStartsOneProcess() throws Exception {
    String reference = waiting(KENYA, List.of("focal-KEN"), "KEN", "Registered once");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        boolean due = i % 2 == 0;
        Callable<Boolean> attempt = () -> {
          go.await();
          return due ? registrar.registerDue() >= 0 : registrar.registerNow(reference);
        };
        attempts.add(threads.submit(attempt));
      }
      go.countDown();
      for (Future<Boolean> attempt : attempts) {
        assertThat(attempt.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(reference).count()).isOne();
    assertThat(inbox.waiting(reference)).isFalse();
  }

  @Test
  void theRegistrarGivesWayToFilingsInProgressUntilTheOldestWaitingRequestWasFiledAMinuteAgo() throws Exception {
    ExecutorService registrarThread = Executors.newSingleThreadExecutor();
    try {
      whileFilingsAreInProgress(() -> {
        String reference = waiting(KENYA, List.of("focal-KEN"), "KEN", "Registered after the burst");
        Future<Integer> registering = registrarThread.submit(registrar::registerDue);
        Thread.sleep(500);
        assertThat(registering.isDone()).as("waits while two filings are in progress").isFalse();
        assertThat(inbox.waiting(reference)).isTrue();

        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofSeconds(61).toMillis()));
        registering.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(inbox.waiting(reference)).as("registered once filed a minute ago, busy or not").isFalse();
      });
    } finally {
      registrarThread.shutdownNow();
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** A test body that needs the background registrar to leave waiting requests alone. */
  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs the body while two filings are held in progress, so that the registrar's own thread
   * gives way (for up to a minute after the oldest filing) and only the body registers.
   */
  private void whileFilingsAreInProgress(Body body) throws Exception {
    ExecutorService filers = Executors.newFixedThreadPool(2);
    CountDownLatch filing = new CountDownLatch(2);
    CountDownLatch done = new CountDownLatch(1);
    try {
      for (int i = 0; i < 2; i++) {
        filers.submit(() -> registrar.filing(() -> {
          filing.countDown();
          try {
            done.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        }));
      }
      filing.await();
      body.run();
    } finally {
      done.countDown();
      filers.shutdownNow();
    }
  }

  /** A request filed the way a filing files it, with the registrar not told: it waits in the inbox. */
  private String waiting(String user, List<String> groups, String state, String title) {
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).latestVersion()
        .singleResult().getId();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(MEMBER_STATE, state);
    values.put(TITLE, title);
    values.put(DESCRIPTION, "Training for prosecutors and judges on the new witness protection law.");
    values.put(THEMATIC_AREAS, VariableValues.json(List.of("CORRUPTION")));
    values.put(ASSISTANCE_TYPES, VariableValues.json(List.of("CAPACITY_BUILDING")));
    values.put(ESTIMATED_BUDGET_USD, 250000L);
    values.put(URGENCY, "NORMAL");
    values.put("requesterName", "Wanjiru Kamau");
    values.put("requesterEmail", "wanjiru.kamau@example.org");
    String reference = new TransactionTemplate(transactions).execute(status -> inbox.file(user, groups, definition, values));
    assertThat(inbox.waiting(reference)).isTrue();
    return reference;
  }

  private HistoricProcessInstance registered(String reference) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(reference).singleResult();
  }

  private HistoricProcessInstance awaitRegistered(String reference) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (inbox.waiting(reference) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    HistoricProcessInstance request = registered(reference);
    assertThat(request).as("registered within 30 s by the registrar's own thread").isNotNull();
    return request;
  }

  private Map<String, Object> variablesOf(String instance) {
    Map<String, Object> values = new LinkedHashMap<>();
    historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).list().stream()
        .filter(variable -> instance.equals(variable.getExecutionId()))
        .forEach(variable -> values.put(variable.getName(), variable.getValue()));
    return values;
  }

  private Authorization startGrantOf(String group) {
    return authorizationService.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.PROCESS_INSTANCE)
        .resourceId("*").list().stream().filter(grant -> grant.isPermissionGranted(Permissions.CREATE)).findFirst()
        .orElseThrow();
  }

  private void focalPoint(String id, String state) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName("Focal");
      user.setLastName("Point of " + state);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, "focal-" + state);
    }
  }

  private static String filing(String state, String title) {
    return "{\"memberState\":\"" + state + "\",\"title\":\"" + title + "\","
        + "\"description\":\"Training for prosecutors and judges on the new witness protection law.\","
        + "\"thematicAreas\":[\"CORRUPTION\"],\"assistanceTypes\":[\"CAPACITY_BUILDING\"],\"estimatedBudgetUsd\":250000,"
        + "\"urgency\":\"NORMAL\",\"requesterName\":\"Wanjiru Kamau\",\"requesterEmail\":\"wanjiru.kamau@example.org\"}";
  }

  private HttpResponse<String> get(String user, String path) {
    return send(request(user, path).header("Accept", "application/json").GET());
  }

  private HttpResponse<String> getHtml(String user, String path) {
    return send(request(user, path).header("Accept", "text/html").GET());
  }

  private HttpResponse<String> post(String user, String path, String json, String idempotencyKey) {
    HttpRequest.Builder post = request(user, path).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    return send(idempotencyKey == null ? post : post.header("Idempotency-Key", idempotencyKey));
  }

  private HttpResponse<String> upload(String user, String path, String name, byte[] content) {
    String boundary = "inbox-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return send(request(user, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder request(String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
