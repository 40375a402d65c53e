package org.unodc.uponrequest.reporting;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * The report's PDF, laid out from its printable HTML by openhtmltopdf (PDFBox). Where the DejaVu
 * fonts are installed (Debian's fonts-dejavu-core) they are embedded as "report-sans", which
 * covers Latin, Greek and Cyrillic text in obstacles and names; elsewhere the PDF's standard
 * Helvetica is used, which covers Western European text only.
 */
@Component
class ReportPdf {

  static final String FONT_FAMILY = "report-sans";
  private static final File FONTS = new File("/usr/share/fonts/truetype/dejavu");

  byte[] of(String printableHtml) {
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.withHtmlContent(printableHtml, null);
    font(builder, "DejaVuSans.ttf", 400, FontStyle.NORMAL);
    font(builder, "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL);
    font(builder, "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC);
    builder.toStream(pdf);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("The report's PDF could not be made", e);
    }
    return pdf.toByteArray();
  }

  private static void font(PdfRendererBuilder builder, String file, int weight, FontStyle style) {
    File font = new File(FONTS, file);
    if (font.canRead()) {
      builder.useFont(font, FONT_FAMILY, weight, style, true);
    }
  }
}
