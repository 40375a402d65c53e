package org.unodc.uponrequest.documents;

import java.text.NumberFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The documents section of the portal's pages (templates/portal/documents-section.html): the
 * documents the caller sees, the upload form with its limits, and the error of a refused upload
 * in the reader's language. The request's page asks for it by reference
 * ({@code ${@portalDocuments.of(reference)}}), as the signed-in user.
 */
@Component("portalDocuments")
public class DocumentsView {

  private final Documents documents;
  private final DocumentAccess access;
  private final MessageSource messages;

  DocumentsView(Documents documents, DocumentAccess access, MessageSource messages) {
    this.documents = documents;
    this.access = access;
    this.messages = messages;
  }

  /** One document as a row of the list. */
  public record Row(String id, String name, DocumentType type, String size, String uploaderState, Date uploadedAt) {}

  /** The section: its rows, whether the caller may attach (the request is open), the limits, a refusal. */
  public record Section(String reference, List<Row> rows, boolean mayAttach, boolean staff, String error, int maxSizeMb,
      int maxCount, String accept) {}

  /** The section for the signed-in user; null when they may not see the request's documents. */
  public Section of(String reference) {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    try {
      return of(caller, reference, null);
    } catch (DocumentRefused notTheirs) {
      return null;
    }
  }

  Section of(Authentication caller, String reference, DocumentRefused refused) {
    DocumentAccess.Reader reader = access.of(caller, reference);
    Locale locale = LocaleContextHolder.getLocale();
    List<Row> rows = documents.list(caller, reference).stream().map(document -> new Row(document.id(), document.name(),
        document.type(), size(document.size(), locale), document.uploaderState(), document.uploadedAt())).toList();
    String error = refused == null ? null
        : messages.getMessage(refused.messageKey(), refused.arguments(), refused.detail(), locale);
    return new Section(reference, rows, reader.open(), reader.staff(), error, Documents.MAX_SIZE_MB,
        Documents.MAX_PER_REQUEST, DocumentType.acceptAttribute());
  }

  /** A size as people read it: bytes, KB or MB (of 1,024), in the language's digits and separators. */
  String size(long bytes, Locale locale) {
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMaximumFractionDigits(1);
    if (bytes < 1024) {
      return messages.getMessage("documents.size.bytes", new Object[] {number.format(bytes)}, locale);
    }
    if (bytes < 1024 * 1024) {
      return messages.getMessage("documents.size.kb", new Object[] {number.format(bytes / 1024.0)}, locale);
    }
    return messages.getMessage("documents.size.mb", new Object[] {number.format(bytes / (1024.0 * 1024))}, locale);
  }
}
