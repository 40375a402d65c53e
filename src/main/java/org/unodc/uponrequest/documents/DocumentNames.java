package org.unodc.uponrequest.documents;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The name a document is kept and offered under, made from the name the uploader's computer gave
 * it: the last path segment only (no folders, whichever separator), Unicode NFC, no control or
 * invisible formatting characters (e.g. right-to-left overrides that disguise an extension),
 * none of the characters Windows or a Content-Disposition header cannot carry, no leading dots or
 * spaces (hidden files, "..") and no trailing ones, at most {@link #MAX_LENGTH} characters, and an
 * extension that fits the type found in the content, whatever extension the name had.
 */
public final class DocumentNames {

  /** Characters in all, extension included. */
  public static final int MAX_LENGTH = 120;

  static final String FALLBACK = "document";

  /** Device names Windows will not open as files, whatever the extension. */
  private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
      "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private DocumentNames() {}

  public static String safe(String given, DocumentType type) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = Normalizer.normalize(name, Normalizer.Form.NFC);
    StringBuilder kept = new StringBuilder();
    name.codePoints().forEach(c -> kept.appendCodePoint(allowed(c) ? c : '_'));
    name = kept.toString().replaceAll("_{2,}", "_").replaceAll("\\s+", " ").replaceAll("^[.\\s]+", "");

    String extension = "";
    int dot = name.lastIndexOf('.');
    if (dot >= 0) {
      extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
      name = name.substring(0, dot);
    }
    if (!type.extensions().contains(extension)) {
      extension = type.extensions().get(0);
    }
    name = trim(name);
    if (name.isEmpty() || name.chars().allMatch(c -> c == '_')) {
      name = FALLBACK;
    }
    if (RESERVED.contains(name.toUpperCase(Locale.ROOT).replaceFirst("\\..*$", ""))) {
      name = "_" + name;
    }
    int room = MAX_LENGTH - extension.length() - 1;
    if (name.codePointCount(0, name.length()) > room) {
      name = trim(name.substring(0, name.offsetByCodePoints(0, room)));
    }
    return name + "." + extension;
  }

  /** Leading and trailing dots, spaces and underscores off. */
  private static String trim(String name) {
    return name.replaceAll("^[.\\s_]+", "").replaceAll("[.\\s]+$", "");
  }

  private static boolean allowed(int c) {
    if ("<>:\"/\\|?*%;".indexOf(c) >= 0) {
      return false;
    }
    int type = Character.getType(c);
    return !(type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || c == 0xFFFD);
  }
}
