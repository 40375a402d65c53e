package org.unodc.uponrequest.documents;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The documents of a request through the API, for member states' focal points and UNODC staff
 * alike ({@link DocumentAccess}): {@code GET} lists them, {@code POST} attaches one (multipart,
 * the file in the part {@code file}; 201 with its address), {@code GET .../{documentId}} downloads
 * one. Refusals are problem details naming the field ({@link DocumentProblems}).
 */
@RestController
@RequestMapping(DocumentsApi.PATH)
class DocumentsApi {

  static final String PATH = "/api/requests/{reference}/documents";

  private final Documents documents;

  DocumentsApi(Documents documents) {
    this.documents = documents;
  }

  @GetMapping
  List<Document> list(Authentication caller, @PathVariable String reference) {
    return documents.list(caller, reference);
  }

  @PostMapping
  ResponseEntity<Document> attach(Authentication caller, @PathVariable String reference,
      @RequestParam(name = DocumentUploads.FIELD, required = false) MultipartFile file) {
    Document stored = documents.store(caller, reference, DocumentUploads.of(file));
    return ResponseEntity.created(URI.create("/api/requests/" + reference + "/documents/" + stored.id())).body(stored);
  }

  @GetMapping("/{documentId}")
  ResponseEntity<byte[]> download(Authentication caller, @PathVariable String reference, @PathVariable String documentId) {
    return DocumentUploads.download(documents.read(caller, reference, documentId));
  }
}
