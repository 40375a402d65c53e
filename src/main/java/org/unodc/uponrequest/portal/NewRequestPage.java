package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unodc.uponrequest.intake.IdempotentFiling;
import org.unodc.uponrequest.portal.PortalSteps.Step;
import org.unodc.uponrequest.portal.forms.PortalForm;
import org.unodc.uponrequest.portal.forms.PortalForms;
import org.unodc.uponrequest.portal.forms.SubmittedForm;

/**
 * A new request from the process's own start form, for the focal point's state only. Filed as
 * the signed-in focal point (the engine checks the state and the form as at any door) and at
 * most once per rendered form: a double click or a resent post lands on the first request. A
 * refused form comes back with its errors and a 400 (or the refused document's own status).
 */
@Controller
class NewRequestPage {

  static final String PATH = PortalPages.HOME + "/new";
  static final String SUBMISSION = "submission";

  private final PortalStates portalStates;
  private final PortalSteps steps;
  private final PortalForms forms;
  private final StateActions actions;
  private final ContractReasons reasons;
  private final MessageSource messages;

  NewRequestPage(PortalStates portalStates, PortalSteps steps, PortalForms forms, StateActions actions,
      MessageSource messages, ContractReasons reasons) {
    this.reasons = reasons;
    this.messages = messages;
    this.portalStates = portalStates;
    this.steps = steps;
    this.forms = forms;
    this.actions = actions;
  }

  @GetMapping(PATH)
  String show(Authentication caller, Model model) {
    Set<String> states = portalStates.of(caller);
    Step step = steps.ofNewRequest();
    Map<String, Object> shown = new LinkedHashMap<>(step.shown());
    if (states.size() == 1) {
      shown.put(MEMBER_STATE, states.iterator().next());
    }
    return page(model, states, forms.show(step.schema(), shown, LocaleContextHolder.getLocale()), UUID.randomUUID().toString());
  }

  @PostMapping(PATH)
  String file(Authentication caller, @RequestParam MultiValueMap<String, String> posted,
      @RequestParam(name = AttachedFile.FIELD, required = false) MultipartFile attached, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    Set<String> states = portalStates.of(caller);
    String submission = posted.getFirst(SUBMISSION);
    if (submission == null || !IdempotentFiling.KEY.matcher(submission).matches()) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, SUBMISSION, "The form was not sent from its page.", "problem.400.form");
    }
    MultiValueMap<String, String> fields = new org.springframework.util.LinkedMultiValueMap<>(posted);
    fields.remove(SUBMISSION);
    fields.remove("_csrf");
    fields.remove(AttachedFile.FIELD);
    Step step = steps.ofNewRequest();
    SubmittedForm read = forms.read(step.schema(), fields, LocaleContextHolder.getLocale());
    Map<String, String> errors = new LinkedHashMap<>(read.errors());
    if (errors.isEmpty()) {
      StateActions.Outcome filed;
      try {
        filed = actions.file(caller, states, read.variables(), submission, AttachedFile.of(attached));
      } catch (DocumentRefused refused) {
        model.addAttribute("documentError", documentError(refused));
        model.addAttribute("refused", true);
        response.setStatus(refused.getStatusCode().value());
        return page(model, states, forms.redisplay(step.schema(), step.shown(), fields, Map.of(),
            LocaleContextHolder.getLocale()), submission);
      }
      if (filed.done()) {
        redirect.addFlashAttribute("done", filed.replayed() ? "newRequest.already" : "newRequest.done");
        return "redirect:" + PortalPages.HOME + "/" + filed.reference();
      }
      errors.putAll(reasons.inLanguage(filed.errors(), LocaleContextHolder.getLocale()));
    }
    model.addAttribute("refused", true);
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(model, states, forms.redisplay(step.schema(), step.shown(), fields, errors, LocaleContextHolder.getLocale()),
        submission);
  }

  private String documentError(DocumentRefused refused) {
    return messages.getMessage(refused.messageKey(), refused.arguments(), LocaleContextHolder.getLocale());
  }

  private String page(Model model, Set<String> states, PortalForm form, String submission) {
    model.addAttribute("accept", DocumentType.acceptAttribute());
    model.addAttribute("maxMb", Documents.MAX_SIZE_MB);
    model.addAttribute("maxCount", Documents.MAX_PER_REQUEST);
    // the state select offers the focal point's own states; other states' names stay in co-requesting
    model.addAttribute("form", form.narrowed(MEMBER_STATE, states::contains)
        .narrowed(CO_REQUESTING_STATES, other -> !states.contains(other)));
    model.addAttribute("submission", submission);
    return "portal/new-request";
  }
}
