package org.unodc.uponrequest.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A document keeps a safe name: no folders, no control or formatting characters, no leading dots, bounded, the right extension. */
class DocumentNamesTest {

  @Test
  void folderPartsAreDropped() {
    assertThat(DocumentNames.safe("../../etc/passwd", DocumentType.PDF)).isEqualTo("passwd.pdf");
    assertThat(DocumentNames.safe("C:\\Users\\focal\\Documents\\Draft law.docx", DocumentType.DOCX)).isEqualTo("Draft law.docx");
    assertThat(DocumentNames.safe("..", DocumentType.PDF)).isEqualTo("document.pdf");
    assertThat(DocumentNames.safe("reports/../", DocumentType.PDF)).isEqualTo("document.pdf");
  }

  @Test
  void controlAndFormattingCharactersAndReservedOnesAreReplaced() {
    assertThat(DocumentNames.safe("budget\r\nContent-Type: evil.xlsx", DocumentType.XLSX))
        .isEqualTo("budget_Content-Type_ evil.xlsx");
    assertThat(DocumentNames.safe("tab\tbell\u0007delete\u007f.pdf", DocumentType.PDF)).isEqualTo("tab_bell_delete_.pdf");
    assertThat(DocumentNames.safe("photo\u0000.png", DocumentType.PNG)).isEqualTo("photo_.png");
    // a right-to-left override that shows "invoice_fdp.exe" as "invoice_exe.pdf"
    assertThat(DocumentNames.safe("invoice_\u202Efdp.exe", DocumentType.PDF)).isEqualTo("invoice_fdp.pdf");
    assertThat(DocumentNames.safe("a\"b<c>d|e?f*g%h;i.pdf", DocumentType.PDF)).isEqualTo("a_b_c_d_e_f_g_h_i.pdf");
  }

  @Test
  void noLeadingDotsAndNoTrailingOnes() {
    assertThat(DocumentNames.safe(".htaccess", DocumentType.PDF)).isEqualTo("htaccess.pdf");
    assertThat(DocumentNames.safe("...hidden.pdf", DocumentType.PDF)).isEqualTo("hidden.pdf");
    assertThat(DocumentNames.safe("  report. .pdf", DocumentType.PDF)).isEqualTo("report.pdf");
  }

  @Test
  void theExtensionFitsTheTypeFoundInTheContent() {
    assertThat(DocumentNames.safe("minutes.exe", DocumentType.PDF)).isEqualTo("minutes.pdf");
    assertThat(DocumentNames.safe("report.pdf.exe", DocumentType.PDF)).isEqualTo("report.pdf.pdf");
    assertThat(DocumentNames.safe("Photo.JPEG", DocumentType.JPEG)).isEqualTo("Photo.jpeg");
    assertThat(DocumentNames.safe("photo.png", DocumentType.JPEG)).isEqualTo("photo.jpg");
    assertThat(DocumentNames.safe("workbook", DocumentType.XLS)).isEqualTo("workbook.xls");
    assertThat(DocumentNames.safe(null, DocumentType.DOC)).isEqualTo("document.doc");
    assertThat(DocumentNames.safe("CON.pdf", DocumentType.PDF)).isEqualTo("_CON.pdf");
  }

  @Test
  void theLengthIsLimitedWithoutSplittingACharacter() {
    String name = DocumentNames.safe("\uD83D\uDCC4".repeat(200) + ".pdf", DocumentType.PDF);
    assertThat(name.codePointCount(0, name.length())).isEqualTo(DocumentNames.MAX_LENGTH);
    assertThat(name).endsWith("\uD83D\uDCC4.pdf");
    assertThat(DocumentNames.safe("x".repeat(500) + ".docx", DocumentType.DOCX)).hasSize(DocumentNames.MAX_LENGTH).endsWith("x.docx");
    assertThat(DocumentNames.safe("Projet de loi \u00e9\u0301t\u00e9.pdf", DocumentType.PDF)).isEqualTo("Projet de loi \u00e9\u0301t\u00e9.pdf");
  }
}
