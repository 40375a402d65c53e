package org.unodc.uponrequest.process.diagram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Writes SVG markup: elements with presentation attributes only (no {@code style}, so the page's
 * Content-Security-Policy needs no 'unsafe-inline'), every attribute value and every text
 * XML-escaped, numbers written the same way in every locale.
 */
final class Svg {

  private final StringBuilder out = new StringBuilder(64 * 1024);

  /** Opens {@code <name a="v" ...>}; {@code attributes} are name, value pairs; null values are left out. */
  Svg open(String name, Object... attributes) {
    start(name, attributes);
    out.append('>');
    return this;
  }

  Svg close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** Writes an empty element {@code <name a="v" .../>}. */
  Svg empty(String name, Object... attributes) {
    start(name, attributes);
    out.append("/>");
    return this;
  }

  /** Writes {@code <name ...>text</name>}. */
  Svg element(String name, String text, Object... attributes) {
    open(name, attributes);
    out.append(escape(text));
    return close(name);
  }

  Svg newline() {
    out.append('\n');
    return this;
  }

  private void start(String name, Object... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    out.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(attributes[i]).append("=\"").append(escape(format(value))).append('"');
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    return String.valueOf(value);
  }

  /** A number with at most two decimals, without a trailing zero, with a dot in every locale. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    String text = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return "-0".equals(text) ? "0" : text;
  }

  static String points(List<Point> points) {
    StringBuilder text = new StringBuilder();
    for (Point point : points) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(number(point.x())).append(',').append(number(point.y()));
    }
    return text.toString();
  }

  /**
   * Escapes text for XML content and attribute values; characters XML 1.0 cannot hold at all
   * (control characters, unpaired surrogates) are left out.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            escaped.append(c).append(text.charAt(++i));
          } else if (allowed(c)) {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  private static boolean allowed(char c) {
    return c == '\t' || c == '\n' || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF && !Character.isSurrogate(c))
        || (c >= 0xE000 && c <= 0xFFFD);
  }

  /** A point of the diagram, in the model's coordinates. */
  record Point(double x, double y) {}
}
