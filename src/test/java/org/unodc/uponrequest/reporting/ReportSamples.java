package org.unodc.uponrequest.reporting;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Leaves a report's HTML, PDF and the PDF's first page as PNG under target/reports/, for a person to look at. */
final class ReportSamples {

  static final Path OUT = Path.of("target", "reports");

  static void keep(String name, String html, byte[] pdf) {
    try {
      Files.createDirectories(OUT);
      Files.writeString(OUT.resolve(name + ".html"), html, StandardCharsets.UTF_8);
      Files.write(OUT.resolve(name + ".pdf"), pdf);
      try (PDDocument document = Loader.loadPDF(pdf)) {
        PDFRenderer renderer = new PDFRenderer(document);
        for (int page = 0; page < Math.min(3, document.getNumberOfPages()); page++) {
          BufferedImage image = renderer.renderImageWithDPI(page, 110);
          ImageIO.write(image, "png", OUT.resolve(name + "-page" + (page + 1) + ".png").toFile());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ReportSamples() {}
}
