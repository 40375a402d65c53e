package org.unodc.uponrequest.notifications;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unodc.uponrequest.notifications.MailTexts.Audience;
import org.unodc.uponrequest.portal.Languages;
import org.unodc.uponrequest.portal.PortalLabels;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.Outcome;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * Which mails a moment of the process causes, to whom and in which words, written to the outbox in
 * that moment's transaction. A member state is told of what concerns it (receipt, a question or a
 * revision asked of it, a reminder of a question still open, a confirmation of participation,
 * assignment to an office, a feedback to give, closure), in words that use only what the state may
 * see of its request ({@code ProcessVariables.STATE_VISIBLE}): never UNODC's internal notes.
 * Officers are told when a task reaches their group; managers, in plain words, when a screening is
 * overdue.
 *
 * <p>Writing never fails a step for a mail's sake: a mail that cannot be composed (a recipient
 * lookup or a text gone wrong) is logged and left out. Sending happens after commit, elsewhere
 * ({@link OutboxSender}).
 */
@Component
public class Notifications {

  static final String CONFIRM_PARTICIPATION = "Activity_ConfirmParticipation";

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final String FOCAL_PREFIX = Groups.focalPoints("");

  private final Outbox outbox;
  private final MailTexts texts;
  private final Recipients recipients;
  private final Links links;
  private final PortalLabels names;
  private final OutboxSender sender;
  private final OpenSteps openSteps;
  private final Clock clock;

  Notifications(Outbox outbox, MailTexts texts, Recipients recipients, Links links, PortalLabels names,
      OutboxSender sender, OpenSteps openSteps, Clock clock) {
    this.outbox = outbox;
    this.texts = texts;
    this.recipients = recipients;
    this.links = links;
    this.names = names;
    this.sender = sender;
    this.openSteps = openSteps;
    this.clock = clock;
  }

  // --- the moments --------------------------------------------------------------------------

  /** The request is registered (end of "Register the request"): receipt, with the reference number. */
  void received(DelegateExecution execution) {
    write(execution.getProcessInstanceId(), () -> toLeadState(execution, MailKind.RECEIVED, List.of(),
        language -> Map.of("date", MailTexts.date(date(execution, SUBMITTED_AT), language))));
  }

  /**
   * An office accepted the request: the milestone "Delivery started" (stage {@code DELIVERY}),
   * which the process reaches only on the office's acceptance. The office the rules proposed is not
   * yet the state's office: it may decline and hand the request on. The office is named in the
   * reader's language (the portal's translation of its code), in English only if its code has none.
   */
  void assigned(DelegateExecution execution) {
    write(execution.getProcessInstanceId(), () -> {
      String office = text(execution, ASSIGNED_OFFICE, null);
      String english = text(execution, ASSIGNED_OFFICE_NAME, null);
      return toLeadState(execution, MailKind.ASSIGNED, List.of(),
          language -> Map.of("office", names.office(office, english, language)));
    });
  }

  /**
   * The reminder on an open question fired ("Reminder sent", after "Remind the focal points"): the
   * lead state's focal points are reminded of the question, of the day after which the request is
   * withdrawn (the deadline's timer, which withdraws it) and of where to answer. Nothing if the
   * question was answered meanwhile. Not the requester's address: only focal points answer in the portal.
   */
  void reminded(DelegateExecution execution) {
    String request = execution.getProcessInstanceId();
    write(request, () -> {
      Optional<Task> clarification = openSteps.task(request, TechnicalAssistanceProcess.PROVIDE_CLARIFICATION);
      String state = text(execution, MEMBER_STATE, null);
      if (clarification.isEmpty() || state == null) {
        return List.of();
      }
      Date withdrawn = openSteps.timer(request, TechnicalAssistanceProcess.CLARIFICATION_DEADLINE)
          .orElse(clarification.get().getDueDate());
      String reference = reference(execution);
      String link = reference == null ? null : links.step(reference, clarification.get().getId());
      List<Mail> mails = new ArrayList<>();
      for (Recipient recipient : Recipients.distinct(recipients.membersOf(Groups.focalPoints(state)))) {
        Languages language = recipient.language();
        Map<String, String> values = requestValues(execution, language);
        values.put("question", text(execution, CLARIFICATION_QUESTION, ""));
        values.put("due", MailTexts.date(withdrawn, language));
        mails.add(stateMail(MailKind.REMINDER, execution, recipient, values, List.of(), MailTexts.ANSWER_LINK, link));
      }
      return mails;
    });
  }

  /** The request ended, however: its end event set {@code outcome} (a request deleted by an administrator has none). */
  void closed(DelegateExecution execution) {
    String outcome = text(execution, OUTCOME, null);
    if (outcome == null) {
      return;
    }
    String reason = switch (Outcome.valueOf(outcome)) {
      case DECLINED -> text(execution, DECLINE_REASON, null);
      case WITHDRAWN -> text(execution, WITHDRAWAL_REASON, null);
      default -> null;
    };
    write(execution.getProcessInstanceId(), () -> {
      List<Mail> mails = new ArrayList<>();
      for (Recipient recipient : leadState(execution)) {
        Languages language = recipient.language();
        Map<String, String> values = requestValues(execution, language);
        values.put("outcome", texts.text("mail.outcome." + outcome, language, values));
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(texts.text("mail.outcome." + outcome + ".text", language, values));
        if (reason != null && !reason.isBlank()) {
          paragraphs.add(texts.text("mail.closed.reason", language, Map.of("reason", reason)));
        }
        mails.add(stateMail(MailKind.CLOSED, execution, recipient, values, paragraphs));
      }
      return mails;
    });
  }

  /**
   * A user task was created: a state's step goes to that state's focal points (and, for the lead
   * state, the requester's address), any other to every member of its candidate groups.
   */
  void taskCreated(DelegateTask task) {
    Set<String> stateGroups = new LinkedHashSet<>();
    Set<String> staffGroups = new LinkedHashSet<>();
    for (IdentityLink candidate : task.getCandidates()) {
      if (candidate.getGroupId() != null) {
        (candidate.getGroupId().startsWith(FOCAL_PREFIX) ? stateGroups : staffGroups).add(candidate.getGroupId());
      }
    }
    if (!stateGroups.isEmpty()) {
      write(task.getProcessInstanceId(), () -> toState(task, stateGroups));
    }
    if (!staffGroups.isEmpty()) {
      write(task.getProcessInstanceId(), () -> toStaff(task, staffGroups));
    }
  }

  // --- composing -----------------------------------------------------------------------------

  private interface Values {
    Map<String, String> in(Languages language);
  }

  private interface Compose {
    List<Mail> mails();
  }

  private List<Mail> toLeadState(DelegateExecution execution, MailKind kind, List<String> paragraphs, Values extra) {
    List<Mail> mails = new ArrayList<>();
    for (Recipient recipient : leadState(execution)) {
      Map<String, String> values = requestValues(execution, recipient.language());
      values.putAll(extra.in(recipient.language()));
      mails.add(stateMail(kind, execution, recipient, values, paragraphs));
    }
    return mails;
  }

  private List<Mail> toState(DelegateTask task, Set<String> groups) {
    String key = task.getTaskDefinitionKey();
    String leadState = text(task, MEMBER_STATE, null);
    boolean participation = CONFIRM_PARTICIPATION.equals(key);
    List<Recipient> people = new ArrayList<>();
    for (String group : groups) {
      people.addAll(recipients.membersOf(group));
    }
    // the requester named on the form hears of the lead state's steps, not of another state's
    String requester = text(task, REQUESTER_EMAIL, null);
    if (!participation && requester != null && !requester.isBlank() && groups.contains(Groups.focalPoints(leadState))) {
      people.add(recipients.address(requester));
    }
    MailKind kind = switch (key) {
      case TechnicalAssistanceProcess.PROVIDE_CLARIFICATION -> MailKind.QUESTION;
      case TechnicalAssistanceProcess.REVISE_REQUEST -> MailKind.REVISION;
      case TechnicalAssistanceProcess.GIVE_FEEDBACK -> MailKind.FEEDBACK;
      case CONFIRM_PARTICIPATION -> MailKind.PARTICIPATION;
      default -> MailKind.STATE_TASK;
    };
    // a step the portal has a form for is linked to that form, introduced by words that say what to do there
    String linkKey = MailTexts.stepLinkKey(kind);
    String reference = reference(task);
    String link = reference == null ? null : linkKey == null ? links.request(reference) : links.step(reference, task.getId());
    List<Mail> mails = new ArrayList<>();
    for (Recipient recipient : Recipients.distinct(people)) {
      Languages language = recipient.language();
      Map<String, String> values = requestValues(task, language);
      values.put("due", MailTexts.date(task.getDueDate(), language));
      values.put("task", nonNull(task.getName()));
      switch (kind) {
        case QUESTION -> values.put("question", text(task, CLARIFICATION_QUESTION, ""));
        case REVISION -> values.put("question", text(task, REVISION_REQUEST, ""));
        case PARTICIPATION -> values.put("leadState", leadStateOfParticipation(task, language));
        default -> { }
      }
      mails.add(stateMail(kind, task, recipient, values, List.of(), linkKey == null ? Audience.STATE.linkKey() : linkKey, link));
    }
    return mails;
  }

  /**
   * Officers' mails: the task and where to open it. The follow-up of an overdue screening says so
   * plainly, with the day the screening was due, since its task name alone reads as any other task.
   */
  private List<Mail> toStaff(DelegateTask task, Set<String> groups) {
    boolean overdueScreening = TechnicalAssistanceProcess.FOLLOW_UP_OVERDUE_SCREENING.equals(task.getTaskDefinitionKey());
    // a task of a process that is no request (the implementation report's review) has no request to name
    boolean ofARequest = reference(task) != null;
    MailKind kind = overdueScreening ? MailKind.SCREENING_OVERDUE : ofARequest ? MailKind.TASK : MailKind.PROCESS_TASK;
    Date screeningDue = null;
    if (overdueScreening) {
      // the screening's own due date; failing that, now: its overdue timer fires at that date
      screeningDue = openSteps.task(task.getProcessInstanceId(), TechnicalAssistanceProcess.SCREEN_REQUEST)
          .map(Task::getDueDate).orElseGet(ClockUtil::getCurrentTime);
    }
    // one mail per person, naming the first of their groups the task went to
    Map<String, Recipient> people = new LinkedHashMap<>();
    Map<String, String> groupOf = new HashMap<>();
    for (String group : groups) {
      for (Recipient member : recipients.membersOf(group)) {
        if (people.putIfAbsent(member.address().toLowerCase(java.util.Locale.ROOT), member) == null) {
          groupOf.put(member.address().toLowerCase(java.util.Locale.ROOT), group);
        }
      }
    }
    String link = links.task(task.getId());
    List<Mail> mails = new ArrayList<>();
    for (var person : people.entrySet()) {
      Recipient recipient = person.getValue();
      Languages language = recipient.language();
      Map<String, String> values = requestValues(task, language);
      values.put("task", nonNull(task.getName()));
      values.put("group", groupOf.get(person.getKey()));
      if (!ofARequest) {
        values.put("process", processName(task));
      }
      if (overdueScreening) {
        values.put("date", MailTexts.date(date(task, SUBMITTED_AT), language));
        // the screening's due date; the follow-up's own is the paragraph below
        values.put("due", MailTexts.date(screeningDue, language));
      }
      List<String> paragraphs = task.getDueDate() == null ? List.of()
          : List.of(texts.text("mail.task.due", language, Map.of("due", MailTexts.date(task.getDueDate(), language))));
      MailTexts.Text text = texts.compose(kind, language, Audience.STAFF, values, paragraphs, link);
      mails.add(new Mail(kind, reference(task), task.getProcessInstanceId(), recipient.address(), recipient.user(),
          language.code(), text.subject(), text.body(), link));
    }
    return mails;
  }

  private Mail stateMail(MailKind kind, VariableScope scope, Recipient recipient, Map<String, String> values,
      List<String> paragraphs) {
    String reference = reference(scope);
    return stateMail(kind, scope, recipient, values, paragraphs, Audience.STATE.linkKey(),
        reference == null ? null : links.request(reference));
  }

  /** A state's mail with its link introduced by the words of {@code linkKey}. */
  private Mail stateMail(MailKind kind, VariableScope scope, Recipient recipient, Map<String, String> values,
      List<String> paragraphs, String linkKey, String link) {
    String reference = reference(scope);
    MailTexts.Text text = texts.compose(kind, recipient.language(), Audience.STATE, values, paragraphs, linkKey, link);
    return new Mail(kind, reference, processInstanceId(scope), recipient.address(), recipient.user(),
        recipient.language().code(), text.subject(), text.body(), link);
  }

  /** The lead state's focal points and the requester's address from the form, one mail per address. */
  private List<Recipient> leadState(VariableScope scope) {
    List<Recipient> people = new ArrayList<>();
    String state = text(scope, MEMBER_STATE, null);
    if (state != null) {
      people.addAll(recipients.membersOf(Groups.focalPoints(state)));
    }
    String requester = text(scope, REQUESTER_EMAIL, null);
    if (requester != null && !requester.isBlank()) {
      people.add(recipients.address(requester));
    }
    return Recipients.distinct(people);
  }

  /** The name of the task's process as its model gives it, e.g. "Annual implementation report". */
  private static String processName(DelegateTask task) {
    ModelElementInstance element = task.getBpmnModelElementInstance();
    while (element != null && !(element instanceof org.camunda.bpm.model.bpmn.instance.Process)) {
      element = element.getParentElement();
    }
    return element == null ? "" : nonNull(((org.camunda.bpm.model.bpmn.instance.Process) element).getName());
  }

  /** What every mail about a request may say: its reference, title and state, in the reader's language. */
  private Map<String, String> requestValues(VariableScope scope, Languages language) {
    Map<String, String> values = new HashMap<>();
    values.put("reference", nonNull(reference(scope)));
    values.put("title", text(scope, TITLE, ""));
    String state = text(scope, MEMBER_STATE, "");
    values.put("state", names.state(state, state, language));
    return values;
  }

  /** The lead state of a regional request, named in the reader's language (the participation's caller holds it). */
  private String leadStateOfParticipation(DelegateTask task, Languages language) {
    DelegateExecution caller = task.getExecution() == null ? null : task.getExecution().getProcessInstance().getSuperExecution();
    String lead = caller == null ? null : text(caller, MEMBER_STATE, null);
    return lead == null ? text(task, LEAD_STATE_NAME, "")
        : names.state(lead, text(task, LEAD_STATE_NAME, lead), language);
  }

  // --- writing -----------------------------------------------------------------------------

  /**
   * Writes the mails in the current transaction; when they are to be sent, asks the sender to look
   * at the outbox once the transaction has committed (never before: a rolled-back step sends nothing).
   */
  private void write(String request, Compose compose) {
    List<Mail> mails;
    try {
      mails = compose.mails();
    } catch (RuntimeException e) {
      LOG.error("Notification for request {} not written: {}", request, e.toString(), e);
      return;
    }
    if (mails.isEmpty()) {
      return;
    }
    boolean send = sender.canSend();
    outbox.add(mails, send ? OutboxStatus.PENDING : OutboxStatus.NOT_SENT_NO_SMTP, clock.instant());
    if (send) {
      sendAfterCommit();
    }
  }

  private void sendAfterCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      sender.trigger();
    } else if (TransactionSynchronizationManager.getSynchronizations().stream().noneMatch(SendAfterCommit.class::isInstance)) {
      TransactionSynchronizationManager.registerSynchronization(new SendAfterCommit(sender));
    }
  }

  /** One per transaction that wrote mails to send: after its commit, the sender looks at the outbox. */
  private record SendAfterCommit(OutboxSender sender) implements TransactionSynchronization {
    @Override
    public void afterCommit() {
      sender.trigger();
    }
  }

  // --- variables ---------------------------------------------------------------------------

  private static String reference(VariableScope scope) {
    String reference = text(scope, REFERENCE_NUMBER, null);
    if (reference == null && scope instanceof DelegateExecution execution) {
      reference = execution.getProcessBusinessKey();
    }
    return reference;
  }

  private static String processInstanceId(VariableScope scope) {
    if (scope instanceof DelegateExecution execution) {
      return execution.getProcessInstanceId();
    }
    return scope instanceof DelegateTask task ? task.getProcessInstanceId() : null;
  }

  private static String text(VariableScope scope, String name, String otherwise) {
    Object value = scope.getVariable(name);
    return value == null ? otherwise : value.toString();
  }

  private static Date date(VariableScope scope, String name) {
    return scope.getVariable(name) instanceof Date date ? date : null;
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
