package org.unodc.uponrequest.documents;

import java.util.List;
import java.util.Optional;

/**
 * The kinds of document a request may carry, each with the media type it is stored and served
 * as, and the file name extensions that fit it (the first is the one given when a name has none
 * that fits). Anything else is refused.
 */
public enum DocumentType {
  PDF("application/pdf", "pdf"),
  DOC("application/msword", "doc"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  XLS("application/vnd.ms-excel", "xls"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg", "jpeg");

  private final String mediaType;
  private final List<String> extensions;

  DocumentType(String mediaType, String... extensions) {
    this.mediaType = mediaType;
    this.extensions = List.of(extensions);
  }

  public String mediaType() {
    return mediaType;
  }

  /** The extensions that fit, lower case, without the dot; the first is the usual one. */
  public List<String> extensions() {
    return extensions;
  }

  public static Optional<DocumentType> ofMediaType(String mediaType) {
    for (DocumentType type : values()) {
      if (type.mediaType.equals(mediaType)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Every accepted extension with its dot, for a file input's {@code accept} attribute. */
  public static String acceptAttribute() {
    StringBuilder accept = new StringBuilder();
    for (DocumentType type : values()) {
      for (String extension : type.extensions) {
        accept.append(accept.length() == 0 ? "" : ",").append('.').append(extension);
      }
    }
    return accept.toString();
  }
}
