package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.security.AccessMatrixTest.Answer.*;
import static org.unodc.uponrequest.security.AccessMatrixTest.Kind.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * Who may open which door: every role (anonymous and each demo user) against every door (the
 * product's pages, /api, engine-rest and the webapps' APIs), from ONE table. Two requests are in
 * flight, Kenya's and Colombia's, both waiting for HQ intake's screening, so the table also says
 * whose request each role sees. The table must cover every engine-rest resource Camunda registers
 * and every page or endpoint the product maps: adding one without a row fails the build. Every
 * door is also knocked on in other spellings of its address ({@link Spelling}), as every role
 * the table refuses: a rule or seal that holds for one spelling only fails the build too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

  /** The columns of the table, in order. */
  static final List<String> ROLES = List.of("anonymous", "ken.focal", "col.focal", "intake", "planner",
      "specialist.terrorism", "office.nairobi", "office.vienna", "manager", "admin");

  static final String ANONYMOUS = "anonymous";
  static final String PASSWORD = "demo";

  /** How a door is knocked on. */
  enum Kind {
    /** a browser page: the logged-in session, asking for HTML */
    PAGE,
    /** a browser's API call: the logged-in session, JSON, the webapps' CSRF header on writes */
    SESSION,
    /** a machine client: HTTP Basic on every call, no session */
    BASIC
  }

  /** The expected answer. */
  enum Answer {
    /** 200, whatever the body */
    OK,
    /** 200 and a JSON list, of any length (what is in it depends on other tests' data) */
    LIST,
    /** 200 and an empty JSON list: nothing visible */
    NONE,
    /** 200 and a non-empty JSON list */
    SOME,
    /** 200 and a JSON list of exactly one (e.g. only oneself) */
    ONE,
    /** 200 and a JSON list of more than one */
    MANY,
    /** 204 */
    DONE,
    /** 302 to the login page */
    LOGIN,
    /** 302 elsewhere (the landing page) */
    ONWARD,
    /** 400 */
    BAD,
    /** 401 */
    AUTH,
    /** 403 */
    DENY,
    /** 404 */
    MISS,
    /** 405: the address exists, the method does not */
    METHOD,
    /** 409: not now (e.g. nothing of the kind waits on the caller) */
    CONFLICT,
    /** 500 */
    FAIL;

    boolean matches(HttpResponse<String> response) {
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse("");
      return switch (this) {
        case OK -> status == 200;
        case LIST -> status == 200 && list(response) != null;
        case NONE -> status == 200 && list(response) != null && list(response).isEmpty();
        case SOME -> status == 200 && list(response) != null && !list(response).isEmpty();
        case ONE -> status == 200 && list(response) != null && list(response).size() == 1;
        case MANY -> status == 200 && list(response) != null && list(response).size() > 1;
        case DONE -> status == 204;
        case LOGIN -> status == 302 && location.endsWith(SecurityConfiguration.LOGIN_PAGE);
        case ONWARD -> status == 302 && !location.endsWith(SecurityConfiguration.LOGIN_PAGE);
        case BAD -> status == 400;
        case AUTH -> status == 401;
        case DENY -> status == 403;
        case MISS -> status == 404;
        case METHOD -> status == 405;
        case CONFLICT -> status == 409;
        case FAIL -> status == 500;
      };
    }

    private static JsonNode list(HttpResponse<String> response) {
      try {
        JsonNode json = new ObjectMapper().readTree(response.body());
        return json != null && json.isArray() ? json : null;
      } catch (IOException notJson) {
        return null;
      }
    }
  }

  /** One door and what each role gets there, in the order of {@link #ROLES}. */
  record Row(String door, Kind kind, String method, String path, String body, List<Answer> answers) {

    @Override
    public String toString() {
      return door;
    }
  }

  static Row row(String door, Kind kind, String method, String path, String body, Answer... answers) {
    if (answers.length != ROLES.size()) {
      throw new IllegalArgumentException(door + ": " + answers.length + " answers for " + ROLES.size() + " roles");
    }
    return new Row(door, kind, method, path, body, List.of(answers));
  }

  static Row get(String door, Kind kind, String path, Answer... answers) {
    return row(door, kind, "GET", path, null, answers);
  }

  static final String EVALUATE_PRIORITY = "{\"variables\":{\"areaWeight\":{\"value\":5},"
      + "\"areaLabel\":{\"value\":\"Trafficking in persons\"},\"areaBasis\":{\"value\":\"ONLY\"},"
      + "\"para24Status\":{\"value\":\"DEVELOPING\"},\"leastDeveloped\":{\"value\":true},"
      + "\"landlockedDeveloping\":{\"value\":false},\"smallIslandDeveloping\":{\"value\":false},"
      + "\"emergingFromConflict\":{\"value\":true},\"regionalVulnerability\":{\"value\":\"HIGH\"},"
      + "\"subregion\":{\"value\":\"Eastern Africa\"},\"ratificationGap\":{\"value\":true},"
      + "\"ratificationGapInstruments\":{\"value\":\"Trafficking in Persons Protocol\"},"
      + "\"urgency\":{\"value\":\"HIGH\"}}}";
  static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
  static final String COCKPIT_API = "/camunda/api/cockpit/plugin/base/default";

  /**
   * THE table. Placeholders: {kenKey}/{colKey} the reference numbers of Kenya's and Colombia's
   * request, {kenPi} Kenya's process instance, {kenTask} its screening task (HQ intake's),
   * {pd} the process definition, {deployment} its deployment, {figure} a figure of /api/metrics, {reference} and {taskId} Kenya's
   * reference and screening task again (named as the product's mappings name them), {documentId} a document
   * Kenya's focal point attached to Kenya's request, {reportId} a published implementation report. Both requests
   * wait at screening.
   * Whose request a role sees: focal points their own state's (tenants); officers only requests
   * they have touched, so here HQ intake both and planning, sections and offices none yet
   * (RequestAccessOnTask); managers and admins all.
   */
  static final List<Row> TABLE = List.of(
      //                                                        anonymous ken   col   intake planner spec nairobi vienna manager admin
      // ---- the product's own pages ----
      get("landing page", PAGE, "/",                              LOGIN, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD),
      get("login page", PAGE, "/login",                           OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      get("health check", PAGE, "/actuator/health",               OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      get("actuator index", PAGE, "/actuator",                    LOGIN, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      get("build info", PAGE, "/actuator/info",                   LOGIN, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      get("Tasklist", PAGE, "/camunda/app/tasklist/default/",     LOGIN, ONWARD, ONWARD, OK, OK, OK, OK, OK, OK, OK),
      get("Cockpit", PAGE, "/camunda/app/cockpit/default/",       LOGIN, ONWARD, ONWARD, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("Admin", PAGE, "/camunda/app/admin/default/",           LOGIN, ONWARD, ONWARD, DENY, DENY, DENY, DENY, DENY, DENY, OK),
      get("Welcome", PAGE, "/camunda/app/welcome/default/",       LOGIN, ONWARD, ONWARD, OK, OK, OK, OK, OK, OK, OK),
      // which accounts and clients the sign-in throttle holds back: administrators only
      get("throttled sign-ins", PAGE, "/security/throttled-sign-ins",
                                                                  LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK),
      // the mails the product wrote (recipients, bodies, errors): administrators only
      get("mail outbox", PAGE, "/admin/outbox",                 LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK),
      // requests filed and not yet registered, and failed registrations with their errors: administrators only
      get("intake inbox", PAGE, "/admin/intake",                LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK),
      get("intake inbox as JSON", BASIC, "/admin/intake",       AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK),
      // ---- the managers' dashboard and its figures: managers only (the admin account is also a manager) ----
      get("manager dashboard", PAGE, "/manager",                  LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("metrics as JSON", BASIC, "/api/metrics/{figure}",      AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("metrics as CSV", BASIC, "/api/metrics/regions?format=csv", AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("metrics: requests behind", BASIC, "/api/metrics/requests?select=open",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("metrics: heatmap", PAGE, "/api/metrics/heatmap",       AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      // (/actuator/prometheus: managers and the metrics account only, in metrics/MetricsApiTest, which turns metrics export on)
      // the implementation reports (reporting/ReportsPage); {reportId} a published report (admin is a manager too)
      get("implementation reports", PAGE, "/manager/reports",   LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("an implementation report", PAGE, "/manager/reports/{reportId}",
                                                                  LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("an implementation report as PDF", PAGE, "/manager/reports/{reportId}.pdf",
                                                                  LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      // ---- the request API's documentation: for every signed-in user (integrators, staff) ----
      get("/api docs (Swagger UI)", PAGE, "/api/docs",             AUTH, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD),
      get("/api OpenAPI document", BASIC, "/api/openapi.json",     AUTH, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      get("/api Swagger UI settings", BASIC, "/api/openapi.json/swagger-config", AUTH, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      // ---- the member states' portal; staff are sent to Tasklist ----
      get("portal", PAGE, "/portal",                              LOGIN, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD, ONWARD),
      get("portal: my requests", PAGE, "/portal/requests",        LOGIN, OK, OK, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // staff get the staff view of the requests the engine lets them read (HQ intake screens Kenya's)
      get("portal: a request", PAGE, "/portal/requests/{reference}",
                                                                  LOGIN, OK, MISS, OK, MISS, MISS, MISS, MISS, OK, OK),
      get("portal: new request", PAGE, "/portal/requests/new",   LOGIN, OK, OK, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // {taskId} is HQ intake's screening task: nothing a state may open
      get("portal: a step of a request", PAGE, "/portal/requests/{reference}/tasks/{taskId}",
                                                                  LOGIN, MISS, MISS, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      get("portal: withdrawal", PAGE, "/portal/requests/{reference}/withdrawal",
                                                                  LOGIN, OK, MISS, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      row("portal: filing without CSRF token", PAGE, "POST", "/portal/requests/new", "title=x",
                                                                  DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      row("portal: withdrawing without CSRF token", PAGE, "POST", "/portal/requests/{reference}/withdrawal", "withdrawalReason=x",
                                                                  DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // a page's form without its CSRF token: refused for everyone (PortalPagesTest switches with the token)
      row("portal: language without CSRF token", PAGE, "POST", "/portal/language", "language=fr",
                                                                  DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // ---- documents of a request: the states that see the request, staff who work on it, managers, admins ----
      // {documentId} is a PDF Kenya's focal point attached to Kenya's request
      get("portal: a request's documents", PAGE, "/portal/requests/{reference}/documents",
                                                                  LOGIN, OK, MISS, OK, MISS, MISS, MISS, MISS, OK, OK),
      get("portal: a document", PAGE, "/portal/requests/{reference}/documents/{documentId}",
                                                                  LOGIN, OK, MISS, OK, MISS, MISS, MISS, MISS, OK, OK),
      row("portal: attaching a document without CSRF token", PAGE, "POST", "/portal/requests/{reference}/documents", "file=x",
                                                                  DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      get("/api: a request's documents", SESSION, "/api/requests/{reference}/documents",
                                                                  AUTH, SOME, MISS, SOME, MISS, MISS, MISS, MISS, SOME, SOME),
      get("/api: a document", SESSION, "/api/requests/{reference}/documents/{documentId}",
                                                                  AUTH, OK, MISS, OK, MISS, MISS, MISS, MISS, OK, OK),
      row("/api: attaching a document without CSRF token", SESSION, "POST", "/api/requests/{reference}/documents", "{}",
                                                                  DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // who may attach reaches the check of the file (400: no file part); nobody else learns the request exists
      row("/api: attaching a document, for machines", BASIC, "POST", "/api/requests/{reference}/documents", "{}",
                                                                  DENY, BAD, MISS, BAD, MISS, MISS, MISS, MISS, BAD, BAD),
      // ---- /api: the member states' own door; staff are sent to Tasklist ----
      // staff read the requests the engine lets them read; they write through Tasklist
      get("/api: my State's requests", SESSION, "/api/requests", AUTH, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      get("/api: one request", SESSION, "/api/requests/{reference}",
                                                                  AUTH, OK, MISS, OK, MISS, MISS, MISS, MISS, OK, OK),
      row("/api write without CSRF token", SESSION, "POST", "/api/requests", "{}",
                                                                  DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      get("/api for machines", BASIC, "/api/requests",            AUTH, OK, OK, OK, OK, OK, OK, OK, OK, OK),
      // without credentials the call is a browser's, and Spring's CSRF check refuses it first
      row("/api: file a request (empty)", BASIC, "POST", "/api/requests", "{}",
                                                                  DENY, BAD, BAD, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // Kenya's request waits for screening: nothing to answer or give feedback on yet
      row("/api: answer", BASIC, "POST", "/api/requests/{reference}/answers", "{}",
                                                                  DENY, CONFLICT, MISS, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      row("/api: feedback", BASIC, "POST", "/api/requests/{reference}/feedback", "{}",
                                                                  DENY, CONFLICT, MISS, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      row("/api: withdrawal without its fields", BASIC, "POST", "/api/requests/{reference}/withdrawal", "{}",
                                                                  DENY, BAD, MISS, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // ---- the webapps' own APIs ----
      get("webapp: who am I", SESSION, "/camunda/api/admin/auth/user/default",
                                                                  AUTH, DENY, DENY, OK, OK, OK, OK, OK, OK, OK),
      get("webapp: engines", SESSION, "/camunda/api/engine/engine/",
                                                                  AUTH, DENY, DENY, SOME, SOME, SOME, SOME, SOME, SOME, SOME),
      get("webapp: usage metrics", SESSION, WEBAPP_ENGINE + "/metrics/process-instances/sum",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("webapp: process definitions", SESSION, WEBAPP_ENGINE + "/process-definition",
                                                                  AUTH, DENY, DENY, SOME, SOME, SOME, SOME, SOME, SOME, SOME),
      get("webapp: Kenya's request", SESSION, WEBAPP_ENGINE + "/process-instance?businessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("webapp: Colombia's request", SESSION, WEBAPP_ENGINE + "/process-instance?businessKey={colKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("webapp: Kenya's request by id", SESSION, WEBAPP_ENGINE + "/process-instance/{kenPi}",
                                                                  AUTH, DENY, DENY, OK, MISS, MISS, MISS, MISS, OK, OK),
      get("webapp: Kenya's screening task", SESSION, WEBAPP_ENGINE + "/task?processInstanceBusinessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("webapp: users", SESSION, WEBAPP_ENGINE + "/user",      AUTH, DENY, DENY, MANY, MANY, MANY, MANY, MANY, MANY, MANY),
      get("webapp: groups", SESSION, WEBAPP_ENGINE + "/group",    AUTH, DENY, DENY, MANY, MANY, MANY, MANY, MANY, MANY, MANY),
      get("webapp: authorizations", SESSION, WEBAPP_ENGINE + "/authorization",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, SOME),
      get("webapp: deployments", SESSION, WEBAPP_ENGINE + "/deployment",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, SOME, SOME),
      // checking another user's password is nobody's business (guessing, and locking the account out)
      row("webapp: verify a password", SESSION, "POST", WEBAPP_ENGINE + "/identity/verify",
          "{\"username\":\"manager\",\"password\":\"demo\"}",   AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // the webapps' own sign-in checks any user's password (an oracle) and bypasses the throttle: the product's page signs in
      row("webapp: sign in as someone", SESSION, "POST", "/camunda/api/admin/auth/user/default/login/tasklist",
          "{\"username\":\"manager\",\"password\":\"demo\"}", AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      get("Cockpit API: statistics", SESSION, COCKPIT_API + "/process-definition/statistics",
                                                                  AUTH, DENY, DENY, SOME, SOME, SOME, SOME, SOME, SOME, SOME),
      get("Cockpit API: Kenya's request", SESSION, COCKPIT_API + "/process-instance?businessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("Admin API: usage metrics", SESSION,
          "/camunda/api/admin/plugin/adminPlugins/default/metrics/aggregated?subscriptionStartDate=2025-01-01&groupBy=month",
                                                                  AUTH, DENY, DENY, LIST, LIST, LIST, LIST, LIST, LIST, LIST),
      row("Admin API: first-user setup", SESSION, "POST", "/camunda/api/admin/setup/default/user/create",
          "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder-password\"}}",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      // ---- engine-rest ----
      get("engines", BASIC, "/engine-rest/engine",                AUTH, DENY, DENY, SOME, SOME, SOME, SOME, SOME, SOME, SOME),
      get("named engine: Kenya's request", BASIC, "/engine-rest/engine/default/process-instance?businessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("process definitions", BASIC, "/engine-rest/process-definition",
                                                                  AUTH, DENY, DENY, SOME, SOME, SOME, SOME, SOME, SOME, SOME),
      get("process diagram", BASIC, "/engine-rest/process-definition/{pd}/xml",
                                                                  AUTH, DENY, DENY, OK, OK, OK, OK, OK, OK, OK),
      // filers (focal points, HQ intake) reach the checks of the request (400); nobody else may start one
      row("start a request", BASIC, "POST", "/engine-rest/process-definition/key/technical-assistance-request/start", "{}",
                                                                  AUTH, DENY, DENY, BAD, DENY, DENY, DENY, DENY, DENY, BAD),
      // the implementation report's process: managers start it (400 here: the start form's period is missing);
      // no other group is granted anything on it, so for them the definition does not exist
      row("start an implementation report", BASIC, "POST", "/engine-rest/process-definition/key/annual-implementation-report/start",
          "{}",                                                   AUTH, DENY, DENY, MISS, MISS, MISS, MISS, MISS, BAD, BAD),
      get("the implementation report's definition", BASIC, "/engine-rest/process-definition/key/annual-implementation-report",
                                                                  AUTH, DENY, DENY, MISS, MISS, MISS, MISS, MISS, OK, OK),
      // Tasklist's "Start process" list: HQ intake the request, managers the report, administrators every one
      get("processes startable in Tasklist", BASIC,
          "/engine-rest/process-definition?latestVersion=true&startableInTasklist=true&startablePermissionCheck=true",
                                                                  AUTH, DENY, DENY, ONE, NONE, NONE, NONE, NONE, ONE, MANY),
      get("Kenya's request", BASIC, "/engine-rest/process-instance?businessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("Colombia's request", BASIC, "/engine-rest/process-instance?businessKey={colKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("Kenya's request by id", BASIC, "/engine-rest/process-instance/{kenPi}",
                                                                  AUTH, DENY, DENY, OK, MISS, MISS, MISS, MISS, OK, OK),
      get("Kenya's executions", BASIC, "/engine-rest/execution?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      // Camunda does not check single comments itself: the id seal does; a note on HQ intake's own task is
      // internal to UNODC, so Kenya's focal point gets it no more than Colombia's (StateVisibleNotes)
      get("a note on Kenya's screening task", BASIC, "/engine-rest/task/{kenTask}/comment/{kenComment}",
                                                                  AUTH, DENY, DENY, OK, MISS, MISS, MISS, MISS, OK, OK),
      get("Kenya's screening task", BASIC, "/engine-rest/task?processInstanceBusinessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("Kenya's screening task by id", BASIC, "/engine-rest/task/{kenTask}",
                                                                  AUTH, DENY, DENY, OK, MISS, MISS, MISS, MISS, OK, OK),
      get("Kenya's variables", BASIC, "/engine-rest/variable-instance?processInstanceIdIn={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("Kenya's timers", BASIC, "/engine-rest/job?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("Kenya's message subscriptions", BASIC, "/engine-rest/event-subscription?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("incidents", BASIC, "/engine-rest/incident?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("external tasks", BASIC, "/engine-rest/external-task",  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      // messages, signals and conditions come from the process itself or an administrator (EngineCommandGuard);
      // the administrator's withdrawal for a reference number nobody has finds no match
      row("message", BASIC, "POST", "/engine-rest/message",
          "{\"messageName\":\"RequestWithdrawal\",\"businessKey\":\"TA-1999-99999\"}",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, BAD),
      row("signal nobody waits for", BASIC, "POST", "/engine-rest/signal", "{\"name\":\"NoSuchSignal\"}",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DONE),
      // Camunda answers 500 ("no subscriptions") when nothing waits for a condition
      row("conditions nobody waits for", BASIC, "POST", "/engine-rest/condition",
          "{\"variables\":{\"nothing\":{\"value\":1}}}",          AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, FAIL),
      row("migration plan", BASIC, "POST", "/engine-rest/migration/generate", "{}",
                                                                  AUTH, DENY, DENY, BAD, BAD, BAD, BAD, BAD, BAD, BAD),
      row("process instance modification", BASIC, "POST", "/engine-rest/modification/execute", "{}",
                                                                  AUTH, DENY, DENY, BAD, BAD, BAD, BAD, BAD, BAD, BAD),
      get("batches", BASIC, "/engine-rest/batch",                 AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("job definitions (timers of the model)", BASIC, "/engine-rest/job-definition",
                                                                  AUTH, DENY, DENY, SOME, SOME, SOME, SOME, SOME, SOME, SOME),
      get("deployments", BASIC, "/engine-rest/deployment",        AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, SOME, SOME),
      get("the deployment", BASIC, "/engine-rest/deployment/{deployment}",
                                                                  AUTH, DENY, DENY, MISS, MISS, MISS, MISS, MISS, OK, OK),
      get("the deployment's files", BASIC, "/engine-rest/deployment/{deployment}/resources",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, SOME, SOME),
      get("decision definitions", BASIC, "/engine-rest/decision-definition",
                                                                  AUTH, DENY, DENY, NONE, SOME, NONE, NONE, NONE, SOME, SOME),
      row("evaluate the priority rules", BASIC, "POST", "/engine-rest/decision-definition/key/priority-assessment/evaluate",
          EVALUATE_PRIORITY,                                      AUTH, DENY, DENY, MISS, SOME, MISS, MISS, MISS, SOME, SOME),
      get("decision requirements", BASIC, "/engine-rest/decision-requirements-definition",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, SOME, SOME),
      get("case definitions", BASIC, "/engine-rest/case-definition", AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("case instances", BASIC, "/engine-rest/case-instance",  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("case executions", BASIC, "/engine-rest/case-execution", AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("shared task filters", BASIC, "/engine-rest/filter",    AUTH, DENY, DENY, SOME, SOME, SOME, SOME, SOME, SOME, SOME),
      get("authorizations", BASIC, "/engine-rest/authorization",  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, SOME),
      // officers see who works on what; member states see only themselves
      get("users", BASIC, "/engine-rest/user",                    AUTH, DENY, DENY, MANY, MANY, MANY, MANY, MANY, MANY, MANY),
      get("a user's profile", BASIC, "/engine-rest/user/admin/profile",
                                                                  AUTH, DENY, DENY, OK, OK, OK, OK, OK, OK, OK),
      get("groups", BASIC, "/engine-rest/group",                  AUTH, DENY, DENY, MANY, MANY, MANY, MANY, MANY, MANY, MANY),
      get("tenants (member states)", BASIC, "/engine-rest/tenant", AUTH, DENY, DENY, MANY, MANY, MANY, MANY, MANY, MANY, MANY),
      get("a user's groups", BASIC, "/engine-rest/identity/groups?userId=admin",
                                                                  AUTH, DENY, DENY, OK, OK, OK, OK, OK, OK, OK),
      row("verify a password", BASIC, "POST", "/engine-rest/identity/verify", "{\"username\":\"manager\",\"password\":\"demo\"}",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      row("named engine: verify a password", BASIC, "POST", "/engine-rest/engine/default/identity/verify",
          "{\"username\":\"manager\",\"password\":\"demo\"}",   AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
      get("usage metrics", BASIC, "/engine-rest/metrics/process-instances/sum",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("named engine: usage metrics", BASIC, "/engine-rest/engine/default/metrics/activity-instance-start/sum",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK, OK),
      get("Optimize export", BASIC, "/engine-rest/optimize/process-instance/running",
                                                                  AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK),
      get("version", BASIC, "/engine-rest/version",               AUTH, DENY, DENY, OK, OK, OK, OK, OK, OK, OK),
      get("schema log", BASIC, "/engine-rest/schema/log",         AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, SOME),
      get("telemetry data", BASIC, "/engine-rest/telemetry/data", AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK),
      get("history: Kenya's request", BASIC, "/engine-rest/history/process-instance?processInstanceBusinessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("history: Colombia's request", BASIC, "/engine-rest/history/process-instance?processInstanceBusinessKey={colKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("history: Kenya's activities", BASIC, "/engine-rest/history/activity-instance?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("history: Kenya's variables", BASIC, "/engine-rest/history/variable-instance?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      // every past value of every variable: closed to member states (internal notes among them)
      get("history: Kenya's variable changes", BASIC, "/engine-rest/history/detail?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("history: Kenya's tasks", BASIC, "/engine-rest/history/task?processInstanceBusinessKey={kenKey}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("history: candidates of Kenya's task", BASIC, "/engine-rest/history/identity-link-log?taskId={kenTask}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("history: operation log", BASIC, "/engine-rest/history/user-operation",
                                                                  AUTH, DENY, DENY, LIST, LIST, LIST, LIST, LIST, LIST, LIST),
      get("history: incidents", BASIC, "/engine-rest/history/incident?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("history: Kenya's timer log", BASIC, "/engine-rest/history/job-log?processInstanceId={kenPi}",
                                                                  AUTH, DENY, DENY, SOME, NONE, NONE, NONE, NONE, SOME, SOME),
      get("history: decisions", BASIC, "/engine-rest/history/decision-instance",
                                                                  AUTH, DENY, DENY, LIST, LIST, LIST, LIST, LIST, LIST, LIST),
      get("history: batches", BASIC, "/engine-rest/history/batch", AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("history: external task log", BASIC, "/engine-rest/history/external-task-log",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("history: case instances", BASIC, "/engine-rest/history/case-instance",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("history: case activities", BASIC, "/engine-rest/history/case-activity-instance",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("history: cleanable requests", BASIC, "/engine-rest/history/process-definition/cleanable-process-instance-report",
                                                                  AUTH, DENY, DENY, LIST, LIST, LIST, LIST, LIST, LIST, LIST),
      get("history: cleanable decisions", BASIC, "/engine-rest/history/decision-definition/cleanable-decision-instance-report",
                                                                  AUTH, DENY, DENY, LIST, LIST, LIST, LIST, LIST, LIST, LIST),
      get("history: cleanable cases", BASIC, "/engine-rest/history/case-definition/cleanable-case-instance-report",
                                                                  AUTH, DENY, DENY, NONE, NONE, NONE, NONE, NONE, NONE, NONE),
      get("history: cleanup window", BASIC, "/engine-rest/history/cleanup/configuration",
                                                                  AUTH, DENY, DENY, OK, OK, OK, OK, OK, OK, OK));

  /**
   * engine-rest resources with no row of their own, each with the reason. Everything Camunda
   * registers that is neither here nor in the table fails {@link #everyEngineRestResourceHasARow()}.
   */
  static final Map<String, String> ENGINE_REST_WITHOUT_A_ROW = Map.of(
      "/history/decision-requirements-definition",
      "only per-id statistics of a decision requirements graph (managers' READ_HISTORY): no list, no state data");

  /** The product's mapped paths with no row of their own, each with the reason. */
  static final Map<String, String> PRODUCT_PATHS_WITHOUT_A_ROW = Map.of(
      "/error", "Spring Boot's error page: rendered when the container forwards a failure, no door of its own",
      "/api/openapi.json.yaml", "the YAML form of /api/openapi.json (same rule as its row; answers only Accept: YAML)");

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.HistoryService historyService;
  @Autowired List<ResourceConfig> jerseyApplications;
  @Autowired List<RequestMappingHandlerMapping> mvcMappings;
  @Autowired PathMappedEndpoints actuatorEndpoints;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  private final Map<String, HttpSession> browsers = new LinkedHashMap<>();
  private final Map<String, String> placeholders = new LinkedHashMap<>();
  private HttpSession machine;

  @BeforeAll
  void twoRequestsInFlightAndEveryRoleLoggedIn() throws IOException {
    machine = HttpSession.machine(port);
    ObjectMapper json = new ObjectMapper();
    String ken = fileAs("ken.focal", "KEN");
    String col = fileAs("col.focal", "COL");
    JsonNode kenRequest = json.readTree(ken);
    placeholders.put("{kenKey}", kenRequest.get("businessKey").asText());
    placeholders.put("{reference}", kenRequest.get("businessKey").asText());
    placeholders.put("{kenPi}", kenRequest.get("id").asText());
    placeholders.put("{colKey}", json.readTree(col).get("businessKey").asText());
    HttpResponse<String> document = machine.postFileAs("ken.focal", PASSWORD,
        "/api/requests/" + kenRequest.get("businessKey").asText() + "/documents", "file", "Letter of request.pdf",
        "application/pdf", org.unodc.uponrequest.documents.SampleFiles.pdf());
    assertThat(document.statusCode()).as(document.body()).isEqualTo(201);
    placeholders.put("{documentId}", json.readTree(document.body()).get("id").asText());
    String kenTask = taskService.createTaskQuery().processInstanceId(kenRequest.get("id").asText()).singleResult().getId();
    placeholders.put("{kenTask}", kenTask);
    placeholders.put("{taskId}", kenTask);
    placeholders.put("{kenComment}", taskService.createComment(kenTask, kenRequest.get("id").asText(),
        "Screening note: the ministry's letter is still missing").getId());
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(TechnicalAssistanceProcess.PROCESS_KEY).latestVersion().singleResult();
    placeholders.put("{pd}", definition.getId());
    // a published implementation report, as its process leaves it (ReportsPageTest runs the process itself)
    jdbc.update("INSERT INTO UR_REPORT (PROC_INST_ID_, PERIOD_FROM_, PERIOD_TO_, TITLE_, STATUS_, COMPILED_AT_, COMPILATIONS_, "
        + "FIGURES_, HTML_, PDF_) VALUES ('access-matrix', DATE '2025-01-01', DATE '2025-12-31', 'Implementation report 2025', "
        + "'PUBLISHED', CURRENT_TIMESTAMP, 1, ?, ?, ?)", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "<!DOCTYPE html><html lang=\"en\"><title>Report</title></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        org.unodc.uponrequest.documents.SampleFiles.pdf());
    placeholders.put("{reportId}", String.valueOf(jdbc.queryForObject(
        "SELECT ID_ FROM UR_REPORT WHERE PROC_INST_ID_ = 'access-matrix'", Long.class)));
    placeholders.put("{figure}", "summary");
    placeholders.put("{deployment}", definition.getDeploymentId());

    for (String role : ROLES) {
      HttpSession browser = new HttpSession(port);
      if (!role.equals(ANONYMOUS)) {
        assertThat(browser.login(role, PASSWORD).statusCode()).as(role).isEqualTo(302);
        // Camunda builds its session authentication when an app is first loaded; focal points are sent to the portal
        assertThat(browser.get(LoginController.TASKLIST).statusCode()).as(role).isEqualTo(role.endsWith(".focal") ? 302 : 200);
      }
      browsers.put(role, browser);
    }
  }

  static Stream<Arguments> doors() {
    return TABLE.stream().map(row -> Arguments.of(row.door(), row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void everyRoleGetsTheExpectedAnswerAtThisDoor(String door, Row row) {
    List<String> wrong = new ArrayList<>();
    for (int column = 0; column < ROLES.size(); column++) {
      String role = ROLES.get(column);
      Answer expected = row.answers().get(column);
      HttpResponse<String> response = knock(role, row);
      if (!expected.matches(response)) {
        String body = response.body().length() > 300 ? response.body().substring(0, 300) + "..." : response.body();
        wrong.add(role + ": expected " + expected + ", got " + response.statusCode() + " "
            + response.headers().firstValue("Location").orElse("") + body);
      }
    }
    assertThat(wrong).as("%s %s %s", row.method(), row.path(), row.kind()).isEmpty();
  }

  /**
   * Other ways of writing a door's address, as an attacker would try them to slip past a rule
   * written for one spelling. Each applies to the path only (the query stays as it is).
   */
  enum Spelling {
    TRAILING_SLASH {
      String apply(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
      }
    },
    DOUBLE_SLASH {
      String apply(String path) {
        return path.replaceFirst("^(/[^/]+)/", "$1//");
      }
    },
    MATRIX_PARAMETER {
      String apply(String path) {
        return path.replaceFirst("([^/])(/?)$", "$1;jsessionid=x$2");
      }
    },
    UPPER_CASE {
      String apply(String path) {
        Matcher last = LAST_SEGMENT.matcher(path);
        return last.find() ? path.substring(0, last.start(1)) + last.group(1).toUpperCase(Locale.ROOT)
            + path.substring(last.end(1)) : path;
      }
    },
    ENCODED_SLASH {
      String apply(String path) {
        int slash = path.lastIndexOf('/', path.length() - 2);
        return slash <= 0 ? path : path.substring(0, slash) + "%2F" + path.substring(slash + 1);
      }
    },
    /** the first letter of the resource's name percent-encoded, e.g. /engine-rest/%74ask */
    ENCODED_RESOURCE_NAME {
      String apply(String path) {
        return encodeFirstCharacter(path, path.indexOf('/', 1) + 1);
      }
    },
    /** the first character of every id percent-encoded, e.g. /task/%35e1d...-.../comment/%61b... */
    ENCODED_ID {
      String apply(String path) {
        Matcher id = ID_SEGMENT.matcher(path);
        StringBuilder spelled = new StringBuilder();
        while (id.find()) {
          id.appendReplacement(spelled, "/" + Matcher.quoteReplacement(percent(id.group(1).charAt(0)) + id.group(1).substring(1)));
        }
        return id.appendTail(spelled).toString();
      }
    };

    private static final Pattern LAST_SEGMENT = Pattern.compile("/([^/]+)/?$");
    private static final Pattern ID_SEGMENT = Pattern.compile("/([0-9a-f]{8}-[0-9a-f-]{27})(?=/|$)");

    abstract String apply(String path);

    String respell(String pathAndQuery) {
      int query = pathAndQuery.indexOf('?');
      return query < 0 ? apply(pathAndQuery) : apply(pathAndQuery.substring(0, query)) + pathAndQuery.substring(query);
    }

    private static String encodeFirstCharacter(String path, int at) {
      return at <= 0 || at >= path.length() || path.charAt(at) == '/' ? path
          : path.substring(0, at) + percent(path.charAt(at)) + path.substring(at + 1);
    }

    private static String percent(char character) {
      return String.format("%%%02X", (int) character);
    }
  }

  /** The answers that refuse a role (or show it nothing); a respelled address must refuse it too. */
  static final Set<Answer> REFUSALS = Set.of(AUTH, DENY, MISS, METHOD, CONFLICT, LOGIN, NONE);

  static Stream<Arguments> spellings() {
    return Arrays.stream(Spelling.values()).map(spelling -> Arguments.of(spelling));
  }

  /**
   * Every door of the table, respelled: where the table refuses a role (or shows it nothing), every
   * spelling of the address refuses it too (400, 401, 403, 404, 405 or the login page) or shows
   * it nothing. A rule that holds for one spelling only, or a seal that reads the raw address,
   * fails here; so does a new door whose rule misses a spelling.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void everySpellingOfAnAddressIsRefusedWhereTheAddressIs(Spelling spelling) {
    List<String> open = new ArrayList<>();
    for (Row row : TABLE) {
      for (int column = 0; column < ROLES.size(); column++) {
        Answer expected = row.answers().get(column);
        if (!REFUSALS.contains(expected)) {
          continue;
        }
        String role = ROLES.get(column);
        String canonical = fill(row.path());
        Row respelled = new Row(row.door(), row.kind(), row.method(), spelling.respell(canonical), row.body(), row.answers());
        HttpResponse<String> response = knock(role, respelled);
        if (!refused(response) && !sentTo(canonical, response) && !(expected == NONE && NONE.matches(response))) {
          String body = response.body().length() > 200 ? response.body().substring(0, 200) + "..." : response.body();
          open.add(row.door() + " as " + role + ": " + row.method() + " " + fill(respelled.path()) + " -> "
              + response.statusCode() + " " + body);
        }
      }
    }
    assertThat(open).as("respelled addresses that let a refused role in").isEmpty();
  }

  /** A redirect to the address as the table writes it, where the table's answer holds. */
  private static boolean sentTo(String canonical, HttpResponse<String> response) {
    return response.statusCode() == 302
        && response.headers().firstValue("Location").orElse("").replaceFirst("^https?://[^/]+", "").equals(canonical);
  }

  private static boolean refused(HttpResponse<String> response) {
    int status = response.statusCode();
    return status == 400 || status == 401 || status == 403 || status == 404 || status == 405 || status == 409 || LOGIN.matches(response);
  }

  /**
   * An id that is not in the engine's own format (a lower-case UUID) gets exactly the answer of an
   * id that does not exist, before the engine sees it, even for an administrator who sees everything.
   */
  @Test
  void idsNotInTheEnginesFormatGetTheAnswerOfAnUnknownId() {
    String unknown = "/engine-rest/task/" + UUID.randomUUID() + "/comment";
    HttpResponse<String> expected = machine.exchangeAs("admin", PASSWORD, "GET", unknown, null);
    assertThat(expected.statusCode()).isEqualTo(404);
    String task = placeholders.get("{kenTask}");
    for (String id : List.of("not-a-task-id", task.toUpperCase(Locale.ROOT), task + "0", "%" + Integer.toHexString(task.charAt(0))
        + task.substring(1))) {
      HttpResponse<String> response = machine.exchangeAs("admin", PASSWORD, "GET", "/engine-rest/task/" + id + "/comment", null);
      assertThat(response.statusCode()).as(id).isIn(400, 404);
      if (response.statusCode() == 404) {
        assertThat(response.body()).as(id).isEqualTo(expected.body());
      }
    }
  }

  @Test
  void everyEngineRestResourceHasARow() {
    Set<String> registered = engineRestResources();
    assertThat(registered).as("engine-rest resources found").contains("/process-instance", "/task", "/history/task");

    Set<String> covered = new TreeSet<>();
    for (Row row : TABLE) {
      if (row.kind() == BASIC && row.path().startsWith(SecurityConfiguration.ENGINE_REST)) {
        String path = row.path().substring(SecurityConfiguration.ENGINE_REST.length()).replaceFirst("\\?.*", "")
            .replaceFirst("^/engine/default(?=/)", "");
        registered.stream()
            .filter(resource -> path.equals(resource) || path.startsWith(resource + "/"))
            .max((a, b) -> a.length() - b.length())
            .ifPresent(covered::add);
      }
    }
    Set<String> withoutRow = new TreeSet<>(registered);
    withoutRow.removeAll(covered);
    withoutRow.removeAll(ENGINE_REST_WITHOUT_A_ROW.keySet());
    assertThat(withoutRow).as("engine-rest resources with no row in the access table (add one)").isEmpty();
    assertThat(ENGINE_REST_WITHOUT_A_ROW.keySet()).as("listed as without a row, but registered and not in the table")
        .allSatisfy(resource -> assertThat(registered).contains(resource))
        .doesNotContainAnyElementsOf(covered);
  }

  @Test
  void everyPageAndEndpointOfTheProductHasARow() {
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingHandlerMapping mapping : mvcMappings) {
      mapping.getHandlerMethods().keySet().forEach(info -> mapped.addAll(info.getPatternValues()));
    }
    mapped.addAll(actuatorEndpoints.getAllPaths());
    assertThat(mapped).as("product paths found").contains("/", "/login", "/actuator/health");

    Set<String> covered = TABLE.stream()
        .filter(row -> row.kind() != BASIC || !row.path().startsWith(SecurityConfiguration.ENGINE_REST))
        .map(row -> row.path().replaceFirst("\\?.*", ""))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> withoutRow = new TreeSet<>(mapped);
    withoutRow.removeAll(covered);
    withoutRow.removeAll(PRODUCT_PATHS_WITHOUT_A_ROW.keySet());
    assertThat(withoutRow).as("product paths with no row in the access table (add one)").isEmpty();
    assertThat(PRODUCT_PATHS_WITHOUT_A_ROW.keySet()).as("listed as without a row, but not mapped")
        .allSatisfy(path -> assertThat(mapped).contains(path));
  }

  /**
   * The resources of every JAX-RS application registered under engine-rest (Camunda's and any the
   * product adds), as paths below the engine (the named-engine door {@code /engine/{name}/...}
   * serves the same resources as the default one).
   */
  private Set<String> engineRestResources() {
    Set<String> resources = new TreeSet<>();
    for (ResourceConfig application : jerseyApplications) {
      for (Class<?> type : application.getClasses()) {
        Path root = type.getAnnotation(Path.class);
        if (root != null) {
          collect(type, join("", root.value()), resources);
        }
      }
    }
    return resources.stream()
        .map(path -> path.replaceFirst("^/engine/\\{name}(?=/)", ""))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void collect(Class<?> type, String base, Set<String> resources) {
    for (Method method : type.getMethods()) {
      Path path = method.getAnnotation(Path.class);
      boolean endpoint = Arrays.stream(method.getAnnotations())
          .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
      if (path == null) {
        if (endpoint && !base.isEmpty()) {
          resources.add(base); // served at the root itself, e.g. GET /engine
        }
        continue;
      }
      String full = join(base, path.value());
      if (endpoint) {
        resources.add(full);
      } else if (isRouter(method.getReturnType())) {
        collect(method.getReturnType(), full, resources); // e.g. /history leads on to /history/task
      } else {
        resources.add(full);
      }
    }
  }

  /** A resource that only leads on to others (like /history), with no endpoint of its own. */
  private static boolean isRouter(Class<?> type) {
    return Arrays.stream(type.getMethods()).noneMatch(method -> Arrays.stream(method.getAnnotations())
        .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class)))
        && Arrays.stream(type.getMethods()).anyMatch(method -> method.isAnnotationPresent(Path.class));
  }

  private static String join(String base, String path) {
    String joined = (base + "/" + path).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
  }

  private HttpResponse<String> knock(String role, Row row) {
    String path = fill(row.path());
    String body = fill(row.body());
    HttpSession browser = browsers.get(role);
    return switch (row.kind()) {
      case PAGE -> row.method().equals("GET") ? browser.get(path) : browser.postForm(path, body);
      case SESSION -> browser.exchange(row.method(), path, body);
      case BASIC -> role.equals(ANONYMOUS)
          ? machine.exchange(row.method(), path, body)
          : machine.exchangeAs(role, PASSWORD, row.method(), path, body);
    };
  }

  private String fill(String template) {
    if (template == null) {
      return null;
    }
    String filled = template;
    for (var placeholder : placeholders.entrySet()) {
      filled = filled.replace(placeholder.getKey(), placeholder.getValue());
    }
    return filled;
  }

  /** Files through the states' own door and answers as engine-rest's submit-form would: the request's id and reference. */
  private String fileAs(String focalPoint, String state) {
    String reference = StateFiling.file(machine, focalPoint, PASSWORD, state, "Access matrix request of " + state);
    String id = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(TechnicalAssistanceProcess.PROCESS_KEY).singleResult().getId();
    return "{\"id\":\"" + id + "\",\"businessKey\":\"" + reference + "\"}";
  }
}
