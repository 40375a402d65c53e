package org.unodc.uponrequest.documents;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unodc.uponrequest.portal.PortalPages;

/**
 * The documents of a request in the portal, in its layout: a page listing them with the upload
 * form (staff reach a request's documents here; member states also see the list on the request's
 * own page), the upload itself (multipart, with the page's CSRF token), and the download. A
 * refused upload comes back as the page with the error at the file field and the status that
 * fits (400, 409, 413, 415); nothing is stored. A request or document the caller may not see is
 * the same 404 page as one that does not exist.
 */
@Controller
class DocumentsPage {

  static final String PATH = "/portal/requests/{reference}/documents";

  private final Documents documents;
  private final DocumentsView view;

  DocumentsPage(Documents documents, DocumentsView view) {
    this.documents = documents;
    this.view = view;
  }

  @ModelAttribute
  void around(Model model, HttpServletRequest request) {
    PortalPages.around(model, request);
  }

  @GetMapping(PATH)
  String show(Authentication caller, @PathVariable String reference, Model model) {
    model.addAttribute("section", view.of(caller, reference, null));
    return "portal/documents";
  }

  @PostMapping(PATH)
  String attach(Authentication caller, @PathVariable String reference,
      @RequestParam(name = DocumentUploads.FIELD, required = false) MultipartFile file, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    Document stored;
    try {
      stored = documents.store(caller, reference, DocumentUploads.of(file));
    } catch (DocumentRefused refused) {
      return refusedPage(caller, reference, refused, model, response);
    }
    redirect.addFlashAttribute("done", "documents.done");
    return "redirect:" + (Document.UNODC.equals(stored.uploader())
        ? "/portal/requests/" + reference + "/documents" : "/portal/requests/" + reference + "#documents");
  }

  @GetMapping(PATH + "/{documentId}")
  ResponseEntity<byte[]> download(Authentication caller, @PathVariable String reference, @PathVariable String documentId) {
    return DocumentUploads.download(documents.read(caller, reference, documentId));
  }

  /** A body larger than the multipart limit (application.yaml): the page with a 413 at the file field. */
  @ExceptionHandler(MaxUploadSizeExceededException.class)
  String tooLarge(HttpServletRequest request, HttpServletResponse response, Model model) {
    return refusedUpload(Documents.tooLarge(), request, response, model);
  }

  /** A body that is not a complete multipart upload (cut off, no boundary): the page with a 400 at the file field. */
  @ExceptionHandler(MultipartException.class)
  String unreadable(HttpServletRequest request, HttpServletResponse response, Model model) {
    return refusedUpload(Documents.unreadableUpload(), request, response, model);
  }

  /** An upload refused before the endpoint could read it: the page of the request in the address, if the caller sees it. */
  private String refusedUpload(DocumentRefused refusal, HttpServletRequest request, HttpServletResponse response, Model model) {
    PortalPages.around(model, request);
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String reference = variables instanceof Map<?, ?> map && map.get("reference") != null ? map.get("reference").toString() : "";
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    try {
      return refusedPage(caller, reference, refusal, model, response);
    } catch (DocumentRefused notTheirs) {
      return refused(notTheirs, request, response, model);
    }
  }

  /** Not found, and anything refused before the page could be drawn: the portal's refusal page. */
  @ExceptionHandler(DocumentRefused.class)
  String refused(DocumentRefused refused, HttpServletRequest request, HttpServletResponse response, Model model) {
    PortalPages.around(model, request);
    int status = refused.getStatusCode().value();
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("messageKey", refused.messageKey());
    return "portal/document-problem";
  }

  private String refusedPage(Authentication caller, String reference, DocumentRefused refused, Model model,
      HttpServletResponse response) {
    if (refused.getStatusCode() == HttpStatus.NOT_FOUND) {
      throw refused;
    }
    // the same access check again: a caller who may not see the request learns nothing from the refusal
    model.addAttribute("section", view.of(caller, reference, refused));
    response.setStatus(refused.getStatusCode().value());
    model.addAttribute("refused", true);
    return "portal/documents";
  }
}
