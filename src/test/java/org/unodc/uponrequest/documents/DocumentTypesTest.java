package org.unodc.uponrequest.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Each accepted kind is recognised from its content alone; everything else is refused with 415 at the field "file". */
class DocumentTypesTest {

  @Test
  void eachAcceptedKindIsRecognisedFromItsContent() {
    assertThat(DocumentTypes.detect(SampleFiles.pdf())).isEqualTo(DocumentType.PDF);
    assertThat(DocumentTypes.detect(SampleFiles.png())).isEqualTo(DocumentType.PNG);
    assertThat(DocumentTypes.detect(SampleFiles.jpeg())).isEqualTo(DocumentType.JPEG);
    assertThat(DocumentTypes.detect(SampleFiles.docx())).isEqualTo(DocumentType.DOCX);
    assertThat(DocumentTypes.detect(SampleFiles.xlsx())).isEqualTo(DocumentType.XLSX);
    assertThat(DocumentTypes.detect(SampleFiles.doc())).isEqualTo(DocumentType.DOC);
    assertThat(DocumentTypes.detect(SampleFiles.xls())).isEqualTo(DocumentType.XLS);
  }

  @Test
  void anOfficeOpenXmlPackageIsRecognisedWhereverItsContentTypesStand() {
    // [Content_Types].xml need not be the first entry (Tika's magic then only sees a ZIP)
    Map<String, String> parts = new java.util.LinkedHashMap<>();
    parts.put("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
    parts.put("_rels/.rels", String.format(SampleFiles.RELS_XML, "word/document.xml"));
    parts.put("[Content_Types].xml", SampleFiles.contentTypes("word/document.xml", DocumentTypes.WORD_MAIN));
    assertThat(DocumentTypes.detect(SampleFiles.zip(parts))).isEqualTo(DocumentType.DOCX);
  }

  @Test
  void aWindowsProgramNamedLikeAPdfIsRefused() {
    assertRefused(SampleFiles.windowsProgram(), "its content is application/x-");
  }

  @Test
  void htmlNamedLikeAnImageIsRefused() {
    assertRefused(SampleFiles.html(), "its content is text/html");
    byte[] disguised = SampleFiles.html();
    byte[] withPngMagic = new byte[disguised.length + 8];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, withPngMagic, 0, 8);
    System.arraycopy(disguised, 0, withPngMagic, 8, disguised.length);
    assertRefused(withPngMagic, "its content is");
  }

  @Test
  void aZipThatIsNoOfficeDocumentIsRefused() {
    assertRefused(SampleFiles.plainZip(), "a ZIP archive that is not a Word or Excel document");
    // the content types say Word, but the main part is missing
    assertRefused(SampleFiles.zip(Map.of("[Content_Types].xml", SampleFiles.contentTypes("word/document.xml",
        DocumentTypes.WORD_MAIN), "_rels/.rels", String.format(SampleFiles.RELS_XML, "word/document.xml"))),
        "not a Word or Excel document");
    // an OpenDocument text is a ZIP too
    assertRefused(SampleFiles.zip(Map.of("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>")),
        "its content is");
  }

  @Test
  void officeFilesWithMacrosAreRefused() {
    assertRefused(SampleFiles.docx("application/vnd.ms-word.document.macroEnabled.main+xml"),
        "not a Word or Excel document");
    Map<String, String> parts = new java.util.LinkedHashMap<>();
    parts.put("[Content_Types].xml", SampleFiles.contentTypes("word/document.xml", DocumentTypes.WORD_MAIN));
    parts.put("_rels/.rels", String.format(SampleFiles.RELS_XML, "word/document.xml"));
    parts.put("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
    parts.put("word/vbaProject.bin", "macro");
    assertRefused(SampleFiles.zip(parts), "contains macros");
    assertRefused(SampleFiles.compoundFile("WordDocument", "Macros"), "contains macros");
  }

  @Test
  void compoundFilesThatAreNeitherWordNorExcelOrAreDamagedAreRefused() {
    assertRefused(SampleFiles.compoundFile("__substg1.0_0037001F"), "neither a Word document nor an Excel workbook");
    byte[] damaged = Arrays.copyOf(SampleFiles.doc(), 700);
    assertRefused(damaged, "damaged");
    byte[] loop = SampleFiles.doc();
    // the directory's FAT entry points back at itself: a chain that never ends
    loop[512 + 4] = 1;
    loop[512 + 5] = 0;
    loop[512 + 6] = 0;
    loop[512 + 7] = 0;
    assertRefused(loop, "damaged");
  }

  @Test
  void aDocumentIsNotRecognisedByItsFirstBytesAlone() {
    assertRefused("%PDF".getBytes(StandardCharsets.US_ASCII), "its content is");
    assertRefused(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
        "damaged");
    assertRefused(new byte[] {'P', 'K', 3, 4, 0, 0}, "ZIP");
    assertRefused("plain text that says it is a PDF".getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  private static void assertRefused(byte[] content, String why) {
    assertThatThrownBy(() -> DocumentTypes.detect(content))
        .isInstanceOfSatisfying(DocumentRefused.class, refused -> {
          assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
          assertThat(refused.field()).isEqualTo("file");
          assertThat(refused.detail()).contains(why);
        });
  }
}
