package org.unodc.uponrequest.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unodc.uponrequest.documents.DocumentAccess.Reader;

/**
 * The documents of a request: attach one, list them, read one, as the caller may
 * ({@link DocumentAccess}). Each is a PDF, Word (doc, docx), Excel (xls, xlsx), PNG or JPEG file,
 * recognised from its content ({@link DocumentTypes}), of at most {@link #MAX_SIZE} bytes; a request
 * holds at most {@link #MAX_PER_REQUEST}. A refused document is not stored, and the refusal names
 * the field and why ({@link DocumentRefused}).
 */
@Service
public class Documents {

  public static final long MAX_SIZE = 10L * 1024 * 1024;
  public static final int MAX_PER_REQUEST = 20;
  /** As the limits are stated to users. */
  public static final int MAX_SIZE_MB = 10;

  private static final Logger LOG = LoggerFactory.getLogger(Documents.class);
  private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final DocumentAccess access;
  private final DocumentStore store;
  private final Clock clock;

  Documents(DocumentAccess access, DocumentStore store, Clock clock) {
    this.access = access;
    this.store = store;
    this.clock = clock;
  }

  /** A file as it was sent: the name the sender's computer gave it, its size, and a way to read it. */
  public record Upload(String name, long size, Content content) {

    /** Reads the content; called only once the caller may attach to the request and the size fits. */
    @FunctionalInterface
    public interface Content {
      InputStream open() throws IOException;
    }

    public static Upload of(String name, byte[] content) {
      return new Upload(name, content.length, () -> new ByteArrayInputStream(content));
    }
  }

  /**
   * Attaches a document to the request. {@code upload} null means no file was sent. Refused with
   * 404 (request not seen), 409 (request ended, or already {@link #MAX_PER_REQUEST} documents), 400
   * (no file, empty file), 413 (larger than {@link #MAX_SIZE}), 415 (not an accepted type).
   */
  @Transactional
  public Document store(Authentication caller, String reference, Upload upload) {
    Reader reader = access.of(caller, reference);
    if (!reader.open()) {
      throw new DocumentRefused(HttpStatus.CONFLICT, "reference", "The request has ended; no documents can be added.",
          "documents.error.ended");
    }
    if (upload == null) {
      throw new DocumentRefused(HttpStatus.BAD_REQUEST, "file", "No file was sent: choose a file to attach.",
          "documents.error.missing");
    }
    if (upload.size() > MAX_SIZE) {
      throw tooLarge();
    }
    byte[] content;
    try (InputStream in = upload.content().open()) {
      content = in.readNBytes((int) MAX_SIZE + 1);
    } catch (IOException unreadable) {
      throw new DocumentRefused(HttpStatus.BAD_REQUEST, "file", "The file could not be read; send it again.",
          "documents.error.unreadable");
    }
    if (content.length == 0) {
      throw new DocumentRefused(HttpStatus.BAD_REQUEST, "file", "The file is empty.", "documents.error.empty");
    }
    if (content.length > MAX_SIZE) {
      throw tooLarge();
    }
    String givenName = upload.name();
    DocumentType type = DocumentTypes.detect(content);
    if (!store.lockRequest(reader.processInstanceId())) {
      throw DocumentRefused.notFound("reference");
    }
    if (store.count(reader.processInstanceId()) >= MAX_PER_REQUEST) {
      throw new DocumentRefused(HttpStatus.CONFLICT, "file", "The request already has " + MAX_PER_REQUEST
          + " documents, the most it may have.", "documents.error.count", MAX_PER_REQUEST);
    }
    Document document = new Document(UUID.randomUUID().toString(), reference, DocumentNames.safe(givenName, type),
        type.mediaType(), content.length, sha256(content), Date.from(clock.instant()),
        reader.staff() ? Document.UNODC : reader.state(), reader.user(), reader.processInstanceId());
    store.insert(document, content);
    LOG.info("Document {} ({}, {} bytes, SHA-256 {}) attached to {} by {} for {}", document.id(), type, content.length,
        document.sha256(), reference, reader.user(), document.uploader());
    return reader.staff() ? document : document.withoutUser();
  }

  /** The request's documents that the caller sees, oldest first. */
  @Transactional(readOnly = true)
  public List<Document> list(Authentication caller, String reference) {
    Reader reader = access.of(caller, reference);
    return store.list(reader.processInstanceId()).stream().filter(reader::sees)
        .map(document -> reader.staff() ? document : document.withoutUser()).toList();
  }

  /** One document with its content; the same 404 for one that does not exist and one the caller may not see. */
  @Transactional(readOnly = true)
  public StoredDocument read(Authentication caller, String reference, String documentId) {
    Reader reader = access.of(caller, reference);
    if (documentId == null || !DOCUMENT_ID.matcher(documentId).matches()) {
      throw DocumentRefused.notFound("documentId");
    }
    Document document = store.find(reader.processInstanceId(), documentId).filter(reader::sees)
        .orElseThrow(() -> DocumentRefused.notFound("documentId"));
    byte[] content = store.content(documentId);
    if (content == null) {
      throw DocumentRefused.notFound("documentId");
    }
    return new StoredDocument(reader.staff() ? document : document.withoutUser(), content);
  }

  /** A body that is not a complete multipart/form-data upload (cut off, no boundary): nothing could be read. */
  static DocumentRefused unreadableUpload() {
    return new DocumentRefused(HttpStatus.BAD_REQUEST, "file", "The upload could not be read: send the file as"
        + " multipart/form-data, in the part 'file'.", "documents.error.unreadable");
  }

  static DocumentRefused tooLarge() {
    return new DocumentRefused(HttpStatus.PAYLOAD_TOO_LARGE, "file", "The file is larger than " + MAX_SIZE_MB
        + " MB, the most a document may be.", "documents.error.size", MAX_SIZE_MB);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
