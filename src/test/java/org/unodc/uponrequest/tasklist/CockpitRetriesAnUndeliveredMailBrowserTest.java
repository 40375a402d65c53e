package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.unodc.uponrequest.notifications.UndeliveredMails;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;
import org.unodc.uponrequest.process.VariableValues;

/**
 * An administrator's view of a mail server that was down: the mail the outbox gave up on is an
 * incident in Cockpit, with the server's answer; once the server is back, Cockpit's own "Retry"
 * sends it. The mail server (GreenMail) is down until the test starts it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestPropertySource(properties = {"uponrequest.mail.max-attempts=1", "uponrequest.mail.poll-interval=PT1H"})
class CockpitRetriesAnUndeliveredMailBrowserTest {

  private static final By INCIDENT_MESSAGE = By.cssSelector("[ng-repeat='incident in incidents'] td.message a, "
      + "[ng-repeat='incident in incidents'] td:first-child a");
  private static final By RETRY_ACTION = By.cssSelector("a[ng-click='openJobRetryDialog(incident)']");
  private static final int SMTP_PORT = freePort();
  private static GreenMail smtp;

  @DynamicPropertySource
  static void smtpServer(DynamicPropertyRegistry properties) {
    properties.add("spring.mail.host", () -> "127.0.0.1");
    properties.add("spring.mail.port", () -> SMTP_PORT);
  }

  @LocalServerPort int port;
  @Value("${camunda.bpm.admin-user.id}") String adminUser;
  @Value("${camunda.bpm.admin-user.password}") String adminPassword;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;

  private CamundaWebappBrowser browser;

  @RegisterExtension
  final AfterTestExecutionCallback screenshotOnFailure = context -> {
    if (context.getExecutionException().isPresent() && browser != null) {
      browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
    }
  };

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterAll
  static void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void anAdministratorSeesTheUndeliveredMailAsAnIncidentAndRetryingItInCockpitSendsIt() throws Exception {
    String reference = file().getBusinessKey();
    ProcessInstance mail = awaitUndeliveredMailTo("wanjiru.kamau@example.org", reference);
    Job sendAgain = managementService.createJobQuery().processInstanceId(mail.getId()).singleResult();
    assertThatThrownBy(() -> managementService.executeJob(sendAgain.getId())).hasMessageContaining("was not delivered");

    browser = new CamundaWebappBrowser("http://localhost:" + port);
    browser.logIn("cockpit", adminUser, adminPassword);
    browser.open("/camunda/app/cockpit/default/#/process-instance/" + mail.getId() + "/runtime?tab=incidents-tab");
    browser.await().until(driver -> driver.getPageSource().contains("was not delivered"));
    browser.screenshot("cockpit-undelivered-mail-incident");
    String message = browser.driver().findElement(INCIDENT_MESSAGE).getAttribute("title");
    assertThat(message == null || message.isBlank() ? browser.driver().findElement(INCIDENT_MESSAGE).getText() : message)
        .startsWith("Mail ").contains("wanjiru.kamau@example.org");

    // the server is back; the administrator retries the incident with Cockpit's own action
    smtp = startSmtp();
    browser.await().until(ExpectedConditions.elementToBeClickable(RETRY_ACTION)).click();
    browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-dialog")));
    browser.screenshot("cockpit-undelivered-mail-retry-dialog");
    browser.await().until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'modal-footer')]//button[normalize-space()='Retry']"))).click();
    browser.await().until(driver -> managementService.createJobQuery().jobId(sendAgain.getId()).singleResult()
        .getRetries() > 0);
    browser.driver().navigate().refresh();
    browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("incidents-tab"), "No incidents"));
    browser.screenshot("cockpit-undelivered-mail-retried");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(mail.getId()).count()).as("resolved by the retry").isZero();

    // the job executor's part (tests run without one)
    managementService.executeJob(sendAgain.getId());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(mail.getId()).count()).isZero();
    assertThat(smtp.getReceivedMessages()).extracting(message1 -> message1.getAllRecipients()[0].toString())
        .containsExactly("wanjiru.kamau@example.org");
  }

  private ProcessInstance file() {
    String definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(TechnicalAssistanceProcess.PROCESS_KEY).latestVersion().singleResult().getId();
    return formService.submitStartForm(definition, Variables.createVariables()
        .putValue(ProcessVariables.MEMBER_STATE, "KEN")
        .putValue(ProcessVariables.TITLE, "Strengthening the criminal justice response")
        .putValue(ProcessVariables.DESCRIPTION, "Legislative drafting support and training for prosecutors and judges.")
        .putValueTyped(ProcessVariables.THEMATIC_AREAS, VariableValues.json(List.of("CORRUPTION")))
        .putValueTyped(ProcessVariables.ASSISTANCE_TYPES, VariableValues.json(List.of("LEGISLATIVE_ASSISTANCE")))
        .putValue(ProcessVariables.ESTIMATED_BUDGET_USD, 250000)
        .putValue(ProcessVariables.URGENCY, "NORMAL")
        .putValue(ProcessVariables.REQUESTER_NAME, "Wanjiru Kamau")
        .putValue(ProcessVariables.REQUESTER_EMAIL, "ministry.of.justice@example.org"));
  }

  /** The outbox tries each mail once after the filing commits, fails (no server) and hands it over. */
  private ProcessInstance awaitUndeliveredMailTo(String recipient, String reference) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(until)) {
      for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(UndeliveredMails.PROCESS_KEY).processInstanceBusinessKey(reference).list()) {
        if (recipient.equals(runtimeService.getVariable(instance.getId(), "recipient"))) {
          return instance;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no undelivered mail to " + recipient + " about " + reference + " within 30 s");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }
}
