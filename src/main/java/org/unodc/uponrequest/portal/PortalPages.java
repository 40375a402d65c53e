package org.unodc.uponrequest.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page of the portal shows around its content (the language, the switcher, who is
 * signed in), and a refusal as a page in the user's language with the status the API would give.
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
}
