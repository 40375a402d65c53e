package org.unodc.uponrequest.documents;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.ModelAndView;
import org.unodc.uponrequest.portal.PortalPages;

/**
 * A browser's upload larger than the multipart limit: the container stops reading the body, so
 * the CSRF token in it is never read and Spring Security refuses the request (403) before any
 * endpoint sees it. When that is why (the body's parts failed on their size), the signed-in user
 * gets the documents page with the size error at the file field and 413 instead of a bare 403;
 * for a form that carries a document (a new request, a step's answer), the portal's refusal page
 * saying the document is too large, with 413. Nothing is stored either way; a refusal for any
 * other reason keeps its answer.
 */
@Component
class DocumentTooLargePage implements ErrorViewResolver {

  private static final Pattern UPLOAD = Pattern.compile("/portal/requests/(TA-\\d{4}-\\d{5})/documents");
  /** The portal's forms that carry an optional document (NewRequestPage, StateTaskPage). */
  private static final Pattern FORM_WITH_DOCUMENT = Pattern.compile("/portal/requests/(new|TA-\\d{4}-\\d{5}/tasks/[^/]+)");

  private final DocumentsView view;

  DocumentTooLargePage(DocumentsView view) {
    this.view = view;
  }

  @Override
  public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (status != HttpStatus.FORBIDDEN || !"POST".equals(request.getMethod()) || uri == null
        || caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken
        || request.getContentType() == null || !request.getContentType().toLowerCase().startsWith("multipart/")) {
      return null;
    }
    String path = uri.toString().substring(request.getContextPath().length());
    Matcher upload = UPLOAD.matcher(path);
    if (!(upload.matches() || FORM_WITH_DOCUMENT.matcher(path).matches()) || !tooLarge(request)) {
      return null;
    }
    if (!upload.matches()) {
      ExtendedModelMap page = new ExtendedModelMap();
      PortalPages.around(page, request);
      page.addAttribute("status", HttpStatus.PAYLOAD_TOO_LARGE.value());
      page.addAttribute("problemMessage", "problem.413.form");
      return new ModelAndView("portal/problem", page, HttpStatus.PAYLOAD_TOO_LARGE);
    }
    String reference = upload.group(1);
    ExtendedModelMap page = new ExtendedModelMap();
    PortalPages.around(page, request);
    page.addAttribute("currentPage", "/portal/requests/" + reference + "/documents");
    try {
      page.addAttribute("section", view.of(caller, reference, Documents.tooLarge()));
      page.addAttribute("refused", true);
      return new ModelAndView("portal/documents", page, HttpStatus.PAYLOAD_TOO_LARGE);
    } catch (DocumentRefused notTheirs) {
      page.addAttribute("status", notTheirs.getStatusCode().value());
      page.addAttribute("messageKey", notTheirs.messageKey());
      return new ModelAndView("portal/document-problem", page, HttpStatus.NOT_FOUND);
    }
  }

  /** Whether the body's parts failed to parse because of their size (as Spring's multipart support tells it). */
  private static boolean tooLarge(HttpServletRequest request) {
    try {
      request.getParts();
      return false;
    } catch (IllegalStateException | IOException | ServletException failed) {
      for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase();
        if (message.contains("exceed") && (message.contains("size") || message.contains("length"))) {
          return true;
        }
      }
      return false;
    }
  }
}
