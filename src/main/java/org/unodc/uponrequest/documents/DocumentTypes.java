package org.unodc.uponrequest.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.springframework.http.HttpStatus;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a document is, from its content alone: never from its name or the Content-Type a browser
 * sent. Tika's core detector reads the magic bytes (PDF, PNG, JPEG, an OLE2 compound file, a ZIP
 * archive); the two containers are then opened to tell a Word document from an Excel workbook,
 * which their magic bytes cannot: an OLE2 file must hold a {@code WordDocument} or a
 * {@code Workbook} stream at its root, a ZIP must be an Office Open XML package whose
 * {@code [Content_Types].xml} names a Word document's or a workbook's main part, and that part must
 * be there. Office files carrying macros are refused.
 */
public final class DocumentTypes {

  private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
  private static final MediaTypeRegistry REGISTRY = TIKA.getMediaTypeRegistry();
  private static final MediaType OLE2 = MediaType.application("x-tika-msoffice");
  private static final MediaType ZIP = MediaType.application("zip");

  static final String WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
  static final String WORKBOOK_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  /** [Content_Types].xml is a few kilobytes; more is not an Office document. */
  private static final int CONTENT_TYPES_LIMIT = 1 << 20;

  private DocumentTypes() {}

  /** The document's type; refused (415, field {@code file}) when it is none of {@link DocumentType}. */
  public static DocumentType detect(byte[] content) {
    MediaType detected = magic(content);
    if (REGISTRY.isInstanceOf(detected, MediaType.application("pdf"))) {
      return DocumentType.PDF;
    }
    if (REGISTRY.isInstanceOf(detected, MediaType.image("png")) && content.length > 16
        && new String(content, 12, 4, StandardCharsets.ISO_8859_1).equals("IHDR")) {
      return DocumentType.PNG;
    }
    if (REGISTRY.isInstanceOf(detected, MediaType.image("jpeg")) && content.length > 3
        && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8 && (content[2] & 0xff) == 0xff) {
      return DocumentType.JPEG;
    }
    if (REGISTRY.isInstanceOf(detected, OLE2)) {
      return compoundFile(content);
    }
    if (REGISTRY.isInstanceOf(detected, ZIP)) {
      return officeOpenXml(content);
    }
    throw unsupported(detected.getBaseType().toString());
  }

  private static MediaType magic(byte[] content) {
    try (InputStream in = new ByteArrayInputStream(content)) {
      // no resource name in the metadata: the name the uploader gave plays no part
      return TIKA.detect(in, new Metadata());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DocumentRefused unsupported(String what) {
    return new DocumentRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file",
        "The file is not a PDF, Word (doc, docx), Excel (xls, xlsx), PNG or JPEG document: its content is " + what + ".",
        "documents.error.type", what);
  }

  private static DocumentRefused macros() {
    return new DocumentRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file",
        "The document contains macros; save it without macros (as .docx or .xlsx) and send it again.",
        "documents.error.macros");
  }

  // --- OLE2 compound files (doc, xls) ---------------------------------------------------------

  private static final int FREE = -1;
  private static final int END_OF_CHAIN = -2;

  /** A Word 97-2003 document or an Excel 97-2003 workbook, by the streams at the root of the compound file. */
  static DocumentType compoundFile(byte[] content) {
    Set<String> root;
    try {
      root = rootEntries(content);
    } catch (IndexOutOfBoundsException | IllegalArgumentException broken) {
      throw unsupported("a damaged Office 97-2003 file");
    }
    if (root.contains("Macros") || root.contains("_VBA_PROJECT_CUR")) {
      throw macros();
    }
    boolean word = root.contains("WordDocument");
    boolean excel = root.contains("Workbook") || root.contains("Book");
    if (word && !excel) {
      return DocumentType.DOC;
    }
    if (excel && !word) {
      return DocumentType.XLS;
    }
    throw unsupported("an Office 97-2003 file that is neither a Word document nor an Excel workbook");
  }

  /** The names of the entries directly under the root storage ([MS-CFB] 2.2, 2.6). */
  private static Set<String> rootEntries(byte[] b) {
    if (b.length < 512) {
      throw new IllegalArgumentException("shorter than the header");
    }
    int shift = u16(b, 0x1E);
    if (shift != 9 && shift != 12) {
      throw new IllegalArgumentException("sector size");
    }
    int sectorSize = 1 << shift;
    int sectors = b.length / sectorSize; // an upper bound on any chain's length
    int fatSectors = i32(b, 0x2C);
    if (fatSectors < 1 || fatSectors > sectors) {
      throw new IllegalArgumentException("FAT size");
    }
    int[] fat = new int[fatSectors];
    int found = 0;
    for (int i = 0; i < 109 && found < fatSectors; i++) {
      fat[found++] = i32(b, 0x4C + 4 * i);
    }
    int difat = i32(b, 0x44);
    for (int hops = 0; found < fatSectors && difat >= 0; hops++) {
      if (hops > sectors) {
        throw new IllegalArgumentException("DIFAT loop");
      }
      int at = offset(b, difat, sectorSize);
      for (int i = 0; i < sectorSize / 4 - 1 && found < fatSectors; i++) {
        fat[found++] = i32(b, at + 4 * i);
      }
      difat = i32(b, at + sectorSize - 4);
    }
    if (found < fatSectors) {
      throw new IllegalArgumentException("FAT incomplete");
    }
    // the directory's sectors, in chain order
    java.util.List<Integer> directory = new java.util.ArrayList<>();
    for (int sector = i32(b, 0x30); sector != END_OF_CHAIN; sector = next(b, fat, sector, sectorSize)) {
      if (sector < 0 || directory.size() > sectors) {
        throw new IllegalArgumentException("directory chain");
      }
      directory.add(sector);
    }
    int perSector = sectorSize / 128;
    int entries = directory.size() * perSector;
    if (entries == 0) {
      throw new IllegalArgumentException("no directory");
    }
    // entry 0 is the root storage; its children hang off it as a tree of left and right siblings
    Set<String> names = new HashSet<>();
    Deque<Integer> pending = new ArrayDeque<>();
    Set<Integer> seen = new HashSet<>();
    pending.push(i32(b, entryOffset(b, directory, perSector, sectorSize, 0) + 0x4C));
    while (!pending.isEmpty()) {
      int id = pending.pop();
      if (id == FREE || id < 0) {
        continue;
      }
      if (id >= entries || !seen.add(id)) {
        throw new IllegalArgumentException("directory tree");
      }
      int at = entryOffset(b, directory, perSector, sectorSize, id);
      int length = u16(b, at + 0x40);
      if (length >= 2 && length <= 64 && length % 2 == 0) {
        names.add(new String(b, at, length - 2, StandardCharsets.UTF_16LE));
      }
      pending.push(i32(b, at + 0x44));
      pending.push(i32(b, at + 0x48));
    }
    return names;
  }

  private static int entryOffset(byte[] b, java.util.List<Integer> directory, int perSector, int sectorSize, int id) {
    return offset(b, directory.get(id / perSector), sectorSize) + (id % perSector) * 128;
  }

  private static int next(byte[] b, int[] fat, int sector, int sectorSize) {
    int perSector = sectorSize / 4;
    if (sector / perSector >= fat.length) {
      throw new IllegalArgumentException("sector outside the FAT");
    }
    return i32(b, offset(b, fat[sector / perSector], sectorSize) + 4 * (sector % perSector));
  }

  private static int offset(byte[] b, int sector, int sectorSize) {
    long at = (sector + 1L) * sectorSize;
    if (sector < 0 || at + sectorSize > b.length) {
      throw new IllegalArgumentException("sector outside the file");
    }
    return (int) at;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int i32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  // --- Office Open XML packages (docx, xlsx) --------------------------------------------------

  /**
   * A Word document or an Excel workbook in Office Open XML. The archive is read from its central
   * directory (java.util.zip.ZipFile, on a temporary copy), and only {@code [Content_Types].xml} is
   * inflated, at most 1 MB of it, so a ZIP bomb costs nothing.
   */
  static DocumentType officeOpenXml(byte[] content) {
    Path copy = null;
    try {
      copy = Files.createTempFile("uponrequest-document-", ".zip");
      Files.write(copy, content);
      try (ZipFile zip = new ZipFile(copy.toFile())) {
        ZipEntry types = zip.getEntry("[Content_Types].xml");
        if (types == null || zip.getEntry("_rels/.rels") == null) {
          throw unsupported("a ZIP archive that is not a Word or Excel document");
        }
        if (zip.stream().anyMatch(entry -> entry.getName().toLowerCase(Locale.ROOT).endsWith("vbaproject.bin"))) {
          throw macros();
        }
        byte[] xml;
        try (InputStream in = zip.getInputStream(types)) {
          xml = in.readNBytes(CONTENT_TYPES_LIMIT + 1);
        }
        if (xml.length > CONTENT_TYPES_LIMIT) {
          throw unsupported("a ZIP archive that is not a Word or Excel document");
        }
        String word = mainPart(xml, WORD_MAIN);
        String workbook = mainPart(xml, WORKBOOK_MAIN);
        if (word != null && workbook == null && zip.getEntry(word) != null) {
          return DocumentType.DOCX;
        }
        if (workbook != null && word == null && zip.getEntry(workbook) != null) {
          return DocumentType.XLSX;
        }
        throw unsupported("a ZIP archive that is not a Word or Excel document");
      }
    } catch (ZipException broken) {
      throw unsupported("a damaged ZIP archive");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException ignored) {
          // a temporary file left behind is removed with the temporary directory
        }
      }
    }
  }

  /** The part (as a ZIP entry name) that [Content_Types].xml declares with this content type, if any. */
  private static String mainPart(byte[] xml, String contentType) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      NodeList overrides = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml))
          .getElementsByTagNameNS("*", "Override");
      String part = null;
      for (int i = 0; i < overrides.getLength(); i++) {
        Element override = (Element) overrides.item(i);
        if (contentType.equals(override.getAttribute("ContentType").trim())) {
          if (part != null) {
            return null; // two main parts: not a document Office would open as one
          }
          part = override.getAttribute("PartName").trim().replaceFirst("^/", "");
        }
      }
      return part == null || part.isEmpty() ? null : part;
    } catch (SAXException | IOException | ParserConfigurationException notXml) {
      throw unsupported("a ZIP archive that is not a Word or Excel document");
    }
  }
}
