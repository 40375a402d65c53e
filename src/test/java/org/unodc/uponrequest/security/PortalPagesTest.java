package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The portal's pages as a focal point's browser gets them: the state's requests, a request's
 * page, refusals as pages, and the language (browser, switcher, remembered per user, Arabic right to left).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalPagesTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired org.camunda.bpm.engine.HistoryService historyService;

  private String kenyas;
  private String colombias;

  @BeforeAll
  void kenyaAndColombiaHaveFiled() {
    HttpSession machine = HttpSession.machine(port);
    kenyas = StateFiling.file(machine, "ken.focal", "demo", "KEN", "Witness protection <b>for</b> prosecutors");
    colombias = StateFiling.file(machine, "col.focal", "demo", "COL", "Asset recovery");
  }

  @Test
  void aFocalPointLandsOnItsStatesRequestsAndSeesOnlyThem() {
    HttpSession browser = signedIn("ken.focal");
    HttpResponse<String> landing = browser.get("/");
    assertThat(landing.statusCode()).isEqualTo(302);
    assertThat(landing.headers().firstValue("Location").orElse("")).endsWith("/portal/requests");
    HttpResponse<String> list = browser.get("/portal/requests", "en");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("My requests", "Requests of Kenya", kenyas).doesNotContain(colombias);
    assertThat(list.body()).as("the title is text, not markup").contains("Witness protection &lt;b&gt;for&lt;/b&gt; prosecutors");
  }

  @Test
  void staffLandOnTasklistAndTheirPortalPagesAreRefusedAsPages() {
    HttpSession browser = signedIn("intake");
    assertThat(browser.get("/").headers().firstValue("Location").orElse("")).endsWith(LoginController.TASKLIST);
    HttpResponse<String> refused = browser.get("/portal/requests", "en");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("<html", "UNODC staff work on requests in Tasklist");
  }

  @Test
  void aRequestsPageShowsWhereItStandsAndAnotherStatesGivesTheSame404AsNone() {
    HttpSession browser = signedIn("ken.focal");
    HttpResponse<String> page = browser.get("/portal/requests/" + kenyas, "en");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Reference " + kenyas, "Intake", "Open", "Not yet assessed", "Corruption");
    HttpResponse<String> other = browser.get("/portal/requests/" + colombias, "en");
    HttpResponse<String> none = browser.get("/portal/requests/TA-1999-00001", "en");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(withoutOwnAddress(other.body())).isEqualTo(withoutOwnAddress(none.body()));
  }

  @Test
  void theBrowsersLanguageIsUsedUntilTheUserChoosesOneWhichFollowsThemToTheNextSignIn() {
    identityService.deleteUserInfo("col.focal", "locale");
    HttpSession first = signedIn("col.focal");
    assertThat(first.get("/portal/requests", "es-CO,es;q=0.9,en;q=0.5").body()).contains("<html lang=\"es\" dir=\"ltr\"");
    assertThat(first.get("/portal/requests", "de-DE,de;q=0.9").body()).as("not a UN language: English")
        .contains("<html lang=\"en\" dir=\"ltr\"");

    HttpResponse<String> page = first.get("/portal/requests", "en");
    HttpResponse<String> switched = first.postForm("/portal/language", "language=ar&return="
        + URLEncoder.encode("/portal/requests?sort=title", StandardCharsets.UTF_8) + "&_csrf=" + HttpSession.csrfOf(page));
    assertThat(switched.statusCode()).isEqualTo(302);
    assertThat(switched.headers().firstValue("Location").orElse("")).endsWith("/portal/requests?sort=title");
    assertThat(first.get("/portal/requests", "en").body()).contains("<html lang=\"ar\" dir=\"rtl\"");

    HttpSession later = signedIn("col.focal");
    assertThat(later.get("/portal/requests", "fr").body()).as("remembered for the user, not the browser")
        .contains("<html lang=\"ar\" dir=\"rtl\"");
    identityService.deleteUserInfo("col.focal", "locale");
  }

  @Test
  void theSwitcherSendsUsersBackOnlyToThePortal() {
    HttpSession browser = signedIn("ken.focal");
    for (String elsewhere : new String[] {"https://attacker.example/", "//attacker.example/portal", "/camunda/app/admin/",
        "/portal/../camunda", "javascript:alert(1)"}) {
      HttpResponse<String> page = browser.get("/portal/requests", "en");
      HttpResponse<String> switched = browser.postForm("/portal/language", "language=fr&return="
          + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8) + "&_csrf=" + HttpSession.csrfOf(page));
      assertThat(switched.headers().firstValue("Location").orElse("")).as(elsewhere).endsWith("/portal/requests");
    }
    identityService.deleteUserInfo("ken.focal", "locale");
  }

  /**
   * The language switcher carries the page's own address, and each form a freshly masked CSRF
   * token; apart from them the pages must be the same.
   */
  private static String withoutOwnAddress(String page) {
    return page.replaceAll("name=\"(return|_csrf)\" value=\"[^\"]*\"", "");
  }

  @Test
  void aFocalPointFilesARequestFromTheFormOnceHoweverOftenItIsSent() {
    HttpSession browser = signedIn("ken.focal");
    HttpResponse<String> form = browser.get("/portal/requests/new", "en");
    assertThat(form.statusCode()).isEqualTo(200);
    String stateSelect = between(form.body(), "name=\"memberState\"", "</select>");
    assertThat(stateSelect).contains("value=\"KEN\"").doesNotContain("value=\"COL\"");
    assertThat(between(form.body(), "name=\"coRequestingStates\"", "</fieldset>")).doesNotContain("value=\"KEN\"");
    String submission = between(form.body(), "name=\"submission\" value=\"", "\"");
    String fields = "memberState=KEN&title=Border+control+training&description=Training+for+border+officers+on+document+fraud."
        + "&thematicAreas=ORGANIZED_CRIME&assistanceTypes=CAPACITY_BUILDING&urgency=NORMAL&estimatedBudgetUsd=120000"
        + "&requesterName=Wanjiru+Kamau&requesterEmail=wanjiru.kamau%40example.org&submission=" + submission;

    HttpResponse<String> filed = browser.postForm("/portal/requests/new", fields + "&_csrf=" + HttpSession.csrfOf(form));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    String location = filed.headers().firstValue("Location").orElse("");
    assertThat(location).matches(".*/portal/requests/TA-\\d{4}-\\d{5}");
    HttpResponse<String> again = browser.postForm("/portal/requests/new", fields + "&_csrf=" + HttpSession.csrfOf(form));
    assertThat(again.headers().firstValue("Location").orElse("")).as("the same form sent twice").isEqualTo(location);

    HttpResponse<String> page = browser.get(location.replaceFirst("^https?://[^/]+", ""), "en");
    assertThat(page.body()).contains("Border control training", "Request received by UNODC", "<svg");
  }

  @Test
  void aRequestIsFiledWithItsDocumentOrNotAtAllWhenTheDocumentIsRefused() {
    HttpSession browser = signedIn("ken.focal");
    String[] fields = {"memberState", "KEN", "title", "Judicial training with a concept note",
        "description", "Training of judges on asset forfeiture, as the attached concept note explains.",
        "thematicAreas", "CORRUPTION", "assistanceTypes", "CAPACITY_BUILDING", "urgency", "NORMAL",
        "requesterName", "Wanjiru Kamau", "requesterEmail", "wanjiru.kamau@example.org"};
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("technical-assistance-request").count();

    HttpResponse<String> form = browser.get("/portal/requests/new", "en");
    HttpResponse<String> refused = browser.postFile("/portal/requests/new", "file", "concept-note.pdf", "application/pdf",
        org.unodc.uponrequest.documents.SampleFiles.windowsProgram(), withFormTokens(form, fields));
    assertThat(refused.statusCode()).as("the refused document's status").isEqualTo(415);
    assertThat(refused.body()).contains("The document was not accepted", "aria-invalid=\"true\"",
        "Judicial training with a concept note");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("technical-assistance-request").count())
        .as("no request without its document").isEqualTo(before);

    HttpResponse<String> again = browser.get("/portal/requests/new", "en");
    HttpResponse<String> filed = browser.postFile("/portal/requests/new", "file", "concept-note.pdf", "application/pdf",
        org.unodc.uponrequest.documents.SampleFiles.pdf(), withFormTokens(again, fields));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    HttpResponse<String> page = browser.get(filed.headers().firstValue("Location").orElseThrow()
        .replaceFirst("^https?://[^/]+", ""), "en");
    assertThat(page.body()).contains("Judicial training with a concept note", "concept-note.pdf");
  }

  @Test
  void theContractsReasonsAreShownInTheReadersLanguage() {
    HttpSession browser = signedIn("col.focal");
    HttpResponse<String> page = browser.get("/portal/requests/new", "en");
    browser.postForm("/portal/language", "language=fr&return=%2Fportal%2Frequests%2Fnew&_csrf=" + HttpSession.csrfOf(page));
    HttpResponse<String> form = browser.get("/portal/requests/new", "fr");
    String submission = between(form.body(), "name=\"submission\" value=\"", "\"");
    HttpResponse<String> refused = browser.postForm("/portal/requests/new", "memberState=COL&title=Court&description=Short"
        + "&thematicAreas=CORRUPTION&assistanceTypes=CAPACITY_BUILDING&urgency=NORMAL&requesterName=Ana+Gomez"
        + "&requesterEmail=not-an-address&submission=" + submission + "&_csrf=" + HttpSession.csrfOf(form));
    assertThat(refused.body()).contains("<html lang=\"fr\"", "Saisissez une adresse électronique")
        .doesNotContain("is not an e-mail address", "must be at least");
    identityService.deleteUserInfo("col.focal", "locale");
  }

  @Test
  void thePrioritysFactorsAreNamedInTheReadersLanguage() {
    String reference = StateFiling.file(HttpSession.machine(port), "ken.focal", "demo", "KEN", "Priority in French");
    String screening = taskService.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult().getId();
    taskService.complete(screening, java.util.Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "HIGH",
        "urgencyChangeReason", "The new law enters into force next month."));
    HttpSession browser = signedIn("ken.focal");
    HttpResponse<String> page = browser.get("/portal/requests/" + reference, "en");
    browser.postForm("/portal/language", "language=fr&return=%2Fportal%2Frequests&_csrf=" + HttpSession.csrfOf(page));
    HttpResponse<String> french = browser.get("/portal/requests/" + reference, "fr");
    assertThat(french.body()).contains("Facteurs de la priorité", "Économie en développement (par. 24)",
        "Urgence confirmée par l&#39;ONUDC : élevée (par. 4)", "<blockquote class=\"rationale\" lang=\"en\"");
    identityService.deleteUserInfo("ken.focal", "locale");
  }

  /** The form's fields with the page's CSRF token and submission key, as the browser sends them. */
  private static String[] withFormTokens(HttpResponse<String> form, String... fields) {
    List<String> pairs = new ArrayList<>(List.of(fields));
    pairs.addAll(List.of("_csrf", HttpSession.csrfOf(form),
        "submission", between(form.body(), "name=\"submission\" value=\"", "\"")));
    return pairs.toArray(String[]::new);
  }

  @Test
  void aFormWithMistakesComesBackWithEveryErrorByItsFieldAndWhatWasEntered() {
    HttpSession browser = signedIn("ken.focal");
    HttpResponse<String> form = browser.get("/portal/requests/new", "en");
    String submission = between(form.body(), "name=\"submission\" value=\"", "\"");
    HttpResponse<String> refused = browser.postForm("/portal/requests/new", "memberState=KEN&title=&description=Short"
        + "&urgency=NORMAL&estimatedBudgetUsd=lots&requesterName=W&requesterEmail=not-an-address&submission=" + submission
        + "&_csrf=" + HttpSession.csrfOf(form));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("<title>Error: ", "aria-invalid=\"true\"", "value=\"not-an-address\"", "Short");
    assertThat(refused.body().split("class=\"error-message\"|class=\"field-error\"|-error\"").length)
        .as("several errors shown").isGreaterThan(3);
  }

  @Test
  void aStateAnswersUnodcsQuestionFromItsRequestsPage() {
    HttpSession machine = HttpSession.machine(port);
    String screening = taskService.createTaskQuery().processInstanceBusinessKey(kenyas)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult().getId();
    HttpResponse<String> asked = machine.postJsonAs("intake", "demo", "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"CLARIFY\"},"
            + "\"clarificationQuestion\":{\"value\":\"Which courts would take part?\"}}}");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(204);

    HttpSession browser = signedIn("ken.focal");
    HttpResponse<String> page = browser.get("/portal/requests/" + kenyas, "en");
    String taskLink = between(page.body(), "href=\"/portal/requests/" + kenyas + "/tasks/", "\"");
    HttpResponse<String> task = browser.get("/portal/requests/" + kenyas + "/tasks/" + taskLink, "en");
    assertThat(task.statusCode()).isEqualTo(200);
    assertThat(task.body()).contains("Which courts would take part?", "name=\"clarificationAnswer\"");

    HttpResponse<String> empty = browser.postForm("/portal/requests/" + kenyas + "/tasks/" + taskLink,
        "clarificationAnswer=&_csrf=" + HttpSession.csrfOf(task));
    assertThat(empty.body()).contains("<title>Error: ");
    HttpResponse<String> answered = browser.postForm("/portal/requests/" + kenyas + "/tasks/" + taskLink,
        "clarificationAnswer=The+High+Court+and+the+Anti-Corruption+Court.&_csrf=" + HttpSession.csrfOf(task));
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
    HttpResponse<String> after = browser.get("/portal/requests/" + kenyas, "en");
    assertThat(after.body()).contains("Your answer was sent to UNODC.", "Your State answered UNODC&#39;s question");
    assertThat(browser.get("/portal/requests/" + kenyas + "/tasks/" + taskLink, "en").statusCode()).as("done").isEqualTo(404);
  }

  @Test
  void onlyTheLeadStateWithdrawsWithAReasonAndAConfirmation() {
    HttpSession colombia = signedIn("col.focal");
    HttpResponse<String> form = colombia.get("/portal/requests/" + colombias + "/withdrawal", "en");
    assertThat(form.statusCode()).isEqualTo(200);
    HttpResponse<String> unconfirmed = colombia.postForm("/portal/requests/" + colombias + "/withdrawal",
        "withdrawalReason=Covered+by+the+national+programme&_csrf=" + HttpSession.csrfOf(form));
    assertThat(unconfirmed.body()).contains("<title>Error: ");
    assertThat(signedIn("ken.focal").get("/portal/requests/" + colombias + "/withdrawal", "en").statusCode()).isEqualTo(404);

    HttpResponse<String> withdrawn = colombia.postForm("/portal/requests/" + colombias + "/withdrawal",
        "withdrawalReason=Covered+by+the+national+programme&withdrawalConfirmed=true&_csrf=" + HttpSession.csrfOf(form));
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(302);
    HttpResponse<String> page = colombia.get("/portal/requests/" + colombias, "en");
    assertThat(page.body()).contains("The request was withdrawn.", "Withdrawn", "Covered by the national programme",
        "Request withdrawn by your State");
    assertThat(colombia.get("/portal/requests/" + colombias + "/withdrawal", "en").statusCode()).isEqualTo(409);
  }

  @Test
  void staffSeeEverythingRecordedOnTheRequestsTheEngineLetsThemRead() {
    HttpResponse<String> intake = signedIn("intake").get("/portal/requests/" + kenyas, "en");
    assertThat(intake.statusCode()).isEqualTo(200);
    assertThat(intake.body()).contains("Staff view", "requesterEmail", "wanjiru.kamau@example.org", "Screen the request",
        "/camunda/app/tasklist/default/?task=").doesNotContain("New request</a>");
    assertThat(signedIn("manager").get("/portal/requests/" + kenyas, "en").statusCode()).isEqualTo(200);
    assertThat(signedIn("planner").get("/portal/requests/" + kenyas, "en").statusCode())
        .as("strategic planning has not worked on it yet").isEqualTo(404);
  }

  private static String between(String text, String before, String after) {
    int start = text.indexOf(before);
    assertThat(start).as("'%s' in the page", before).isNotNegative();
    int from = start + before.length();
    return text.substring(from, text.indexOf(after, from));
  }

  private HttpSession signedIn(String user) {
    HttpSession browser = new HttpSession(port);
    assertThat(browser.login(user, "demo").statusCode()).isEqualTo(302);
    return browser;
  }
}
