package org.unodc.uponrequest.documents;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;
import org.unodc.uponrequest.documents.Documents.Upload;

/** What the two doors (portal pages and API) share: reading a posted file, and answering a download. */
final class DocumentUploads {

  /** The form field that carries the file. */
  static final String FIELD = "file";

  private DocumentUploads() {}

  /** The posted file, or null when none was chosen (browsers send an empty part without a name). */
  static Upload of(MultipartFile file) {
    if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
      return null;
    }
    return new Upload(file.getOriginalFilename(), file.getSize(), file::getInputStream);
  }

  /**
   * The document as a download: the media type found when it was stored, always as an attachment
   * (never shown in the browser), and never sniffed into another type.
   */
  static ResponseEntity<byte[]> download(StoredDocument stored) {
    Document document = stored.document();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(document.mediaType()));
    headers.setContentDisposition(ContentDisposition.attachment().filename(document.name(), StandardCharsets.UTF_8).build());
    headers.setContentLength(stored.content().length);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.setETag("\"" + document.sha256() + "\"");
    return ResponseEntity.ok().headers(headers).body(stored.content());
  }
}
