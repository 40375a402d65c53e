package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.GIVE_FEEDBACK;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.SCREEN_REQUEST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.documents.SampleFiles;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * Bad input at every write door, sent by a caller who may use the door: wrong JSON types, missing
 * and unknown fields, unknown codes, empty and huge strings, control characters and broken
 * Unicode, malformed bodies, the wrong Content-Type, mistyped uploads and tricks in the path.
 * Each must be answered with a 4xx that says what is wrong (problem details naming the field at
 * /api; Camunda's error JSON, with the field when the form's contract refused, at the engine's
 * doors; the form again with its error summary, or the portal's refusal page, for the portal's
 * pages), never a 5xx, and must leave no trace: the product's tables and the engine's runtime and
 * history are as they were ({@link #footprint()}).
 *
 * <p>What a serious product accepts is tried too, and must be kept exactly and shown harmlessly:
 * a free-text field (a title, a description, an answer) may hold any text a person types, so
 * script and SQL text and odd but valid Unicode (right-to-left marks, zero-width joiners, emoji,
 * which Arabic, Persian and Indic writing and everyday messages use) are stored verbatim and shown
 * escaped. Control characters, unpaired surrogates and U+FFFD (what a decoder leaves for bytes
 * that were not UTF-8) are not text anyone types: they are refused. A return address of the
 * language switch that is not the portal's is not refused but replaced by the user's requests
 * (the page's own address may hold a query the switch's pattern does not take).
 *
 * <p>Covered elsewhere and not repeated here: fields slipped into another step's form and the
 * engine's other commands (WriteIntegrityTest), ids not in the engine's format and respelled
 * addresses (AccessMatrixTest), the contract's rules one by one (FormContractTest), uploads of the
 * wrong type, empty, over 10 MB and over the multipart limit at the documents page and API
 * (DocumentsOverHttpTest; the API's Windows program and empty file are here to complete its row).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String FOCAL = "ken.focal";
  static final String INTAKE = "intake";
  static final String MEGABYTE = "x".repeat(1024 * 1024);
  static final String JSON_TYPE = "application/json";
  static final String FORM_TYPE = "application/x-www-form-urlencoded";
  static final String HTML = "text/html";
  /** Where a form carries the page's CSRF token in its body, as browsers send it (else the test sends it as a header). */
  static final String CSRF_IN_FORM = "CSRF_IN_FORM";
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String SQL = "'; DROP TABLE UR_REQUEST; --";
  /** Right-to-left override, zero-width joiner (as in the family emoji), zero-width non-joiner (Persian), emoji. */
  static final String ODD_UNICODE = "\u202Eredro\u202C \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83D\uDE80";

  /** The tables a write would touch; any change to their rows, or to a row's revision, is a write. */
  static final List<String> TABLES = List.of("UR_REQUEST", "UR_REQUEST_STATE", "UR_INBOX", "UR_DOCUMENT", "UR_SUBMISSION",
      "UR_OUTBOX", "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_HI_PROCINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_ID_INFO");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;

  private HttpSession machine;
  private HttpSession kenya;
  private HttpSession intake;
  private String kenyaCsrf;
  /** Kenya's request that waits on its answer to UNODC's question (and may still be withdrawn). */
  private String asked;
  private String askedTask;
  /** Kenya's request that waits on its feedback. */
  private String delivered;
  /** A screening that waits on HQ intake. */
  private String screening;

  @BeforeAll
  void kenyasRequestsWaitOnEachStep() {
    machine = HttpSession.machine(port);
    asked = StateFiling.file(machine, FOCAL, "demo", "KEN", "Bad input: UNODC asks");
    taskService.complete(task(asked), Map.of("screeningOutcome", "CLARIFY",
        "clarificationQuestion", "Which courts would take part in the mentoring?"));
    askedTask = task(asked);
    delivered = StateFiling.file(machine, FOCAL, "demo", "KEN", "Bad input: delivered");
    // the product (no user) moves the request on to the state's feedback, as if delivered
    runtimeService.createProcessInstanceModification(instance(delivered)).startBeforeActivity(GIVE_FEEDBACK)
        .cancelAllForActivity(SCREEN_REQUEST).execute();
    screening = task(StateFiling.file(machine, FOCAL, "demo", "KEN", "Bad input: screened"));

    kenya = signedIn(FOCAL);
    kenyaCsrf = HttpSession.csrfOf(kenya.get("/portal/requests/new", "en"));
    intake = signedIn(INTAKE);
    assertThat(intake.get(LoginController.TASKLIST).statusCode()).as("Camunda's session for the webapps").isEqualTo(200);
  }

  // ---- the request API: JSON bodies -----------------------------------------------------------

  /** The state's JSON doors, each with a valid body and the roles its fields play in the attacks. */
  enum ApiDoor {
    FILE("/api/requests", StateFiling.request("KEN", "Bad input", null), "title", "title", "estimatedBudgetUsd",
        null, "memberState", "\"XXX\"", "thematicAreas"),
    ANSWER("/api/requests/{asked}/answers", "{\"clarificationAnswer\":\"The High Court and the Anti-Corruption Court.\"}",
        "clarificationAnswer", "clarificationAnswer", null, null, null, null, null),
    FEEDBACK("/api/requests/{delivered}/feedback", "{\"satisfactionRating\":5,\"feedbackComments\":\"Timely and useful.\"}",
        "feedbackComments", "satisfactionRating", "satisfactionRating", null, "satisfactionRating", "9", null),
    WITHDRAWAL("/api/requests/{asked}/withdrawal",
        "{\"withdrawalReason\":\"Covered by a bilateral programme.\",\"withdrawalConfirmed\":true}",
        "withdrawalReason", "withdrawalReason", null, "withdrawalConfirmed", null, null, null);

    final String path;
    final String valid;
    final String text;
    final String required;
    final String number;
    final String flag;
    final String code;
    final String unknownCode;
    final String list;

    ApiDoor(String path, String valid, String text, String required, String number, String flag, String code,
        String unknownCode, String list) {
      this.path = path;
      this.valid = valid;
      this.text = text;
      this.required = required;
      this.number = number;
      this.flag = flag;
      this.code = code;
      this.unknownCode = unknownCode;
      this.list = list;
    }

    /** The valid body with one field set to {@code json} (removed when null). */
    String with(String field, String json) {
      ObjectNode body = (ObjectNode) read(valid);
      if (json == null) {
        body.remove(field);
      } else {
        body.set(field, read(json));
      }
      return body.toString();
    }
  }

  /** One kind of bad input: what is sent, and the status and field the answer must name (null: no field). */
  record Attack(String kind, String contentType, byte[] body, int status, String field) {

    static Attack json(String kind, String body, String field) {
      return new Attack(kind, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), 400, field);
    }

    @Override
    public String toString() {
      return kind;
    }
  }

  static Stream<Arguments> apiAttacks() {
    List<Arguments> rows = new ArrayList<>();
    for (ApiDoor door : ApiDoor.values()) {
      List<Attack> attacks = new ArrayList<>();
      if (door.number != null) {
        attacks.add(Attack.json("text for a number", door.with(door.number, "\"lots\""), door.number));
        attacks.add(Attack.json("number too large for any type", door.with(door.number, "1e400"), door.number));
        attacks.add(Attack.json("integer beyond 64 bits", door.with(door.number, "123456789012345678901234567890"), door.number));
      }
      if (door.flag != null) {
        attacks.add(Attack.json("text for true or false", door.with(door.flag, "\"yes\""), door.flag));
      }
      attacks.add(Attack.json("object for text", door.with(door.text, "{\"text\":\"nested\"}"), door.text));
      attacks.add(Attack.json("list for text", door.with(door.text, "[\"one\",\"two\"]"), door.text));
      attacks.add(Attack.json("number for text", door.with(door.text, "42"), door.text));
      attacks.add(Attack.json("true for text", door.with(door.text, "true"), door.text));
      attacks.add(Attack.json("required field missing", door.with(door.required, null), door.required));
      attacks.add(Attack.json("required field null", door.with(door.required, "null"), door.required));
      attacks.add(Attack.json("unknown field", door.with("priorityScore", "99"), "priorityScore"));
      attacks.add(Attack.json("field with an empty name", door.with("", "\"x\""), ""));
      if (door.code != null) {
        attacks.add(Attack.json("unknown code", door.with(door.code, door.unknownCode), door.code));
      }
      if (door.list != null) {
        attacks.add(Attack.json("unknown code in a list", door.with(door.list, "[\"NOPE\"]"), door.list));
        attacks.add(Attack.json("text for a list", door.with(door.list, "\"CORRUPTION\""), door.list));
        attacks.add(Attack.json("object in a list", door.with(door.list, "[{\"code\":\"CORRUPTION\"}]"), door.list));
      }
      if (door.text.equals(door.required)) {
        attacks.add(Attack.json("empty text", door.with(door.text, "\"\""), door.text));
        attacks.add(Attack.json("blank text", door.with(door.text, "\"   \""), door.text));
      }
      attacks.add(Attack.json("1 MB of text", door.with(door.text, quoted(MEGABYTE)), door.text));
      attacks.add(Attack.json("NUL in text", door.with(door.text, quoted("Court\u0000s")), door.text));
      attacks.add(Attack.json("BEL in text", door.with(door.text, quoted("Court\u0007s")), door.text));
      attacks.add(Attack.json("C1 control in text", door.with(door.text, quoted("Court\u009Bs")), door.text));
      // written into the JSON as an escape: a Java string with a lone surrogate cannot be sent as UTF-8
      attacks.add(Attack.json("lone surrogate in text", door.with(door.text, "\"SURROGATE\"")
          .replace("SURROGATE", "Court\\ud800s of justice"), door.text));
      attacks.add(Attack.json("malformed JSON", "{\"" + door.text + "\":", "body"));
      attacks.add(Attack.json("JSON with trailing garbage", door.valid + "}{", "body"));
      attacks.add(Attack.json("duplicate field", door.valid.replaceFirst("^\\{", "{\"" + door.required + "\":\"first\","), "body"));
      attacks.add(Attack.json("nested 5,000 deep", "[".repeat(5000) + "]".repeat(5000), "body"));
      attacks.add(Attack.json("a list, not an object", "[" + door.valid + "]", "body"));
      attacks.add(Attack.json("text, not an object", "\"" + door.required + "\"", "body"));
      attacks.add(Attack.json("null, not an object", "null", "body"));
      attacks.add(new Attack("no body", JSON_TYPE, null, 400, "body"));
      byte[] invalidUtf8 = door.with(door.text, "\"Court of justice\"").replace("Court", "Co\u0001rt")
          .getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < invalidUtf8.length; i++) {
        if (invalidUtf8[i] == 1) {
          invalidUtf8[i] = (byte) 0xC3; // a lead byte followed by 'r': not UTF-8
        }
      }
      attacks.add(new Attack("bytes that are not UTF-8", JSON_TYPE, invalidUtf8, 400, "body"));
      byte[] valid = door.valid.getBytes(StandardCharsets.UTF_8);
      attacks.add(new Attack("Content-Type text/plain", "text/plain", valid, 415, "Content-Type"));
      attacks.add(new Attack("Content-Type application/xml", "application/xml", "<request/>".getBytes(StandardCharsets.UTF_8),
          415, "Content-Type"));
      attacks.add(new Attack("form-encoded body", FORM_TYPE, "title=x".getBytes(StandardCharsets.UTF_8), 415, "Content-Type"));
      attacks.add(new Attack("no Content-Type", null, valid, 415, "Content-Type"));
      attacks.forEach(attack -> rows.add(Arguments.of(door, attack)));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("apiAttacks")
  void theApiRefusesBadInputWithProblemDetailsNamingTheFieldAndWritesNothing(ApiDoor door, Attack attack) {
    Map<String, Object> before = footprint();
    HttpResponse<String> answer = machine.raw(FOCAL, "POST", fill(door.path), attack.contentType(), attack.body(),
        JSON_TYPE, null);
    log("api " + door, attack, answer);
    problem(answer, attack.status(), attack.field());
    assertThat(footprint()).as("nothing written").isEqualTo(before);
  }

  /** Reference numbers that are not one, or not one the state has: never an error of the server. */
  static Stream<Arguments> referenceTricks() {
    List<String> doors = List.of("/answers", "/feedback", "/withdrawal", "/documents");
    List<String[]> tricks = List.of(
        new String[] {"a reference of no request", "TA-1999-00001"},
        new String[] {"too short", "TA-2026-1"},
        new String[] {"lower case", "{asked-lower}"},
        new String[] {"trailing space", "{asked}%20"},
        new String[] {"encoded NUL", "{asked}%00"},
        new String[] {"SQL text", "'%20OR%20'1'%3D'1"},
        new String[] {"script text", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"},
        new String[] {"right-to-left override", "{asked}%E2%80%AE"},
        new String[] {"Arabic-Indic digits", "TA-%D9%A2%D9%A0%D9%A2%D9%A6-%D9%A0%D9%A0%D9%A0%D9%A0%D9%A1"},
        new String[] {"5,000 characters", "T".repeat(5000)},
        new String[] {"encoded dot segments", "%2e%2e%2f%2e%2e%2fengine-rest"},
        new String[] {"dot segment", "{asked}/.."},
        new String[] {"matrix parameter", "{asked};x=1"},
        new String[] {"encoded percent", "{asked}%25"},
        new String[] {"bytes that are not UTF-8", "{asked}%C3%28"});
    return doors.stream().flatMap(door -> tricks.stream().map(trick -> Arguments.of(door, trick[0], trick[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("referenceTricks")
  void aReferenceThatIsNotOneIsA4xxAndWritesNothing(String door, String trick, String reference) {
    Map<String, Object> before = footprint();
    String path = "/api/requests/" + fill(reference) + door;
    HttpResponse<String> answer = door.equals("/documents")
        ? machine.raw(FOCAL, "POST", path, "multipart/form-data; boundary=b", multipart("file", "a.pdf", SampleFiles.pdf()),
            JSON_TYPE, null)
        : machine.raw(FOCAL, "POST", path, JSON_TYPE,
            "{\"withdrawalReason\":\"Covered elsewhere.\",\"withdrawalConfirmed\":true}".getBytes(StandardCharsets.UTF_8),
            JSON_TYPE, null);
    log("api " + door + " reference", trick, answer);
    assertThat(answer.statusCode()).as(answer.body()).isIn(400, 404);
    // a reference that is no request's: 404 naming it; an address not written as URLs are (the firewall, Tomcat): 400
    problem(answer, answer.statusCode(), answer.statusCode() == 404 ? "reference" : null);
    assertThat(footprint()).as("nothing written").isEqualTo(before);
  }

  // ---- the documents API: multipart -----------------------------------------------------------

  static Stream<Arguments> uploadAttacks() {
    return Stream.of(
        new Attack("a Windows program named .pdf", "multipart/form-data; boundary=b",
            multipart("file", "minutes.pdf", SampleFiles.windowsProgram()), 415, "file"),
        new Attack("an empty file", "multipart/form-data; boundary=b", multipart("file", "empty.pdf", new byte[0]), 400, "file"),
        new Attack("the file in another part", "multipart/form-data; boundary=b",
            multipart("document", "a.pdf", SampleFiles.pdf()), 400, "file"),
        new Attack("multipart without a boundary", "multipart/form-data", multipart("file", "a.pdf", SampleFiles.pdf()),
            400, "file"),
        new Attack("multipart cut off", "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4".getBytes(StandardCharsets.UTF_8),
            400, "file"),
        new Attack("not multipart at all", "multipart/form-data; boundary=b", "garbage".getBytes(StandardCharsets.UTF_8), 400, "file"),
        new Attack("text/plain", "text/plain", SampleFiles.pdf(), 400, "file"))
        .map(attack -> Arguments.of(attack.kind(), attack));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uploadAttacks")
  void theDocumentsApiRefusesBadUploadsWithProblemDetailsAndStoresNothing(String kind, Attack attack) {
    Map<String, Object> before = footprint();
    HttpResponse<String> answer = machine.raw(FOCAL, "POST", "/api/requests/" + asked + "/documents", attack.contentType(),
        attack.body(), JSON_TYPE, null);
    log("api /documents", attack, answer);
    problem(answer, attack.status(), attack.field());
    assertThat(footprint()).as("nothing stored").isEqualTo(before);
  }

  // ---- the engine's doors: engine-rest and Tasklist's engine API -------------------------------

  enum EngineDoor {
    ENGINE_REST("/engine-rest"),
    WEBAPP_API("/camunda/api/engine/engine/default");

    final String prefix;

    EngineDoor(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Where a start or a task's form is submitted, with a valid set of variables and the roles of its fields. */
  enum EngineWrite {
    START_SUBMIT_FORM("/process-definition/key/" + TechnicalAssistanceProcess.PROCESS_KEY + "/submit-form", true),
    START("/process-definition/key/" + TechnicalAssistanceProcess.PROCESS_KEY + "/start", true),
    TASK_SUBMIT_FORM("/task/{screening}/submit-form", false),
    TASK_COMPLETE("/task/{screening}/complete", false);

    final String path;
    final boolean start;

    EngineWrite(String path, boolean start) {
      this.path = path;
      this.start = start;
    }

    String valid() {
      return start ? WriteIntegrityTest.submission("KEN", "\"Bad input at the engine\"")
          : "{\"variables\":{\"screeningOutcome\":{\"value\":\"CLARIFY\"},"
              + "\"clarificationQuestion\":{\"value\":\"Which courts and agencies would take part?\"}}}";
    }

    String text() {
      return start ? "title" : "clarificationQuestion";
    }

    String required() {
      return start ? "title" : "screeningOutcome";
    }

    String code() {
      return start ? "memberState" : "screeningOutcome";
    }

    /** The valid variables with one set to {@code variable}, the JSON of Camunda's variable (removed when null). */
    String with(String name, String variable) {
      ObjectNode body = (ObjectNode) read(valid());
      ObjectNode variables = (ObjectNode) body.get("variables");
      if (variable == null) {
        variables.remove(name);
      } else {
        variables.set(name, read(variable));
      }
      return body.toString();
    }
  }

  static Stream<Arguments> engineAttacks() {
    List<Arguments> rows = new ArrayList<>();
    for (EngineDoor door : EngineDoor.values()) {
      for (EngineWrite write : EngineWrite.values()) {
        String text = write.text();
        List<Attack> attacks = new ArrayList<>();
        if (write.start) {
          attacks.add(Attack.json("text for a number", write.with("estimatedBudgetUsd", "{\"value\":\"lots\"}"), "estimatedBudgetUsd"));
          attacks.add(Attack.json("unknown code in a list", write.with("thematicAreas",
              "{\"value\":\"[\\\"NOPE\\\"]\",\"type\":\"Json\"}"), "thematicAreas"));
          attacks.add(Attack.json("malformed Json variable", write.with("thematicAreas",
              "{\"value\":\"[\\\"CORRU\",\"type\":\"Json\"}"), "thematicAreas"));
        } else {
          attacks.add(Attack.json("number for an option", write.with("screeningOutcome", "{\"value\":42}"), "screeningOutcome"));
        }
        attacks.add(Attack.json("object for text", write.with(text, "{\"value\":{\"text\":\"nested\"}}"), text));
        attacks.add(Attack.json("list for text", write.with(text, "{\"value\":[\"one\",\"two\"]}"), text));
        attacks.add(Attack.json("value not of its type", write.with(text, "{\"value\":\"lots\",\"type\":\"Integer\"}"), null));
        attacks.add(Attack.json("a type Camunda does not know", write.with(text, "{\"value\":\"x\",\"type\":\"Nope\"}"), null));
        attacks.add(Attack.json("bytes for text", write.with(text, "{\"value\":\"aGVsbG8=\",\"type\":\"Bytes\"}"), text));
        attacks.add(Attack.json("a file for text", write.with(text,
            "{\"value\":\"aGVsbG8=\",\"type\":\"File\",\"valueInfo\":{\"filename\":\"a.pdf\"}}"), text));
        attacks.add(Attack.json("a Java-serialized object", write.with(text, "{\"value\":\"rO0ABXQAAXg=\",\"type\":\"Object\","
            + "\"valueInfo\":{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}"),
            null));
        attacks.add(Attack.json("required field missing", write.with(write.required(), null), write.required()));
        attacks.add(Attack.json("no variables", "{}", write.start ? "memberState" : "screeningOutcome"));
        attacks.add(Attack.json("unknown field", write.with("priorityScore", "{\"value\":99}"), "priorityScore"));
        attacks.add(Attack.json("variable with an empty name", write.with("", "{\"value\":\"x\"}"), ""));
        attacks.add(Attack.json("unknown code", write.with(write.code(), "{\"value\":\"XXX\"}"), write.code()));
        attacks.add(Attack.json("empty text", write.with(text, "{\"value\":\"\"}"), text));
        attacks.add(Attack.json("1 MB of text", write.with(text, "{\"value\":" + quoted(MEGABYTE) + "}"), text));
        attacks.add(Attack.json("NUL in text", write.with(text, "{\"value\":" + quoted("Which courts\u0000 would take part?") + "}"), text));
        attacks.add(Attack.json("BEL in text", write.with(text, "{\"value\":" + quoted("Which courts\u0007 would take part?") + "}"), text));
        attacks.add(Attack.json("lone surrogate in text", write.with(text, "{\"value\":\"SURROGATE\"}")
            .replace("SURROGATE", "Which courts \\udc00 would take part?"), text));
        attacks.add(Attack.json("malformed JSON", "{\"variables\":{", null));
        attacks.add(Attack.json("nested 5,000 deep", "{\"variables\":" + "[".repeat(5000) + "]".repeat(5000) + "}", null));
        attacks.add(Attack.json("variables a list", "{\"variables\":[1,2]}", null));
        attacks.add(Attack.json("a variable as plain text", write.with(text, "\"plain\""), null));
        attacks.add(Attack.json("a list, not an object", "[" + write.valid() + "]", null));
        attacks.add(new Attack("no body", JSON_TYPE, null, 400, null));
        attacks.add(new Attack("Content-Type text/plain", "text/plain", write.valid().getBytes(StandardCharsets.UTF_8), 415, null));
        attacks.add(new Attack("form-encoded body", FORM_TYPE, "title=x".getBytes(StandardCharsets.UTF_8), 415, null));
        attacks.forEach(attack -> rows.add(Arguments.of(door, write, attack)));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("engineAttacks")
  void theEnginesDoorsRefuseBadInputInCamundasErrorShapeAndWriteNothing(EngineDoor door, EngineWrite write, Attack attack) {
    Map<String, Object> before = footprint();
    String path = door.prefix + fill(write.path);
    HttpResponse<String> answer = door == EngineDoor.ENGINE_REST
        ? machine.raw(INTAKE, "POST", path, attack.contentType(), attack.body(), JSON_TYPE, null)
        : intake.raw(null, "POST", path, attack.contentType(), attack.body(), JSON_TYPE, null);
    log(door + " " + write, attack, answer);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(attack.status());
    JsonNode error = json(answer);
    assertThat(error.path("type").asText()).as(answer.body()).isNotEmpty();
    assertThat(error.path("message").asText()).as(answer.body()).isNotEmpty().doesNotContain("at org.");
    if (attack.field() != null) {
      assertThat(error.path("field").asText(null)).as(answer.body()).isEqualTo(attack.field());
    }
    assertThat(footprint()).as("nothing written").isEqualTo(before);
  }

  // ---- the portal's pages: HTML forms ---------------------------------------------------------

  enum Page {
    NEW_REQUEST("/portal/requests/new", "memberState=KEN&title=Border+control+training"
        + "&description=Training+for+border+officers+on+document+fraud.&thematicAreas=ORGANIZED_CRIME"
        + "&assistanceTypes=CAPACITY_BUILDING&urgency=NORMAL&estimatedBudgetUsd=120000&requesterName=Wanjiru+Kamau"
        + "&requesterEmail=wanjiru.kamau%40example.org", "title"),
    ANSWER("/portal/requests/{asked}/tasks/{askedTask}", "clarificationAnswer=The+High+Court+and+the+Anti-Corruption+Court.",
        "clarificationAnswer"),
    WITHDRAWAL("/portal/requests/{asked}/withdrawal", "withdrawalReason=Covered+by+a+bilateral+programme.&withdrawalConfirmed=true",
        "withdrawalReason"),
    /** Uploads of the wrong type, empty or too large are DocumentsOverHttpTest's; here, bodies that are not an upload. */
    DOCUMENTS("/portal/requests/{asked}/documents", "", "file");

    final String path;
    final String valid;
    final String text;

    Page(String path, String valid, String text) {
      this.path = path;
      this.valid = valid;
      this.text = text;
    }

    /** The valid form with one field's raw (already encoded) value replaced, or the field left out when null. */
    String with(String field, String encoded) {
      List<String> pairs = new ArrayList<>();
      boolean found = false;
      for (String pair : valid.split("&")) {
        if (pair.startsWith(field + "=")) {
          found = true;
          if (encoded != null) {
            pairs.add(field + "=" + encoded);
          }
        } else {
          pairs.add(pair);
        }
      }
      if (!found && encoded != null) {
        pairs.add(field + "=" + encoded);
      }
      return String.join("&", pairs);
    }
  }

  /** A kind of bad form input: the form as posted, and the field whose error the page must show (null: the page's refusal). */
  record FormAttack(String kind, String contentType, String form, int status, String field) {
    @Override
    public String toString() {
      return kind;
    }
  }

  static Stream<Arguments> formAttacks() {
    List<Arguments> rows = new ArrayList<>();
    for (Page page : Page.values()) {
      String text = page.text;
      List<FormAttack> attacks = new ArrayList<>();
      if (page == Page.DOCUMENTS) {
        attacks.add(new FormAttack("a form without the file", FORM_TYPE, "description=x", 400, text));
        attacks.add(new FormAttack("JSON instead of the form", JSON_TYPE, "{\"file\":\"a.pdf\"}", 400, text));
        attacks.add(new FormAttack("multipart cut off", "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4", 400, null));
        attacks.add(new FormAttack("multipart without a boundary", "multipart/form-data", "--b\r\n", 400, null));
        attacks.forEach(attack -> rows.add(Arguments.of(page, attack)));
        continue;
      }
      if (page == Page.NEW_REQUEST) {
        attacks.add(new FormAttack("text for a number", FORM_TYPE, page.with("estimatedBudgetUsd", "lots"), 400, "estimatedBudgetUsd"));
        attacks.add(new FormAttack("unknown code", FORM_TYPE, page.with("memberState", "XXX"), 400, "memberState"));
        attacks.add(new FormAttack("unknown code in a list", FORM_TYPE, page.with("thematicAreas", "NOPE"), 400, "thematicAreas"));
      }
      if (page == Page.WITHDRAWAL) {
        attacks.add(new FormAttack("not ticked", FORM_TYPE, page.with("withdrawalConfirmed", null), 400, "withdrawalConfirmed"));
        attacks.add(new FormAttack("a tick that is not true", FORM_TYPE, page.with("withdrawalConfirmed", "yes"), 400, "withdrawalConfirmed"));
      }
      attacks.add(new FormAttack("required field missing", FORM_TYPE, page.with(text, null), 400, text));
      attacks.add(new FormAttack("empty text", FORM_TYPE, page.with(text, ""), 400, text));
      attacks.add(new FormAttack("blank text", FORM_TYPE, page.with(text, "+++"), 400, text));
      attacks.add(new FormAttack("unknown field", FORM_TYPE, page.with("priorityScore", "99"), 400, "priorityScore"));
      attacks.add(new FormAttack("1 MB of text", FORM_TYPE, page.with(text, MEGABYTE), 400, text));
      attacks.add(new FormAttack("NUL in text", FORM_TYPE, page.with(text, "Court%00s+of+justice+and+more"), 400, text));
      attacks.add(new FormAttack("BEL in text", FORM_TYPE, page.with(text, "Court%07s+of+justice+and+more"), 400, text));
      attacks.add(new FormAttack("bytes that are not UTF-8", FORM_TYPE, page.with(text, "Court%C3%28s+of+justice+and+more"), 400, text));
      attacks.add(new FormAttack("a surrogate encoded as bytes", FORM_TYPE, page.with(text, "Court%ED%A0%80s+of+justice+and+more"), 400, text));
      attacks.add(new FormAttack("invalid percent-encoding", FORM_TYPE, page.with(text, "Court%zzs+of+justice+and+more"), 400, text));
      attacks.add(new FormAttack("JSON instead of the form", JSON_TYPE, "{\"" + text + "\":\"Courts\"}", 400, null));
      attacks.add(new FormAttack("multipart cut off", "multipart/form-data; boundary=b",
          "--b\r\nContent-Disposition: form-data; name=\"" + text + "\"\r\n\r\nCourts", 400, null));
      attacks.add(new FormAttack("multipart without a boundary", "multipart/form-data", page.valid, 400, null));
      if (page == Page.NEW_REQUEST || page == Page.ANSWER) {
        // the form's optional document: refused with its own status, and the form (or answer) is not sent either
        String valid = page == Page.NEW_REQUEST ? page.valid + "&submission=" + UUID.randomUUID() : page.valid;
        attacks.add(new FormAttack("a Windows program attached as .pdf", "multipart/form-data; boundary=b",
            withFile(valid, "minutes.pdf", SampleFiles.windowsProgram()), 415, "file"));
        attacks.add(new FormAttack("an empty file attached", "multipart/form-data; boundary=b",
            withFile(valid, "empty.pdf", new byte[0]), 400, "file"));
        attacks.add(new FormAttack("a document over 10 MB attached", "multipart/form-data; boundary=b",
            withFile(valid, "large.pdf", SampleFiles.pdfOfSize(10 * 1024 * 1024 + 100_000)), 413, "file"));
        attacks.add(new FormAttack("a document over the upload limit attached", "multipart/form-data; boundary=b",
            withFile(valid, "huge.pdf", SampleFiles.pdfOfSize(12 * 1024 * 1024)), 413, null));
        // as a browser sends it, the CSRF token in the body, which the container stops reading at the limit
        attacks.add(new FormAttack("a document over the upload limit, token in the form", "multipart/form-data; boundary=b",
            withFile(valid + "&_csrf=" + CSRF_IN_FORM, "huge.pdf", SampleFiles.pdfOfSize(12 * 1024 * 1024)), 413, null));
      }
      attacks.forEach(attack -> rows.add(Arguments.of(page, attack)));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("formAttacks")
  void thePortalsFormsComeBackWithTheErrorAndWriteNothing(Page page, FormAttack attack) {
    Map<String, Object> before = footprint();
    String form = attack.form();
    if (page == Page.NEW_REQUEST && attack.contentType().equals(FORM_TYPE)) {
      form += "&submission=" + UUID.randomUUID();
    }
    if (attack.contentType().equals(FORM_TYPE)) {
      form += "&_csrf=" + URLEncoder.encode(kenyaCsrf, StandardCharsets.UTF_8);
    }
    boolean tokenInForm = form.contains(CSRF_IN_FORM);
    HttpResponse<String> answer = kenya.raw(null, "POST", fill(page.path), attack.contentType(),
        form.replace(CSRF_IN_FORM, kenyaCsrf).getBytes(StandardCharsets.ISO_8859_1), HTML, tokenInForm ? null : kenyaCsrf);
    log("page " + page, attack.kind(), answer);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(attack.status());
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith(HTML);
    if (attack.field() != null && attack.field().equals("file") && page != Page.DOCUMENTS) {
      assertThat(answer.body()).as("the form again, saying the document was refused").contains("<title>Error: ",
          "The document was not accepted");
    } else if (page == Page.DOCUMENTS && attack.field() != null) {
      assertThat(answer.body()).as("the page again, with the error at the file field").contains("<title>Error: ",
          "document-file-error");
    } else if (attack.field() != null) {
      assertThat(answer.body()).as("the form again, with its error summary").contains("<title>Error: ", "id=\"error-summary\"");
      assertThat(between(answer.body(), "id=\"error-summary\"", "</div>")).contains(
          attack.field().equals("priorityScore") ? "priorityScore" : "#");
    } else {
      assertThat(answer.body()).doesNotContain("Exception", "at org.");
    }
    assertThat(footprint()).as("nothing written").isEqualTo(before);
  }

  @Test
  void theLanguageSwitchRefusesALanguageItDoesNotSpeakAndReturnsOnlyToThePortal() {
    Map<String, Object> before = footprint();
    for (String language : List.of("xx", "", "%3Cscript%3E", "en%00", MEGABYTE)) {
      HttpResponse<String> answer = kenya.raw(null, "POST", "/portal/language", FORM_TYPE,
          ("language=" + language + "&return=%2Fportal%2Frequests&_csrf=" + URLEncoder.encode(kenyaCsrf, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.ISO_8859_1), HTML, null);
      log("page LANGUAGE", "language " + language.substring(0, Math.min(12, language.length())), answer);
      assertThat(answer.statusCode()).as(language + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("<title>");
    }
    assertThat(footprint()).as("no language remembered").isEqualTo(before);
    // a return address that is not the portal's: the switch is made and the user lands on their requests (no open redirect)
    for (String back : List.of("https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2Fportal%2F..%2Fcamunda", "javascript%3Aalert(1)")) {
      HttpResponse<String> answer = kenya.raw(null, "POST", "/portal/language", FORM_TYPE,
          ("language=en&return=" + back + "&_csrf=" + URLEncoder.encode(kenyaCsrf, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.ISO_8859_1), HTML, null);
      log("page LANGUAGE", "return " + back, answer);
      assertThat(answer.statusCode()).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/portal/requests");
    }
  }

  // ---- what is accepted, kept verbatim and shown escaped --------------------------------------

  @Test
  void freeTextKeepsScriptSqlAndOddUnicodeVerbatimAndThePagesShowItEscaped() {
    String title = SCRIPT + " " + ODD_UNICODE;
    String description = SQL + " " + SCRIPT + " " + ODD_UNICODE + "\nTraining for prosecutors.";
    HttpResponse<String> filed = machine.postJsonAs(FOCAL, "demo", "/api/requests",
        ApiDoor.FILE.with("title", quoted(title)).replace("\"Training for prosecutors and judges on the new witness protection law.\"",
            quoted(description)));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    String reference = json(filed).get("referenceNumber").asText();
    String pi = instance(reference);
    assertThat(runtimeService.getVariable(pi, "title")).isEqualTo(title);
    assertThat(runtimeService.getVariable(pi, "description")).isEqualTo(description);
    assertThat(jdbc.queryForObject("SELECT TITLE_ FROM UR_REQUEST WHERE REFERENCE_ = ?", String.class, reference)).isEqualTo(title);
    assertThat(json(machine.getAs(FOCAL, "demo", "/api/requests/" + reference)).get("fields").get("title").asText())
        .isEqualTo(title);

    for (String path : List.of("/portal/requests/" + reference, "/portal/requests/" + reference + "/withdrawal",
        "/portal/requests?q=" + URLEncoder.encode("<script>", StandardCharsets.UTF_8))) {
      HttpResponse<String> page = kenya.get(path, "en");
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body()).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
    }
    assertThat(kenya.get("/portal/requests/" + reference, "en").body()).contains("&#39;; DROP TABLE UR_REQUEST; --", ODD_UNICODE);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UR_REQUEST WHERE REFERENCE_ = ?", Long.class, reference)).isEqualTo(1);

    // the same text through the portal's own form, and as an answer to UNODC's question
    HttpResponse<String> posted = kenya.postForm("/portal/requests/new", Page.NEW_REQUEST.with("title",
        URLEncoder.encode(title, StandardCharsets.UTF_8)) + "&submission=" + UUID.randomUUID() + "&_csrf="
        + URLEncoder.encode(kenyaCsrf, StandardCharsets.UTF_8));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    String fromPage = posted.headers().firstValue("Location").orElseThrow().replaceFirst(".*/", "");
    assertThat(runtimeService.getVariable(instance(fromPage), "title")).isEqualTo(title);

    taskService.complete(task(reference), Map.of("screeningOutcome", "CLARIFY",
        "clarificationQuestion", "Which courts would take part in the mentoring?"));
    HttpResponse<String> answered = machine.postJsonAs(FOCAL, "demo", "/api/requests/" + reference + "/answers",
        "{\"clarificationAnswer\":" + quoted(description) + "}");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    assertThat(runtimeService.getVariable(pi, "clarificationAnswer")).isEqualTo(description);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /**
   * What a write would change: the row count of every table a door writes to, the revisions of
   * the engine's runtime rows (an update in place) and the index's latest change.
   */
  private Map<String, Object> footprint() {
    StringBuilder query = new StringBuilder("SELECT ");
    for (String table : TABLES) {
      query.append("(SELECT COUNT(*) FROM ").append(table).append(") AS \"").append(table).append("\", ");
    }
    for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_ID_INFO")) {
      query.append("(SELECT COALESCE(SUM(REV_), 0) FROM ").append(table).append(") AS \"").append(table).append(" revisions\", ");
    }
    query.append("(SELECT MAX(LAST_CHANGE_) FROM UR_REQUEST) AS \"UR_REQUEST last change\"");
    Map<String, Object> rows = new LinkedHashMap<>();
    jdbc.queryForMap(query.toString()).forEach((name, value) -> rows.put(name, String.valueOf(value)));
    return rows;
  }

  /** The answer is problem details with the status, naming the field (when one is given). */
  private static void problem(HttpResponse<String> answer, int status, String field) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(answer.body()).startsWith("application/problem+json");
    JsonNode problem = json(answer);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).as(answer.body()).isNotEmpty().doesNotContain("Exception", "at org.");
    if (field != null) {
      assertThat(problem.path("field").asText(null)).as(answer.body()).isEqualTo(field);
    }
  }

  private static void log(String door, Object attack, HttpResponse<String> answer) {
    String body = answer.body().length() > 160 ? answer.body().substring(0, 160) + "..." : answer.body();
    System.out.println("BAD-INPUT | " + door + " | " + attack + " | " + answer.statusCode() + " | "
        + body.replaceAll("\\s+", " "));
  }

  private String fill(String path) {
    return path.replace("{asked-lower}", asked.toLowerCase()).replace("{asked}", asked).replace("{askedTask}", askedTask)
        .replace("{delivered}", delivered).replace("{screening}", screening);
  }

  private String instance(String reference) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(TechnicalAssistanceProcess.PROCESS_KEY).singleResult().getId();
  }

  private String task(String reference) {
    return taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId();
  }

  private HttpSession signedIn(String user) {
    HttpSession browser = new HttpSession(port);
    assertThat(browser.login(user, "demo").statusCode()).isEqualTo(302);
    return browser;
  }

  /** A form (as URL-encoded) sent as a browser sends it with a file: multipart, as bytes kept in an ISO-8859-1 string. */
  static String withFile(String form, String filename, byte[] content) {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (String pair : form.split("&")) {
      String[] field = pair.split("=", 2);
      body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
          + java.net.URLDecoder.decode(field[1], StandardCharsets.UTF_8) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] file = multipart("file", filename, content);
    body.writeBytes(file);
    return new String(body.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  static byte[] multipart(String part, String filename, byte[] content) {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(json, e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("'" + start + "' in the page").isGreaterThanOrEqualTo(0);
    from += start.length();
    return text.substring(from, text.indexOf(end, from));
  }
}
