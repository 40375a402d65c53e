package org.unodc.uponrequest.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.portal.Languages;
import org.unodc.uponrequest.process.ProcessTestSupport;
import org.unodc.uponrequest.process.VariableValues;

/**
 * Notifications end to end, against a real SMTP server (GreenMail on a free local port): the demo
 * users (who have e-mail addresses), the real process, the outbox and its sender. Each test files
 * its own request and reads the mails about its reference only. The poller is slowed to an hour
 * so that what is sent, and when, is the commit's doing or the test's ({@link OutboxSender#sendDue}).
 */
@ActiveProfiles("demo")
@TestPropertySource(properties = {
    "uponrequest.public-url=https://uponrequest.example.org/",
    "uponrequest.mail.from=UNODC UponRequest <no-reply@example.org>",
    "uponrequest.mail.poll-interval=PT1H",
    "uponrequest.mail.max-attempts=3",
    "uponrequest.mail.first-retry=PT1M"})
class NotificationMailTest extends ProcessTestSupport {

  static final String KEN_FOCAL = "wanjiru.kamau@example.org";
  static final String UGA_FOCAL = "grace.nakato@example.org";
  static final String COL_FOCAL = "camila.restrepo@example.org";
  static final String INTAKE = "hannah.berger@example.org";
  static final String NAIROBI = "david.otieno@example.org";
  static final String MANAGER = "elena.petrova@example.org";
  static final String REQUESTER = "ministry.of.justice@example.org";
  /** A second focal point of Kenya, who reads Arabic; made by the tests that need one, removed after each test. */
  static final String KEN_FOCAL_AR = "ken.focal.ar";
  static final String KEN_FOCAL_AR_MAIL = "amina.mwangi@example.org";
  static final Duration WAIT = Duration.ofSeconds(30);

  static final int SMTP_PORT = freePort();
  static GreenMail smtp = startSmtp();

  @DynamicPropertySource
  static void smtpServer(DynamicPropertyRegistry properties) {
    properties.add("spring.mail.host", () -> "127.0.0.1");
    properties.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired Outbox outbox;
  @Autowired OutboxSender sender;
  @Autowired IdentityService identityService;
  @Autowired ManagementService managementService;
  @Autowired PlatformTransactionManager transactions;

  @AfterEach
  void englishAgainAndServerUp() {
    identityService.deleteUserInfo("ken.focal", Recipients.LOCALE_INFO);
    identityService.deleteUserInfo("admin", Recipients.LOCALE_INFO);
    if (identityService.createUserQuery().userId(KEN_FOCAL_AR).count() > 0) {
      identityService.deleteUser(KEN_FOCAL_AR);
    }
    if (!smtp.isRunning()) {
      smtp = startSmtp();
    }
  }

  /** The server is the class's: a subclass (the same tests on PostgreSQL) starts it again after this class stopped it. */
  @BeforeAll
  static void smtpUp() {
    if (!smtp.isRunning()) {
      smtp = startSmtp();
    }
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  // --- filing ---------------------------------------------------------------------------------

  @Test
  void filingSendsTheReceiptToTheStateAndTheRequesterAndTheScreeningToHqIntake() throws Exception {
    ProcessInstance pi = submit(kenya());
    String reference = pi.getBusinessKey();

    List<Outbox.Entry> written = outbox.ofRequest(reference);
    assertThat(written).as("written with the step, before anything is sent")
        .extracting(Outbox.Entry::kind, Outbox.Entry::recipient, Outbox.Entry::language)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(MailKind.RECEIVED, KEN_FOCAL, "en"),
            org.assertj.core.groups.Tuple.tuple(MailKind.RECEIVED, REQUESTER, "en"),
            org.assertj.core.groups.Tuple.tuple(MailKind.TASK, INTAKE, "en"));

    List<MimeMessage> mails = delivered(reference, 3);
    MimeMessage receipt = to(mails, KEN_FOCAL);
    assertThat(receipt.getSubject()).isEqualTo("Request " + reference + " received: Strengthening the criminal justice response");
    assertThat(receipt.getFrom()[0].toString()).contains("no-reply@example.org");
    String text = plainText(receipt);
    assertThat(text).startsWith("Dear Sir or Madam,")
        .contains("reference number " + reference, "(Member State: Kenya)",
            "https://uponrequest.example.org/portal/requests/" + reference);
    assertThat(html(receipt)).contains("<a href=\"https://uponrequest.example.org/portal/requests/" + reference + "\">");
    assertThat(to(mails, REQUESTER).getSubject()).isEqualTo(receipt.getSubject());

    MimeMessage screening = to(mails, INTAKE);
    Task task = task(SCREEN_REQUEST, pi);
    assertThat(screening.getSubject()).isEqualTo("Task for hq-intake: Screen the request (" + reference + ")");
    assertThat(plainText(screening)).startsWith("Dear colleague,")
        .contains("Screen the request", "Member State: Kenya", "Due date: ",
            "https://uponrequest.example.org/camunda/app/tasklist/default/#/?task=" + task.getId());

    assertThat(outbox.ofRequest(reference)).allSatisfy(mail -> {
      assertThat(mail.status()).isEqualTo(OutboxStatus.SENT);
      assertThat(mail.attempts()).isEqualTo(1);
      assertThat(mail.sent()).isNotNull();
    });
  }

  @Test
  void aFocalPointWhoChoseFrenchGetsTheMailInFrenchAndTheRequesterInEnglish() throws Exception {
    identityService.setUserInfo("ken.focal", Recipients.LOCALE_INFO, "fr");
    String reference = submit(kenya()).getBusinessKey();

    List<MimeMessage> mails = delivered(reference, 3);
    MimeMessage french = to(mails, KEN_FOCAL);
    assertThat(french.getSubject()).isEqualTo("Demande " + reference + " reçue : Strengthening the criminal justice response");
    assertThat(french.getContentLanguage()).containsExactly("fr");
    assertThat(plainText(french)).startsWith("Madame, Monsieur,")
        .contains("accuse réception", "(État Membre : Kenya (le))", "Office des Nations Unies contre la drogue et le crime");
    assertThat(to(mails, REQUESTER).getSubject()).startsWith("Request " + reference + " received");
    assertThat(outbox.ofRequest(reference)).filteredOn(mail -> mail.recipient().equals(KEN_FOCAL))
        .extracting(Outbox.Entry::language).containsExactly("fr");
  }

  // --- a question, a revision ---------------------------------------------------------------------

  @Test
  void aQuestionFromHqIntakeReachesTheStateWithoutTheInternalNotes() throws Exception {
    ProcessInstance pi = submit(kenya());
    String reference = pi.getBusinessKey();
    delivered(reference, 3);

    complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "CLARIFY",
        CLARIFICATION_QUESTION, "Which ministries would take part in the training?",
        SCREENING_NOTES, "Internal: the ministry's letter is still missing"));

    List<MimeMessage> questions = delivered(reference, kind("clarification requested"), 2);
    assertThat(recipients(questions)).containsExactlyInAnyOrder(KEN_FOCAL, REQUESTER);
    String step = "https://uponrequest.example.org/portal/requests/" + reference + "/tasks/" + task(PROVIDE_CLARIFICATION, pi).getId();
    String text = plainText(to(questions, KEN_FOCAL));
    assertThat(text).contains("Which ministries would take part in the training?", "Please reply through the UponRequest portal by ",
        "considered withdrawn", "The question may be answered in the UponRequest portal:\n" + step);
    assertThat(html(to(questions, KEN_FOCAL))).as("the step's form, not the request's page").contains("<a href=\"" + step + "\">");
    assertThat(outbox.ofRequest(reference)).filteredOn(mail -> mail.kind() == MailKind.QUESTION)
        .extracting(Outbox.Entry::link).containsExactly(step, step);
    assertThat(outbox.ofRequest(reference)).extracting(Outbox.Entry::body)
        .noneMatch(body -> body.contains("letter is still missing"));
  }

  @Test
  void aRevisionAskedAfterAdviceAgainstReachesTheState() throws Exception {
    ProcessInstance pi = submit(kenya("TERRORISM"));
    String reference = pi.getBusinessKey();
    accept(pi);
    keepAssessedPriority(pi);
    complete(task(CONSULT_TERRORISM_PREVENTION, pi), withVariables(TERRORISM_CONSULTATION, "NOT_SUPPORTED",
        TERRORISM_CONSULTATION_NOTES, "Internal: overlaps with the CTED assessment", CTED_CONSULTED, true));
    complete(task(DECIDE_ON_NEGATIVE_ADVICE, pi), withVariables(ADVICE_DECISION, "REVISE",
        REVISION_REQUEST, "Please narrow the request to the training of prosecutors."));

    List<MimeMessage> revisions = delivered(reference, kind("revision requested"), 2);
    assertThat(recipients(revisions)).containsExactlyInAnyOrder(KEN_FOCAL, REQUESTER);
    String step = "https://uponrequest.example.org/portal/requests/" + reference + "/tasks/" + task(REVISE_REQUEST, pi).getId();
    assertThat(plainText(to(revisions, KEN_FOCAL))).contains("Please narrow the request to the training of prosecutors.",
        "The revised request may be submitted in the UponRequest portal:\n" + step).doesNotContain("CTED assessment");
  }

  // --- a reminder, an overdue screening -----------------------------------------------------------

  @Test
  void anUnansweredQuestionIsRemindedToTheFocalPointsInTheirLanguageWithTheWithdrawalDateAndTheStep() throws Exception {
    identityService.setUserInfo("ken.focal", Recipients.LOCALE_INFO, "fr");
    ProcessInstance pi = clarificationAsked();
    String reference = pi.getBusinessKey();
    Date withdrawal = job(CLARIFICATION_DEADLINE, pi).getDuedate();
    Task clarification = task(PROVIDE_CLARIFICATION, pi);

    execute(job(CLARIFICATION_REMINDER_DUE, pi));

    List<MimeMessage> reminders = delivered(reference, kind("rappel"), 1);
    assertThat(recipients(reminders)).as("the focal points, who answer in the portal; not the requester's address")
        .containsExactly(KEN_FOCAL);
    MimeMessage reminder = reminders.get(0);
    assertThat(reminder.getSubject()).isEqualTo("Demande " + reference + " : rappel, éclaircissements toujours attendus");
    assertThat(reminder.getContentLanguage()).containsExactly("fr");
    String step = "https://uponrequest.example.org/portal/requests/" + reference + "/tasks/" + clarification.getId();
    assertThat(plainText(reminder)).startsWith("Madame, Monsieur,")
        .contains(reference, "Which ministries would take part in the training?",
            "d'ici au " + MailTexts.date(withdrawal, Languages.FR) + ". Faute de réponse à cette date, la demande sera considérée comme retirée.",
            "Vous pouvez répondre à la question sur le portail UponRequest :\n" + step)
        .doesNotContain("letter is still missing");
    assertThat(html(reminder)).contains("<a href=\"" + step + "\">");
    assertThat(outbox.ofRequest(reference)).filteredOn(mail -> mail.kind() == MailKind.REMINDER)
        .extracting(Outbox.Entry::recipient, Outbox.Entry::language, Outbox.Entry::status, Outbox.Entry::link)
        .containsExactly(tuple(KEN_FOCAL, "fr", OutboxStatus.SENT, step));
  }

  @Test
  void aReminderIsWrittenInItsTimersTransactionAndNotIfThatRollsBack() {
    ProcessInstance pi = clarificationAsked();
    String reference = pi.getBusinessKey();

    new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
      execute(job(CLARIFICATION_REMINDER_DUE, pi));
      assertThat(outbox.ofRequest(reference)).extracting(Outbox.Entry::kind).as("written with the step").contains(MailKind.REMINDER);
      transaction.setRollbackOnly();
    });
    assertThat(outbox.ofRequest(reference)).extracting(Outbox.Entry::kind).doesNotContain(MailKind.REMINDER);

    execute(job(CLARIFICATION_REMINDER_DUE, pi));
    assertThat(recipients(delivered(reference, kind("reminder"), 1))).containsExactly(KEN_FOCAL);
  }

  @Test
  void anOverdueScreeningTellsTheManagersSoPlainlyEachInTheirLanguage() throws Exception {
    identityService.setUserInfo("admin", Recipients.LOCALE_INFO, "es");
    // the administrator is made by the starter (camunda.bpm.admin-user) before the demo users, with its address
    String admin = identityService.createUserQuery().userId("admin").singleResult().getEmail();
    ProcessInstance pi = submit(kenya());
    String reference = pi.getBusinessKey();
    delivered(reference, 3);
    Date screeningDue = task(SCREEN_REQUEST, pi).getDueDate();

    execute(job(SCREENING_OVERDUE, pi));

    Task followUp = task(FOLLOW_UP_OVERDUE_SCREENING, pi);
    List<MimeMessage> mails = delivered(reference, 5);
    String link = "https://uponrequest.example.org/camunda/app/tasklist/default/#/?task=" + followUp.getId();
    MimeMessage english = to(mails, MANAGER);
    assertThat(english.getSubject()).isEqualTo("Screening of request " + reference + " overdue: Strengthening the criminal justice response");
    assertThat(plainText(english)).startsWith("Dear colleague,")
        .contains("The screening of the request " + reference + ", \"Strengthening the criminal justice response\" (Member State: Kenya)",
            "is overdue: it was due by " + MailTexts.date(screeningDue, Languages.EN) + " and has not yet been completed.",
            "A follow-up task has reached your group, managers: Follow up overdue screening.", "Due date: ", link);
    MimeMessage spanish = to(mails, admin);
    assertThat(spanish.getSubject()).isEqualTo("Examen preliminar de la solicitud " + reference
        + " atrasado: Strengthening the criminal justice response");
    assertThat(plainText(spanish)).startsWith("Estimado/a colega:")
        .contains("está atrasado: debía concluirse a más tardar el " + MailTexts.date(screeningDue, Languages.ES), link);
    assertThat(outbox.ofRequest(reference)).filteredOn(mail -> mail.recipient().equals(admin) || mail.recipient().equals(MANAGER))
        .as("the managers get the overdue mail instead of the generic task mail")
        .extracting(Outbox.Entry::kind, Outbox.Entry::recipient, Outbox.Entry::language)
        .containsExactlyInAnyOrder(tuple(MailKind.SCREENING_OVERDUE, MANAGER, "en"), tuple(MailKind.SCREENING_OVERDUE, admin, "es"));
  }

  // --- assignment ----------------------------------------------------------------------------

  @Test
  void theStateIsToldOfTheAssignmentWhenTheOfficeAcceptsNotWhenTheRulesProposeIt() throws Exception {
    ProcessInstance pi = requestAssignedToOffice(kenya());
    String reference = pi.getBusinessKey();

    List<MimeMessage> offered = delivered(reference, kind("Accept or decline the assignment"), 1);
    assertThat(recipients(offered)).containsExactly(NAIROBI);
    assertThat(outbox.ofRequest(reference)).extracting(Outbox.Entry::kind).doesNotContain(MailKind.ASSIGNED);

    officeAccepts(pi);
    List<MimeMessage> assigned = delivered(reference, kind("assigned to a UNODC office"), 2);
    assertThat(recipients(assigned)).containsExactlyInAnyOrder(KEN_FOCAL, REQUESTER);
    assertThat(plainText(to(assigned, KEN_FOCAL))).contains("Regional Office for Eastern Africa", "delivery of the assistance has now begun");
    // and the office hears of its next task
    assertThat(recipients(delivered(reference, kind("Plan the delivery activities"), 1))).containsExactly(NAIROBI);
  }

  @Test
  void theAssignedMailNamesTheOfficeInEachRecipientsLanguage() throws Exception {
    identityService.setUserInfo("ken.focal", Recipients.LOCALE_INFO, "fr");
    arabicFocalPointOfKenya();
    ProcessInstance pi = requestAssignedToOffice(kenya());
    String reference = pi.getBusinessKey();
    officeAccepts(pi);

    List<Outbox.Entry> written = outbox.ofRequest(reference).stream().filter(mail -> mail.kind() == MailKind.ASSIGNED).toList();
    assertThat(written).extracting(Outbox.Entry::recipient, Outbox.Entry::language)
        .containsExactlyInAnyOrder(tuple(KEN_FOCAL, "fr"), tuple(KEN_FOCAL_AR_MAIL, "ar"), tuple(REQUESTER, "en"));
    List<String> subjects = written.stream().map(Outbox.Entry::subject).toList();
    List<MimeMessage> assigned = delivered(reference, mail -> subjects.contains(subject(mail)), 3);

    MimeMessage french = to(assigned, KEN_FOCAL);
    assertThat(french.getSubject()).isEqualTo("Demande " + reference + " attribuée à un bureau de l'ONUDC");
    assertThat(plainText(french)).contains("en consultation avec les autorités de votre État : Bureau régional pour l'Afrique de l'Est.")
        .doesNotContain("Regional Office for Eastern Africa");
    MimeMessage arabic = to(assigned, KEN_FOCAL_AR_MAIL);
    assertThat(arabic.getContentLanguage()).containsExactly("ar");
    assertThat(plainText(arabic)).contains("المكتب الإقليمي لشرق أفريقيا").doesNotContain("Regional Office for Eastern Africa");
    assertThat(plainText(to(assigned, REQUESTER))).as("a reader without a language of their own: English")
        .contains("with the authorities of your State: Regional Office for Eastern Africa.");
  }

  // --- closure -------------------------------------------------------------------------------

  @Test
  void aDeclinedRequestIsClosedWithTheOutcomeAndTheReasonInWords() throws Exception {
    ProcessInstance pi = submit(kenya());
    String reference = pi.getBusinessKey();
    complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "DECLINE",
        DECLINE_REASON, "Electoral assistance is outside the mandate of UNODC."));

    List<MimeMessage> closed = delivered(reference, kind("closed"), 2);
    MimeMessage mail = to(closed, KEN_FOCAL);
    assertThat(mail.getSubject()).isEqualTo("Request " + reference + " closed: declined");
    assertThat(plainText(mail)).contains("has been closed", "not in a position to provide the assistance requested",
        "Reason: Electoral assistance is outside the mandate of UNODC.");
  }

  @Test
  void aWithdrawnRequestIsClosedWithItsOutcomeInTheRecipientsLanguage() throws Exception {
    identityService.setUserInfo("ken.focal", Recipients.LOCALE_INFO, "es");
    ProcessInstance pi = submit(kenya());
    String reference = pi.getBusinessKey();
    runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceBusinessKey(reference)
        .setVariable(WITHDRAWAL_REASON, "Covered by the national programme").correlate();

    List<MimeMessage> closed = delivered(reference, mail -> subject(mail).contains("closed") || subject(mail).contains("cerrada"), 2);
    assertThat(to(closed, KEN_FOCAL).getSubject()).isEqualTo("Solicitud " + reference + " cerrada: retirada");
    assertThat(plainText(to(closed, KEN_FOCAL))).contains("Motivo: Covered by the national programme");
    assertThat(to(closed, REQUESTER).getSubject()).isEqualTo("Request " + reference + " closed: withdrawn");
  }

  @Test
  void aCompletedRequestIsClosedAsDelivered() throws Exception {
    ProcessInstance pi = requestInReporting(kenya());
    String reference = pi.getBusinessKey();
    writeFinalReport(pi);
    List<MimeMessage> feedback = delivered(reference, kind("your feedback is requested"), 2);
    assertThat(recipients(feedback)).containsExactlyInAnyOrder(KEN_FOCAL, REQUESTER);
    assertThat(plainText(to(feedback, KEN_FOCAL))).contains("Feedback may be given in the UponRequest portal:\n"
        + "https://uponrequest.example.org/portal/requests/" + reference + "/tasks/" + task(GIVE_FEEDBACK, pi).getId());
    complete(task(GIVE_FEEDBACK, pi), withVariables(SATISFACTION_RATING, 5, FEEDBACK_COMMENTS, "Timely and useful."));
    complete(task(CLOSE_REQUEST, pi), withVariables(CLOSURE_NOTES, "Internal: all results delivered."));

    MimeMessage closed = to(delivered(reference, kind("closed"), 2), KEN_FOCAL);
    assertThat(closed.getSubject()).isEqualTo("Request " + reference + " closed: assistance delivered");
    assertThat(plainText(closed)).doesNotContain("all results delivered");
  }

  // --- regional requests -------------------------------------------------------------------------

  @Test
  void aCoRequestingStateIsAskedToConfirmItsParticipation() throws Exception {
    ProcessInstance pi = submit(kenya().putValueTyped(CO_REQUESTING_STATES, VariableValues.json(List.of("UGA"))));
    String reference = pi.getBusinessKey();
    accept(pi);

    List<MimeMessage> asked = delivered(reference, kind("confirmation of participation"), 1);
    assertThat(recipients(asked)).as("Uganda's focal points only: not Kenya's, not the requester").containsExactly(UGA_FOCAL);
    ProcessInstance participation = runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    Task confirm = task(Notifications.CONFIRM_PARTICIPATION, participation);
    assertThat(plainText(asked.get(0))).contains("submitted by a lead State (Kenya)", "Strengthening the criminal justice response",
        "Your State may give its answer in the UponRequest portal:\n"
            + "https://uponrequest.example.org/portal/requests/" + reference + "/tasks/" + confirm.getId());
  }

  // --- failures ------------------------------------------------------------------------------

  @Test
  void withTheSmtpServerDownTheStepCommitsAndItsMailsAreRetriedOnceItIsBack() throws Exception {
    smtp.stop();
    ProcessInstance pi = submit(kenya());
    String reference = pi.getBusinessKey();
    assertThat(task(SCREEN_REQUEST, pi)).as("the step is committed").isNotNull();

    List<Outbox.Entry> failed = awaitRows(reference, rows -> rows.size() == 3
        && rows.stream().allMatch(row -> row.status() == OutboxStatus.FAILED));
    Instant now = Instant.now();
    assertThat(failed).allSatisfy(row -> {
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.error()).isNotBlank();
      assertThat(row.nextAttempt()).isAfter(now.plusSeconds(30)).isBefore(now.plusSeconds(90));
    });
    assertThat(sender.sendDue(now)).as("not due before the backoff ran out").isZero();

    smtp = startSmtp();
    assertThat(sender.sendDue(now.plus(Duration.ofMinutes(2)))).isGreaterThanOrEqualTo(3);
    assertThat(recipients(delivered(reference, 3))).containsExactlyInAnyOrder(KEN_FOCAL, REQUESTER, INTAKE);
    assertThat(outbox.ofRequest(reference)).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo(OutboxStatus.SENT);
      assertThat(row.attempts()).isEqualTo(2);
    });
  }

  @Test
  void aMailThatKeepsFailingIsGivenUpAfterTheConfiguredAttempts() {
    smtp.stop();
    String reference = submit(kenya()).getBusinessKey();
    awaitRows(reference, rows -> rows.size() == 3 && rows.stream().allMatch(row -> row.status() == OutboxStatus.FAILED));
    Instant now = Instant.now();
    sender.sendDue(now.plus(Duration.ofMinutes(2)));
    assertThat(outbox.ofRequest(reference)).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo(OutboxStatus.FAILED);
      assertThat(row.attempts()).isEqualTo(2);
    });
    sender.sendDue(now.plus(Duration.ofMinutes(10)));
    assertThat(outbox.ofRequest(reference)).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo(OutboxStatus.GAVE_UP);
      assertThat(row.attempts()).isEqualTo(3);
      assertThat(row.nextAttempt()).isNull();
    });
    smtp = startSmtp();
    assertThat(sender.sendDue(now.plus(Duration.ofDays(1)))).as("given up for good").isZero();
  }

  @Test
  void aMailGivenUpIsAnIncidentInCockpitAndRetryingItThereSendsIt() {
    smtp.stop();
    String reference = submit(kenya()).getBusinessKey();
    awaitRows(reference, rows -> rows.size() == 3 && rows.stream().allMatch(row -> row.status() == OutboxStatus.FAILED));
    Instant now = Instant.now();
    sender.sendDue(now.plus(Duration.ofMinutes(2)));
    assertThat(undeliveredMails(reference)).as("not handed over while attempts are left").isEmpty();
    sender.sendDue(now.plus(Duration.ofMinutes(10)));

    List<ProcessInstance> handedOver = undeliveredMails(reference);
    assertThat(handedOver).as("one instance per mail given up, named by the request").hasSize(3);
    Outbox.Entry receipt = outbox.ofRequest(reference).stream().filter(row -> row.recipient().equals(KEN_FOCAL))
        .findFirst().orElseThrow();
    ProcessInstance mail = handedOver.stream()
        .filter(instance -> runtimeService().getVariable(instance.getId(), UndeliveredMails.MAIL_ID).equals(receipt.id()))
        .findFirst().orElseThrow();
    assertThat(runtimeService().getVariables(mail.getId())).containsEntry(UndeliveredMails.RECIPIENT, KEN_FOCAL)
        .containsEntry(UndeliveredMails.SUBJECT, receipt.subject()).containsEntry(UndeliveredMails.LAST_ERROR, receipt.error());

    // the engine's one attempt fails as well: an incident, with the mail server's answer as its message
    Job sendAgain = managementService.createJobQuery().processInstanceId(mail.getId()).singleResult();
    assertThat(sendAgain.getRetries()).isPositive();
    assertThatThrownBy(() -> managementService.executeJob(sendAgain.getId())).hasMessageContaining("was not delivered");
    Incident incident = runtimeService().createIncidentQuery().processInstanceId(mail.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(UndeliveredMails.SEND_AGAIN);
    assertThat(incident.getIncidentMessage()).startsWith("Mail " + receipt.id() + " to " + KEN_FOCAL + " about " + reference)
        .contains(receipt.subject()).containsIgnoringCase("connect");
    assertThat(outbox.ofRequest(reference)).filteredOn(row -> row.id() == receipt.id())
        .extracting(Outbox.Entry::status).containsExactly(OutboxStatus.GAVE_UP);

    // Cockpit's "Retry" gives the job a retry; with the server still down, a fresh incident
    managementService.setJobRetries(sendAgain.getId(), 1);
    assertThat(runtimeService().createIncidentQuery().processInstanceId(mail.getId()).count()).isZero();
    assertThatThrownBy(() -> managementService.executeJob(sendAgain.getId())).isInstanceOf(RuntimeException.class);
    assertThat(runtimeService().createIncidentQuery().processInstanceId(mail.getId()).count()).isOne();

    // the server is back: retrying in Cockpit sends the mail, once, and the instance ends
    smtp = startSmtp();
    managementService.setJobRetries(sendAgain.getId(), 1);
    managementService.executeJob(sendAgain.getId());
    assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(mail.getId()).count()).isZero();
    assertThat(runtimeService().createIncidentQuery().processInstanceId(mail.getId()).count()).isZero();
    assertThat(outbox.ofRequest(reference)).filteredOn(row -> row.id() == receipt.id()).singleElement()
        .satisfies(row -> assertThat(row.status()).isEqualTo(OutboxStatus.SENT));
    assertThat(recipients(delivered(reference, 1))).containsExactly(KEN_FOCAL);
    assertThat(sender.sendDue(now.plus(Duration.ofDays(1)))).as("the others stay with the engine").isZero();
    assertThat(undeliveredMails(reference)).hasSize(2);
  }

  private List<ProcessInstance> undeliveredMails(String reference) {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(UndeliveredMails.PROCESS_KEY)
        .processInstanceBusinessKey(reference).list();
  }

  @Test
  void aRolledBackStepWritesNoMailAndSendsNone() throws Exception {
    ProcessInstance pi = submit(kenya());
    String reference = pi.getBusinessKey();
    delivered(reference, 3);

    new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
      complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "CLARIFY", CLARIFICATION_QUESTION, "Which agencies would take part?"));
      assertThat(outbox.ofRequest(reference)).as("written in the step's transaction").hasSize(5);
      transaction.setRollbackOnly();
    });

    assertThat(task(SCREEN_REQUEST, pi)).as("the step was rolled back").isNotNull();
    assertThat(outbox.ofRequest(reference)).hasSize(3);
    Thread.sleep(1000);
    assertThat(mailsAbout(reference)).hasSize(3);
  }

  @Test
  void twoNodesClaimingOneMailSendItOnce() {
    Instant later = Instant.now().plus(Duration.ofDays(30)); // not due for this node's own sender yet
    outbox.add(List.of(new Mail(MailKind.RECEIVED, "TA-1999-00042", null, "someone@example.org", null, "en",
        "Claimed once", "Body", null)), OutboxStatus.PENDING, later);
    long id = outbox.due(later, 1000).stream().mapToLong(Long::longValue).max().orElseThrow();

    assertThat(outbox.claim(id, "node-a", later, later.plus(Duration.ofMinutes(10)))).isPresent();
    assertThat(outbox.claim(id, "node-b", later, later.plus(Duration.ofMinutes(10)))).as("already claimed").isEmpty();
    // node A stops while sending; once its claim runs out node B may take the mail over
    Instant afterClaim = later.plus(Duration.ofMinutes(11));
    assertThat(outbox.claim(id, "node-b", afterClaim, afterClaim.plus(Duration.ofMinutes(10))))
        .hasValueSatisfying(mail -> assertThat(mail.attempts()).isEqualTo(2));
    assertThat(outbox.sent(id, "node-a", afterClaim)).as("node A lost its claim").isFalse();
    assertThat(outbox.sent(id, "node-b", afterClaim)).isTrue();
    assertThat(outbox.ofRequest("TA-1999-00042")).extracting(Outbox.Entry::status).containsExactly(OutboxStatus.SENT);
  }

  // --- helpers -------------------------------------------------------------------------------

  private static VariableMap kenya(String... areas) {
    return submission("KEN", areas.length == 0 ? new String[] {"CORRUPTION"} : areas).putValue(REQUESTER_EMAIL, REQUESTER);
  }

  /** A second focal point of Kenya with an address, who chose Arabic (removed after the test). */
  private void arabicFocalPointOfKenya() {
    var user = identityService.newUser(KEN_FOCAL_AR);
    user.setFirstName("Amina");
    user.setLastName("Mwangi");
    user.setEmail(KEN_FOCAL_AR_MAIL);
    identityService.saveUser(user);
    identityService.createMembership(KEN_FOCAL_AR, "focal-KEN");
    identityService.setUserInfo(KEN_FOCAL_AR, Recipients.LOCALE_INFO, "ar");
  }

  /** Kenya's request, with a question from HQ intake the state has not answered; its first mails delivered. */
  private ProcessInstance clarificationAsked() {
    ProcessInstance pi = submit(kenya());
    complete(task(SCREEN_REQUEST, pi), withVariables(SCREENING_OUTCOME, "CLARIFY",
        CLARIFICATION_QUESTION, "Which ministries would take part in the training?",
        SCREENING_NOTES, "Internal: the ministry's letter is still missing"));
    delivered(pi.getBusinessKey(), 5);
    return pi;
  }

  private ProcessInstance requestAssignedToOffice(VariableMap request) {
    ProcessInstance pi = submit(request);
    accept(pi);
    keepAssessedPriority(pi);
    fund(pi);
    return pi;
  }

  private ProcessInstance requestInReporting(VariableMap request) {
    ProcessInstance pi = requestAssignedToOffice(request);
    officeAccepts(pi);
    planDelivery(pi, List.of(activity("CAPACITY_BUILDING", "Workshop for prosecutors", "2027-03-01", "2027-03-03", 25)));
    recordActivity(pi, 27, "Workshop held; pre/post tests show improved knowledge.");
    return pi;
  }

  private static Predicate<MimeMessage> kind(String inSubject) {
    return mail -> subject(mail).contains(inSubject);
  }

  private static List<MimeMessage> delivered(String reference, int count) {
    return delivered(reference, mail -> true, count);
  }

  /** Waits for exactly {@code count} mails about the request that match, and returns them. */
  private static List<MimeMessage> delivered(String reference, Predicate<MimeMessage> which, int count) {
    long until = System.nanoTime() + WAIT.toNanos();
    List<MimeMessage> found;
    do {
      found = mailsAbout(reference).stream().filter(which).toList();
      if (found.size() >= count) {
        break;
      }
      sleep(100);
    } while (System.nanoTime() < until);
    assertThat(found).as("mails about %s: %s", reference, subjects(mailsAbout(reference))).hasSize(count);
    return found;
  }

  private static List<MimeMessage> mailsAbout(String reference) {
    return List.of(smtp.getReceivedMessages()).stream().filter(mail -> subject(mail).contains(reference)).toList();
  }

  private List<Outbox.Entry> awaitRows(String reference, Predicate<List<Outbox.Entry>> done) {
    long until = System.nanoTime() + WAIT.toNanos();
    List<Outbox.Entry> rows = outbox.ofRequest(reference);
    while (!done.test(rows) && System.nanoTime() < until) {
      sleep(100);
      rows = outbox.ofRequest(reference);
    }
    assertThat(done.test(rows)).as("outbox rows of %s: %s", reference, rows).isTrue();
    return rows;
  }

  private static MimeMessage to(List<MimeMessage> mails, String address) {
    return mails.stream().filter(mail -> recipients(List.of(mail)).contains(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no mail to " + address + " among " + recipients(mails)));
  }

  private static List<String> recipients(List<MimeMessage> mails) {
    List<String> addresses = new ArrayList<>();
    for (MimeMessage mail : mails) {
      try {
        for (var address : mail.getRecipients(Message.RecipientType.TO)) {
          addresses.add(address.toString());
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return addresses;
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject() == null ? "" : mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subjects(List<MimeMessage> mails) {
    return mails.stream().map(NotificationMailTest::subject).collect(Collectors.joining(" | "));
  }

  private static String plainText(MimeMessage mail) throws Exception {
    return part(mail, "text/plain");
  }

  private static String html(MimeMessage mail) throws Exception {
    return part(mail, "text/html");
  }

  /** The first part of this type, however deep the multipart nesting. */
  private static String part(MimeMessage mail, String type) throws Exception {
    String found = part(mail.getContent(), type);
    if (found == null) {
      throw new AssertionError("no " + type + " part in " + subject(mail));
    }
    return found.replace("\r\n", "\n");
  }

  private static String part(Object content, String type) throws Exception {
    if (content instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var body = multipart.getBodyPart(i);
        if (body.isMimeType(type)) {
          return body.getContent().toString();
        }
        String nested = part(body.getContent(), type);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  private static GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
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
}
