package org.unodc.uponrequest.referencedata;

import java.util.ArrayList;
import java.util.List;

/**
 * Minimal RFC 4180 reader for the seed files: comma separated, double-quoted fields may hold
 * commas, line breaks and doubled quotes. Lines starting with '#' and blank lines between records
 * are skipped. Every record keeps the physical line it starts on, so errors can point at it.
 */
final class CsvParser {

  /** One record and the 1-based line where it starts. */
  record CsvRecord(int line, List<String> values) {}

  /** The first record is the header. */
  record CsvTable(String file, CsvRecord header, List<CsvRecord> rows) {}

  private final String file;
  private final String text;
  private int pos;
  private int line = 1;

  private CsvParser(String file, String text) {
    this.file = file;
    // a byte order mark from a spreadsheet export would otherwise end up in the first column name
    this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  static CsvTable parse(String file, String text) {
    List<CsvRecord> records = new CsvParser(file, text).records();
    if (records.isEmpty()) {
      throw new SeedDataException(file, 0, null, "file has no header row");
    }
    return new CsvTable(file, records.get(0), List.copyOf(records.subList(1, records.size())));
  }

  private List<CsvRecord> records() {
    List<CsvRecord> records = new ArrayList<>();
    while (pos < text.length()) {
      if (text.charAt(pos) == '#' || restOfLineIsBlank()) {
        skipLine();
        continue;
      }
      int start = line;
      records.add(new CsvRecord(start, record(start)));
    }
    return records;
  }

  private List<String> record(int start) {
    List<String> values = new ArrayList<>();
    while (true) {
      values.add(pos < text.length() && text.charAt(pos) == '"' ? quoted(start) : unquoted());
      if (pos >= text.length()) {
        return values;
      }
      char c = text.charAt(pos);
      if (c == ',') {
        pos++;
      } else {
        endOfLine();
        return values;
      }
    }
  }

  private String quoted(int start) {
    int fieldLine = line;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new SeedDataException(file, fieldLine, null,
            "quoted field is not closed (a '\"' is missing) before the end of the file");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
          value.append('"');
          pos += 2;
          continue;
        }
        pos++;
        break;
      }
      if (c == '\n') {
        line++;
      }
      value.append(c);
      pos++;
    }
    if (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
      throw new SeedDataException(file, line, null,
          "unexpected '" + text.charAt(pos) + "' after a closing quote (record starts on line " + start + ")");
    }
    return value.toString();
  }

  private String unquoted() {
    int begin = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ',' || c == '\r' || c == '\n') {
        break;
      }
      if (c == '"') {
        throw new SeedDataException(file, line, null,
            "'\"' inside an unquoted field; enclose the field in quotes and double the inner quote");
      }
      pos++;
    }
    return text.substring(begin, pos);
  }

  private void endOfLine() {
    if (text.charAt(pos) == '\r') {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '\n') {
      pos++;
    }
    line++;
  }

  private boolean restOfLineIsBlank() {
    for (int i = pos; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  private void skipLine() {
    while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
      pos++;
    }
    if (pos < text.length()) {
      endOfLine();
    }
  }
}
