package org.unodc.uponrequest.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The report over HTTP, as managers use it: started through engine-rest's submit-form (what
 * Tasklist sends), its review completed there, then listed and downloaded at /manager/reports.
 * Member states and officers get 403 on the pages and nothing of the process through engine-rest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsPageTest {

  private static final String DEFINITION = "/engine-rest/process-definition/key/" + ReportProcess.PROCESS_KEY;
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired Reports reports;
  @Autowired org.unodc.uponrequest.notifications.Outbox outbox;

  private long reportId;

  @BeforeAll
  void aManagerAsksForTheReportOn2025AndApprovesIt() throws IOException {
    Browser machine = new Browser(port);
    HttpResponse<String> started = machine.json("manager", "POST", DEFINITION + "/submit-form",
        "{\"variables\":{\"periodFrom\":{\"value\":\"2025-01-01\"},\"periodTo\":{\"value\":\"2025-12-31\"}}}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instance = JSON.readTree(started.body()).get("id").asText();
    runJobOf(instance); // the job executor's part: compile the figures

    HttpResponse<String> tasks = machine.json("manager", "GET", "/engine-rest/task?processInstanceId=" + instance, null);
    String task = JSON.readTree(tasks.body()).get(0).get("id").asText();
    HttpResponse<String> form = machine.json("manager", "GET", "/engine-rest/task/" + task + "/form-variables", null);
    assertThat(form.body()).contains("reportSummary", "reportTitle", "Implementation report 2025");
    HttpResponse<String> approved = machine.json("manager", "POST", "/engine-rest/task/" + task + "/submit-form",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
    runJobOf(instance); // publish
    reportId = reports.ofProcess(instance).orElseThrow().id();
    assertThat(reports.find(reportId).orElseThrow().approver()).isEqualTo("manager");
  }

  @Test
  void aManagerListsTheReportsAndOpensOneAsHtmlAndAsPdf() {
    Browser manager = Browser.signedIn(port, "manager");
    HttpResponse<String> list = manager.get(ReportsPage.PATH);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("<html lang=\"en\"", "Implementation reports", "Implementation report 2025",
        "1 January 2025 to 31 December 2025", "Published", "/manager/reports/" + reportId + ".pdf", "scope=\"col\"");

    HttpResponse<String> page = manager.get(ReportsPage.PATH + "/" + reportId);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<h1>Implementation report 2025</h1>", "Approved by", "Download the PDF");

    HttpResponse<byte[]> pdf = manager.bytes(ReportsPage.PATH + "/" + reportId + ".pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
    assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
        .isEqualTo("attachment; filename=\"implementation-report-2025-01-01_2025-12-31.pdf\"");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(ReportTestSupport.pdfText(pdf.body())).contains("Implementation report 2025");

    assertThat(manager.get(ReportsPage.PATH + "/999999").statusCode()).isEqualTo(404);
    assertThat(manager.get(ReportsPage.PATH + "/999999.pdf").statusCode()).isEqualTo(404);
    assertThat(manager.get(ReportsPage.PATH + "/not-a-report").statusCode()).isEqualTo(404);
  }

  @Test
  void managersAreToldOfTheReviewInWordsAboutTheReportNotARequest() {
    List<org.unodc.uponrequest.notifications.Outbox.Entry> mails = outbox.page(0, 100).entries().stream()
        .filter(mail -> mail.subject().contains("Review and approve the report")).toList();
    assertThat(mails).extracting(org.unodc.uponrequest.notifications.Outbox.Entry::recipient)
        .contains("elena.petrova@example.org");
    assertThat(mails).allSatisfy(mail -> {
      assertThat(mail.subject()).isEqualTo("Task for managers: Review and approve the report (Annual implementation report)");
      assertThat(mail.body()).contains("Annual implementation report").doesNotContain("Request ", "Member State");
      assertThat(mail.reference()).isNull();
    });
  }

  @Test
  void aMemberStateAndAnOfficerGet403AndNobodySignedInIsSentToTheLogin() {
    for (String user : List.of("ken.focal", "intake", "office.nairobi")) {
      Browser browser = Browser.signedIn(port, user);
      for (String path : List.of(ReportsPage.PATH, ReportsPage.PATH + "/" + reportId, ReportsPage.PATH + "/" + reportId + ".pdf")) {
        assertThat(browser.get(path).statusCode()).as("%s at %s", user, path).isEqualTo(403);
      }
    }
    HttpResponse<String> anonymous = new Browser(port).get(ReportsPage.PATH);
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
  }

  @Test
  void tasklistOffersTheReportToManagersOnlyAndOfficersSeeNothingOfIt() throws IOException {
    String startable = "/engine-rest/process-definition?latestVersion=true&active=true&startableInTasklist=true"
        + "&startablePermissionCheck=true";
    Browser machine = new Browser(port);
    assertThat(keys(machine.json("manager", "GET", startable, null))).containsExactly(ReportProcess.PROCESS_KEY);
    assertThat(keys(machine.json("intake", "GET", startable, null))).doesNotContain(ReportProcess.PROCESS_KEY);
    assertThat(keys(machine.json("planner", "GET", startable, null))).isEmpty();

    assertThat(machine.json("manager", "GET", DEFINITION, null).statusCode()).isEqualTo(200);
    for (String officer : List.of("intake", "planner", "office.nairobi", "specialist.terrorism")) {
      assertThat(machine.json(officer, "GET", DEFINITION, null).statusCode()).as(officer).isEqualTo(404);
      assertThat(machine.json(officer, "POST", DEFINITION + "/submit-form",
          "{\"variables\":{\"periodFrom\":{\"value\":\"2025-01-01\"},\"periodTo\":{\"value\":\"2025-01-31\"}}}").statusCode())
          .as(officer).isIn(403, 404);
      assertThat(keys(machine.json(officer, "GET", "/engine-rest/history/process-instance?processDefinitionKey="
          + ReportProcess.PROCESS_KEY, null))).as(officer).isEmpty();
      assertThat(machine.json(officer, "GET", "/engine-rest/history/task?processDefinitionKey=" + ReportProcess.PROCESS_KEY, null)
          .body()).as(officer).isEqualTo("[]");
    }
    assertThat(machine.json("ken.focal", "GET", DEFINITION, null).statusCode()).isEqualTo(403);
  }

  private void runJobOf(String instance) {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).singleResult().getId());
  }

  private static List<String> keys(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    for (JsonNode definition : JSON.readTree(response.body())) {
      keys.add(definition.path("key").asText(definition.path("processDefinitionKey").asText()));
    }
    return keys;
  }
}
