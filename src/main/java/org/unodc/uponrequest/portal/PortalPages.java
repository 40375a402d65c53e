package org.unodc.uponrequest.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * What every page of the portal shows around its content (the language, the switcher, who is
 * signed in), and a refusal as a page in the user's language with the status the API would give.
 * A form the page cannot even read (a multipart body cut off or without its boundary) is a 400;
 * one whose document is beyond the multipart limit, a 413.
 */
@ControllerAdvice(assignableTypes = {MyRequestsPage.class, RequestPage.class, LanguageSwitch.class, StateTaskPage.class,
    NewRequestPage.class, WithdrawalPage.class})
public class PortalPages {

  static final String HOME = "/portal/requests";

  @ModelAttribute
  void chrome(Model model, HttpServletRequest request) {
    around(model, request);
  }

  /** What the portal's layout needs around a page's content; for pages of other packages in the layout (documents). */
  public static void around(Model model, HttpServletRequest request) {
    Languages language = Languages.of(LocaleContextHolder.getLocale());
    model.addAttribute("language", language);
    model.addAttribute("languages", Languages.all());
    model.addAttribute("locale", language.locale());
    // where the language switcher brings the user back to: this page, as the portal addresses it
    String query = request.getQueryString();
    model.addAttribute("currentPage", request.getRequestURI().substring(request.getContextPath().length())
        + (query == null ? "" : "?" + query));
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    model.addAttribute("userName", caller == null ? null : caller.getName());
    // staff reach request pages from Tasklist; the states' menu is for focal points
    model.addAttribute("memberStateUser", !AskingStates.of(caller).isEmpty());
  }

  @ExceptionHandler(PortalProblem.class)
  String problem(PortalProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
    chrome(model, request);
    int status = problem.getStatusCode().value();
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("problemMessage", problem.pageMessage());
    return "portal/problem";
  }

  @ExceptionHandler(MultipartException.class)
  String unreadable(HttpServletRequest request, HttpServletResponse response, Model model) {
    return problem(unreadableForm(), request, response, model);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  String tooLarge(HttpServletRequest request, HttpServletResponse response, Model model) {
    return problem(new PortalProblem(HttpStatus.PAYLOAD_TOO_LARGE, "file", "The document is too large.", "problem.413.form"),
        request, response, model);
  }

  /** A form post that did not come from the page's own form: nothing of it is read. */
  static PortalProblem unreadableForm() {
    return new PortalProblem(HttpStatus.BAD_REQUEST, "body", "The form could not be read.", "problem.400.form");
  }
}
