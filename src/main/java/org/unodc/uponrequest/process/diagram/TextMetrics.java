package org.unodc.uponrequest.process.diagram;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates how wide a text is in Arial (the font bpmn-js draws with) and wraps it to a width,
 * the way Camunda Modeler wraps element names: at spaces and after hyphens, cutting a word only
 * when it is wider than the whole line. The server has no browser to measure text, so widths come
 * from Arial's advance widths (the same as Helvetica's) for Latin text and from rough averages
 * elsewhere; the SVG centres every line with {@code text-anchor="middle"}, so an estimate that is a
 * little off moves a line break, never a line off its shape.
 */
final class TextMetrics {

  /** Advance widths of the printable ASCII characters, ' ' to '~', in thousandths of an em. */
  private static final int[] ASCII = {
      278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
      556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
      1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
      667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
      333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
      556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};     // p to ~

  private TextMetrics() {}

  /** The estimated width of {@code text} at {@code fontSize} pixels. */
  static double width(String text, double fontSize) {
    double thousandths = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      thousandths += advance(cp);
      i += Character.charCount(cp);
    }
    return thousandths * fontSize / 1000.0;
  }

  private static int advance(int cp) {
    if (cp >= 32 && cp <= 126) {
      return ASCII[cp - 32];
    }
    if (cp == 0x00B7 || cp == 0x2022) {
      return 278; // middle dot, bullet
    }
    if (cp == 0x2013) {
      return 556; // en dash
    }
    if (cp == 0x2014) {
      return 1000; // em dash
    }
    if (cp >= 0x00C0 && cp <= 0x024F) {
      // accented Latin letters: as wide as the letter without its accent
      String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
      char first = base.charAt(0);
      return first >= 32 && first <= 126 ? ASCII[first - 32] : 556;
    }
    if (Character.isIdeographic(cp)
        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL
        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA
        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA
        || (cp >= 0xFF00 && cp <= 0xFFEF)) {
      return 1000;
    }
    if (Character.getType(cp) == Character.NON_SPACING_MARK) {
      return 0;
    }
    if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC) {
      return 590;
    }
    if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
      return 480;
    }
    return 556;
  }

  /**
   * Breaks {@code text} into lines no wider than {@code maxWidth}: first at the line breaks in the
   * text, then at spaces, after hyphens and at soft hyphens, and inside a word only when the word
   * alone is too wide.
   */
  static List<String> wrap(String text, double maxWidth, double fontSize) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return lines;
    }
    for (String paragraph : text.strip().split("\u00AD?\r?\n")) {
      wrapParagraph(paragraph.strip().replaceAll("\\s+", " "), maxWidth, fontSize, lines);
    }
    return lines;
  }

  private static void wrapParagraph(String paragraph, double maxWidth, double fontSize, List<String> lines) {
    if (paragraph.isEmpty()) {
      lines.add("");
      return;
    }
    StringBuilder line = new StringBuilder();
    for (String piece : pieces(paragraph)) {
      if (line.length() > 0 && width((line + piece).strip(), fontSize) > maxWidth) {
        lines.add(finish(line));
        line.setLength(0);
      }
      line.append(piece);
      String alone = line.toString().strip();
      if (width(alone, fontSize) > maxWidth) {
        // a single word wider than the line: cut it, and go on after its last part
        List<String> parts = cut(alone, maxWidth, fontSize);
        lines.addAll(parts.subList(0, parts.size() - 1));
        line.setLength(0);
        line.append(parts.get(parts.size() - 1)).append(piece.endsWith(" ") ? " " : "");
      }
    }
    if (line.length() > 0) {
      lines.add(finish(line));
    }
  }

  private static String finish(StringBuilder line) {
    String text = line.toString().strip();
    return text.endsWith("\u00AD") ? text.substring(0, text.length() - 1) + "-" : text;
  }

  /** The words of a paragraph, each with the space or hyphen that follows it. */
  private static List<String> pieces(String paragraph) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < paragraph.length(); i++) {
      char c = paragraph.charAt(i);
      if (c == ' ' || ((c == '-' || c == '\u00AD') && i > start)) {
        pieces.add(paragraph.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < paragraph.length()) {
      pieces.add(paragraph.substring(start));
    }
    return pieces;
  }

  private static List<String> cut(String word, double maxWidth, double fontSize) {
    List<String> lines = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      String next = new String(Character.toChars(cp));
      if (part.length() > 0 && width(part + next, fontSize) > maxWidth) {
        lines.add(part.toString());
        part.setLength(0);
      }
      part.append(next);
      i += Character.charCount(cp);
    }
    lines.add(part.toString());
    return lines;
  }
}
