package org.unodc.uponrequest.documents;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Tiny but real sample files, made here rather than shipped: a PDF with its cross-reference
 * table, PNG and JPEG images written by the JDK's encoders, Office Open XML packages with the
 * content types Word and Excel write, and OLE2 compound files laid out as [MS-CFB] describes
 * (the header, one FAT sector, one directory sector) with the streams Word and Excel 97-2003 keep
 * at their root.
 */
public final class SampleFiles {

  private SampleFiles() {}

  /** A one-page PDF that readers open. */
  public static byte[] pdf() {
    String[] objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"};
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    int[] offsets = new int[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = pdf.length();
      pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      pdf.append(String.format("%010d 00000 n \n", offset));
    }
    pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref).append("\n%%EOF\n");
    return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A PDF padded (with a PDF comment line) to exactly {@code size} bytes. */
  public static byte[] pdfOfSize(int size) {
    byte[] pdf = pdf();
    byte[] padded = Arrays.copyOf(pdf, size);
    Arrays.fill(padded, pdf.length, size, (byte) ' ');
    padded[pdf.length] = '%';
    padded[size - 1] = '\n';
    return padded;
  }

  public static byte[] png() {
    return image("png", BufferedImage.TYPE_INT_ARGB);
  }

  public static byte[] jpeg() {
    return image("jpeg", BufferedImage.TYPE_INT_RGB);
  }

  private static byte[] image(String format, int type) {
    BufferedImage image = new BufferedImage(4, 4, type);
    image.setRGB(1, 1, Color.BLUE.getRGB());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no " + format + " writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static final String RELS_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
      + " Target=\"%s\"/></Relationships>";

  static String contentTypes(String part, String type) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/" + part + "\" ContentType=\"" + type + "\"/></Types>";
  }

  /** A Word document (.docx) with one paragraph. */
  public static byte[] docx() {
    return docx(DocumentTypes.WORD_MAIN);
  }

  /** A Word package whose main part has this content type (e.g. a macro-enabled one). */
  public static byte[] docx(String mainContentType) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", contentTypes("word/document.xml", mainContentType));
    parts.put("_rels/.rels", String.format(RELS_XML, "word/document.xml"));
    parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        + "<w:body><w:p><w:r><w:t>Draft law on witness protection</w:t></w:r></w:p></w:body></w:document>");
    return zip(parts);
  }

  /** An Excel workbook (.xlsx) with one sheet. */
  public static byte[] xlsx() {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", contentTypes("xl/workbook.xml", DocumentTypes.WORKBOOK_MAIN)
        .replace("</Types>", "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\""
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"));
    parts.put("_rels/.rels", String.format(RELS_XML, "xl/workbook.xml"));
    parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        + "<sheets><sheet name=\"Budget\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
        + " Target=\"worksheets/sheet1.xml\"/></Relationships>");
    parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>120000</t></is></c></row></sheetData></worksheet>");
    return zip(parts);
  }

  /** A ZIP archive that is no Office document. */
  public static byte[] plainZip() {
    return zip(Map.of("notes.txt", "Minutes of the meeting", "budget.csv", "item,amount\ntraining,120000\n"));
  }

  public static byte[] zip(Map<String, String> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A Word 97-2003 document (.doc): an OLE2 compound file with a WordDocument stream at its root. */
  public static byte[] doc() {
    return compoundFile("WordDocument", "\u0001CompObj");
  }

  /** An Excel 97-2003 workbook (.xls): an OLE2 compound file with a Workbook stream at its root. */
  public static byte[] xls() {
    return compoundFile("Workbook", "\u0005SummaryInformation");
  }

  private static final int FREE = -1;
  private static final int END_OF_CHAIN = -2;
  private static final int FAT_SECTOR = -3;

  /**
   * An OLE2 compound file, version 3 (512-byte sectors): header, sector 0 the FAT, sector 1 the
   * directory: the root storage, and the given streams (empty) as its children, the first with
   * the others as its right siblings.
   */
  public static byte[] compoundFile(String... streams) {
    if (streams.length > 3) {
      throw new IllegalArgumentException("one directory sector holds the root and three streams");
    }
    ByteBuffer file = ByteBuffer.allocate(3 * 512).order(ByteOrder.LITTLE_ENDIAN);
    file.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
    file.putShort(0x18, (short) 0x3E).putShort(0x1A, (short) 3).putShort(0x1C, (short) 0xFFFE)
        .putShort(0x1E, (short) 9).putShort(0x20, (short) 6)
        .putInt(0x2C, 1).putInt(0x30, 1).putInt(0x38, 4096).putInt(0x3C, END_OF_CHAIN).putInt(0x40, 0)
        .putInt(0x44, END_OF_CHAIN).putInt(0x48, 0);
    file.putInt(0x4C, 0);
    for (int i = 1; i < 109; i++) {
      file.putInt(0x4C + 4 * i, FREE);
    }
    int fat = 512;
    file.putInt(fat, FAT_SECTOR).putInt(fat + 4, END_OF_CHAIN);
    for (int i = 2; i < 128; i++) {
      file.putInt(fat + 4 * i, FREE);
    }
    int directory = 1024;
    entry(file, directory, "Root Entry", 5, FREE, FREE, streams.length > 0 ? 1 : FREE);
    for (int i = 0; i < 3; i++) {
      int at = directory + (i + 1) * 128;
      if (i < streams.length) {
        entry(file, at, streams[i], 2, FREE, i + 1 < streams.length ? i + 2 : FREE, FREE);
      } else {
        file.putInt(at + 0x44, FREE).putInt(at + 0x48, FREE).putInt(at + 0x4C, FREE);
      }
    }
    return file.array();
  }

  private static void entry(ByteBuffer file, int at, String name, int type, int left, int right, int child) {
    byte[] utf16 = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
    for (int i = 0; i < utf16.length; i++) {
      file.put(at + i, utf16[i]);
    }
    file.putShort(at + 0x40, (short) utf16.length);
    file.put(at + 0x42, (byte) type);
    file.put(at + 0x43, (byte) 1);
    file.putInt(at + 0x44, left).putInt(at + 0x48, right).putInt(at + 0x4C, child);
    file.putInt(at + 0x74, END_OF_CHAIN).putInt(at + 0x78, 0);
  }

  /** The start of a Windows program: the DOS header and the PE signature it points to. */
  public static byte[] windowsProgram() {
    ByteBuffer exe = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    exe.put(0, (byte) 'M').put(1, (byte) 'Z').putShort(2, (short) 0x90).putInt(0x3C, 0x80);
    byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < stub.length; i++) {
      exe.put(0x4E + i, stub[i]);
    }
    exe.put(0x80, (byte) 'P').put(0x81, (byte) 'E');
    return exe.array();
  }

  public static byte[] html() {
    return "<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>"
        .getBytes(StandardCharsets.UTF_8);
  }
}
