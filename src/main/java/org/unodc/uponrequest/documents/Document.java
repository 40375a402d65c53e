package org.unodc.uponrequest.documents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Date;

/**
 * A document attached to a request, as listed: what it is, who attached it (a member state, by
 * its ISO 3166-1 alpha-3 code, or UNODC) and when. {@code uploadedBy}, the user, is shown to UNODC
 * staff only; a member state sees the state or UNODC.
 */
public record Document(String id, String reference, String name, String mediaType, long size, String sha256,
    Date uploadedAt, String uploader, String uploadedBy, @JsonIgnore String processInstanceId) {

  /** What {@link #uploader} says for a document UNODC staff attached. */
  public static final String UNODC = "UNODC";

  /** The member state that attached it, or null when UNODC did. */
  @JsonIgnore
  public String uploaderState() {
    return UNODC.equals(uploader) ? null : uploader;
  }

  /** The kind, for listing ("PDF", "Word", ...). */
  @JsonIgnore
  public DocumentType type() {
    return DocumentType.ofMediaType(mediaType).orElse(null);
  }

  Document withoutUser() {
    return new Document(id, reference, name, mediaType, size, sha256, uploadedAt, uploader, null, processInstanceId);
  }
}
