package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** One data row of a seed file with typed, validating accessors; every failure names file, line and field. */
final class SeedRow {

  private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String file;
  private final int line;
  private final List<String> header;
  private final List<String> values;

  SeedRow(String file, int line, List<String> header, List<String> values) {
    this.file = file;
    this.line = line;
    this.header = header;
    this.values = values;
  }

  int line() {
    return line;
  }

  SeedDataException error(String field, String problem) {
    return new SeedDataException(file, line, field, problem);
  }

  /** The trimmed value, empty when the cell is empty. */
  String raw(String field) {
    int index = header.indexOf(field);
    if (index < 0) {
      throw new IllegalArgumentException("no column '" + field + "' in " + file);
    }
    return values.get(index).trim();
  }

  String text(String field) {
    String value = raw(field);
    if (value.isEmpty()) {
      throw error(field, "required value is empty");
    }
    return value;
  }

  /** The value, or {@code null} when the cell is empty. */
  String optional(String field) {
    String value = raw(field);
    return value.isEmpty() ? null : value;
  }

  boolean bool(String field) {
    String value = raw(field);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(field, "expected true or false but was '" + value + "'");
    };
  }

  int integer(String field, int min, int max) {
    String value = raw(field);
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw error(field, "expected a whole number from " + min + " to " + max + " but was '" + value + "'");
  }

  String iso3(String field) {
    return matching(field, ISO3, "an ISO 3166-1 alpha-3 code (three capital letters)");
  }

  String code(String field) {
    return matching(field, CODE, "an upper-case code (A-Z, 0-9, _)");
  }

  String id(String field) {
    return matching(field, ID, "an identifier (letters, digits, '.', '_', '-')");
  }

  String matching(String field, Pattern pattern, String expected) {
    String value = raw(field);
    if (!pattern.matcher(value).matches()) {
      throw error(field, "expected " + expected + " but was '" + value + "'");
    }
    return value;
  }

  LocalDate date(String field) {
    String value = raw(field);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw error(field, "expected a date as YYYY-MM-DD but was '" + value + "'");
    }
  }

  /** The date, or {@code null} when the cell is empty. */
  LocalDate optionalDate(String field) {
    return raw(field).isEmpty() ? null : date(field);
  }

  /** The constant, or {@code null} when the cell is empty. */
  <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
    return raw(field).isEmpty() ? null : enumValue(field, type);
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String value = raw(field);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw error(field, "expected one of " + Arrays.toString(type.getEnumConstants()) + " but was '" + value + "'");
  }

  /** Space separated values; empty list when the cell is empty. */
  List<String> list(String field) {
    String value = raw(field);
    return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
  }
}
