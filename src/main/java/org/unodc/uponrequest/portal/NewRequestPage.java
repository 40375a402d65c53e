package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.security.ActingUser;

/**
 * A new request from the process's own start form, for the focal point's state only. Filed as
 * the signed-in focal point (the engine checks the state and the form as at any door) and at
 * most once per rendered form: a double click or a resent post lands on the first request.
 */
@Controller
class NewRequestPage {

  static final String PATH = PortalPages.HOME + "/new";
  static final String SUBMISSION = "submission";

  private final PortalStates portalStates;
  private final PortalSteps steps;
  private final PortalForms forms;
  private final FormService formService;
  private final ActingUser actingUser;
  private final IdempotentFiling filing;

  NewRequestPage(PortalStates portalStates, PortalSteps steps, PortalForms forms, FormService formService,
      ActingUser actingUser, IdempotentFiling filing) {
    this.portalStates = portalStates;
    this.steps = steps;
    this.forms = forms;
    this.formService = formService;
    this.actingUser = actingUser;
    this.filing = filing;
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
  String file(Authentication caller, @RequestParam MultiValueMap<String, String> posted, Model model,
      RedirectAttributes redirect) {
    Set<String> states = portalStates.of(caller);
    String submission = posted.getFirst(SUBMISSION);
    if (submission == null || !IdempotentFiling.KEY.matcher(submission).matches()) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, SUBMISSION, "The form was not sent from its page.");
    }
    MultiValueMap<String, String> fields = new org.springframework.util.LinkedMultiValueMap<>(posted);
    fields.remove(SUBMISSION);
    fields.remove("_csrf");
    Step step = steps.ofNewRequest();
    SubmittedForm read = forms.read(step.schema(), fields, LocaleContextHolder.getLocale());
    Map<String, String> errors = new LinkedHashMap<>(read.errors());
    if (errors.isEmpty()) {
      errors.putAll(steps.violations(step, read.variables()));
    }
    Object state = read.variables().get(MEMBER_STATE);
    if (state != null && !states.contains(state.toString())) {
      errors.put(MEMBER_STATE, "is not your State");
    }
    if (errors.isEmpty()) {
      try {
        String definition = steps.latestDefinition();
        IdempotentFiling.Filed filed = filing.file(caller.getName(), submission, () -> actingUser.call(caller,
            () -> formService.submitStartForm(definition, read.variables()).getBusinessKey()));
        redirect.addFlashAttribute("done", filed.now() ? "newRequest.done" : "newRequest.already");
        return "redirect:" + PortalPages.HOME + "/" + filed.reference();
      } catch (InvalidInputException refused) {
        errors.put(refused.getField(), refused.getReason());
      }
    }
    model.addAttribute("refused", true);
    return page(model, states, forms.redisplay(step.schema(), step.shown(), fields, errors, LocaleContextHolder.getLocale()),
        submission);
  }

  private String page(Model model, Set<String> states, PortalForm form, String submission) {
    // the state select offers the focal point's own states; other states' names stay in co-requesting
    model.addAttribute("form", form.narrowed(MEMBER_STATE, states::contains)
        .narrowed(CO_REQUESTING_STATES, other -> !states.contains(other)));
    model.addAttribute("submission", submission);
    return "portal/new-request";
  }
}
