package org.unodc.uponrequest.referencedata;

/**
 * A seed file that cannot be used. The message names file, line and field so that whoever edits
 * the CSV can find the cell, e.g. {@code seeds/member-states.csv line 14, field 'ldc': expected
 * true or false but was 'yes'}.
 */
public class SeedDataException extends RuntimeException {

  private final String file;
  private final int line;
  private final String field;

  /**
   * @param line 1-based physical line in the file, or 0 when the problem has no single line
   * @param field column name, or {@code null} when the problem concerns a whole row or file
   */
  public SeedDataException(String file, int line, String field, String problem) {
    this(file, line, field, problem, null);
  }

  public SeedDataException(String file, int line, String field, String problem, Throwable cause) {
    super(format(file, line, field, problem), cause);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }

  private static String format(String file, int line, String field, String problem) {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(" line ").append(line);
    }
    if (field != null) {
      text.append(", field '").append(field).append('\'');
    }
    return text.append(": ").append(problem).toString();
  }
}
