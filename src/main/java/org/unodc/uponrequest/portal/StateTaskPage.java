package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.multipart.MultipartFile;
import org.unodc.uponrequest.documents.DocumentRefused;
import org.unodc.uponrequest.documents.DocumentType;
import org.unodc.uponrequest.documents.Documents;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unodc.uponrequest.portal.PortalSteps.Step;
import org.unodc.uponrequest.portal.forms.PortalForm;
import org.unodc.uponrequest.portal.forms.PortalForms;
import org.unodc.uponrequest.portal.forms.SubmittedForm;

/**
 * A step that waits on the state (answer a question, confirm taking part, revise, give
 * feedback), from its own form. The task must be one of the state's on this request; it is
 * submitted as the signed-in focal point, so the engine judges it as through any other door. A
 * refused answer comes back with its errors and a 400 (or the refused document's own status).
 */
@Controller
class StateTaskPage {

  static final String PATH = PortalPages.HOME + "/{reference}/tasks/{taskId}";

  private final StateRequests requests;
  private final PortalStates portalStates;
  private final PortalSteps steps;
  private final PortalForms forms;
  private final PortalLabels labels;
  private final StateActions actions;
  private final ContractReasons reasons;
  private final MessageSource messages;

  StateTaskPage(StateRequests requests, PortalStates portalStates, PortalSteps steps, PortalForms forms,
      PortalLabels labels, StateActions actions, MessageSource messages, ContractReasons reasons) {
    this.reasons = reasons;
    this.messages = messages;
    this.requests = requests;
    this.portalStates = portalStates;
    this.steps = steps;
    this.forms = forms;
    this.labels = labels;
    this.actions = actions;
  }

  @GetMapping(PATH)
  String show(Authentication caller, @PathVariable String reference, @PathVariable String taskId, Model model) {
    Open open = open(caller, reference, taskId, false);
    return page(model, open, forms.show(open.step().schema(), open.step().shown(), LocaleContextHolder.getLocale()));
  }

  @PostMapping(PATH)
  String submit(Authentication caller, @PathVariable String reference, @PathVariable String taskId,
      @RequestParam MultiValueMap<String, String> posted,
      @RequestParam(name = AttachedFile.FIELD, required = false) MultipartFile attached, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    Open open = open(caller, reference, taskId, true);
    Step step = open.step();
    posted = new org.springframework.util.LinkedMultiValueMap<>(posted);
    posted.remove(AttachedFile.FIELD);
    posted.remove("_csrf");
    SubmittedForm read = forms.read(step.schema(), posted, LocaleContextHolder.getLocale());
    Map<String, String> errors = new LinkedHashMap<>(read.errors());
    if (errors.isEmpty()) {
      StateActions.Outcome done;
      try {
        done = actions.complete(caller, open.request(), open.task(), step, read.variables(), AttachedFile.of(attached));
      } catch (DocumentRefused refused) {
        model.addAttribute("documentError",
            messages.getMessage(refused.messageKey(), refused.arguments(), LocaleContextHolder.getLocale()));
        model.addAttribute("refused", true);
        response.setStatus(refused.getStatusCode().value());
        return page(model, open, forms.redisplay(step.schema(), step.shown(), posted, Map.of(), LocaleContextHolder.getLocale()));
      }
      if (done.done()) {
        redirect.addFlashAttribute("done", "task.done." + open.task().step());
        return "redirect:" + PortalPages.HOME + "/" + reference;
      }
      errors.putAll(reasons.inLanguage(done.errors(), LocaleContextHolder.getLocale()));
    }
    model.addAttribute("refused", true);
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(model, open, forms.redisplay(step.schema(), step.shown(), posted, errors, LocaleContextHolder.getLocale()));
  }

  /** The request, one of its tasks waiting on the state, and the task's form. */
  private record Open(RequestForState request, RequestForState.Task task, Step step) {}

  /**
   * The request, and its task waiting on the state. A task that no longer waits is not found (404),
   * except for an answer sent to it ({@code answering}): then the state is told it was answered
   * already, or closed (409), as when two focal points answer the same step.
   */
  private Open open(Authentication caller, String reference, String taskId, boolean answering) {
    Set<String> states = portalStates.of(caller);
    RequestForState request = requests.find(states, reference)
        .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference", "No such request among the state's."));
    RequestForState.Task task = request.waitingOnYou().stream().filter(t -> t.id().equals(taskId)).findFirst()
        .orElseThrow(() -> (answering ? requests.closedStep(request, taskId, null).map(StateActions::noLongerWaiting)
            : java.util.Optional.<PortalProblem>empty())
            .orElseGet(() -> new PortalProblem(HttpStatus.NOT_FOUND, "task", "No such task waiting on the state.")));
    Map<String, Object> given = new LinkedHashMap<>();
    Object lead = request.fields().get(MEMBER_STATE);
    if (lead != null) {
      given.put(LEAD_STATE_NAME, labels.state(lead.toString()));
    }
    Object areas = request.fields().get(THEMATIC_AREAS);
    if (areas != null) {
      given.put(THEMATIC_AREA_LABELS, String.join(", ", org.unodc.uponrequest.process.VariableValues
          .strings(areas.toString()).stream().map(labels::area).toList()));
    }
    return new Open(request, task, steps.ofTask(taskId, given));
  }

  private String page(Model model, Open open, PortalForm form) {
    model.addAttribute("accept", DocumentType.acceptAttribute());
    model.addAttribute("maxMb", Documents.MAX_SIZE_MB);
    model.addAttribute("maxCount", Documents.MAX_PER_REQUEST);
    model.addAttribute("request", open.request());
    model.addAttribute("task", open.task());
    model.addAttribute("form", form);
    model.addAttribute("requestTitle", open.request().fields().get(TITLE));
    return "portal/task";
  }
}
