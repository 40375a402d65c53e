package org.unodc.uponrequest.referencedata;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one seed file, read with Jackson's CSV parser: RFC 4180 quoting (double-quoted
 * values may hold commas, line breaks and doubled quotes), lines starting with '#' are comments,
 * blank lines are skipped. Every record keeps the physical line it starts on, so errors can point
 * at it; a file that is not valid CSV fails with the line (and column) where the bad value starts.
 */
final class SeedCsv {

  /** One record and the 1-based line where it starts. */
  record Record(int line, List<String> values) {}

  /** The first record is the header. */
  record Table(String file, Record header, List<Record> rows) {}

  private static final CsvMapper CSV = new CsvMapper();
  private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withComments();

  private SeedCsv() {}

  /**
   * @param file the name used in error messages, e.g. "seeds/offices.csv"
   * @param text the whole file, already decoded
   */
  static Table parse(String file, String text) {
    // a byte order mark from a spreadsheet export would otherwise end up in the first column name
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Record> records = new ArrayList<>();
    List<String> values = new ArrayList<>();
    try (CsvParser parser = CSV.getFactory().createParser(content)) {
      parser.setSchema(SCHEMA);
      parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
      try {
        if (parser.nextToken() == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_ARRAY) {
            int line = 0;
            for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
              if (values.isEmpty()) {
                line = parser.currentTokenLocation().getLineNr();
              }
              values.add(parser.getValueAsString(""));
            }
            records.add(new Record(line, List.copyOf(values)));
            values = new ArrayList<>();
          }
        }
      } catch (StreamReadException e) {
        // the location of the value being read: where an unclosed quote opened, not the end of the file
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr() > 0 ? at.getLineNr() : e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        // the column of the value being read, once the header is known
        String field = records.isEmpty() || values.size() >= records.get(0).values().size()
            ? null : records.get(0).values().get(values.size()).trim();
        throw new SeedDataException(file, line, field, "not valid CSV: " + e.getOriginalMessage()
            + " (a value containing a comma, a double quote or a line break must be enclosed in double quotes,"
            + " and a double quote inside it doubled)", e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + " from memory", e);
    }
    if (records.isEmpty()) {
      throw new SeedDataException(file, 0, null, "file has no header row");
    }
    return new Table(file, records.get(0), List.copyOf(records.subList(1, records.size())));
  }
}
