package org.unodc.uponrequest.portal;

import org.springframework.web.multipart.MultipartFile;
import org.unodc.uponrequest.documents.Documents;

/** The optional document sent with a form (a new request or an answer): none when no file was chosen. */
final class AttachedFile {

  static final String FIELD = "file";

  private AttachedFile() {}

  static Documents.Upload of(MultipartFile file) {
    if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
      return null;
    }
    return new Documents.Upload(file.getOriginalFilename(), file.getSize(), file::getInputStream);
  }
}
