package org.unodc.uponrequest.metrics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.ThematicArea;

/**
 * The codes a manager filters by and the names shown for them: regions of the member states,
 * offices, thematic areas and priority bands, all from the reference data. A code that is not one
 * of them is refused rather than silently matching nothing.
 */
@Component
class MetricsCodes {

  static final List<String> BANDS = List.of("HIGH", "MEDIUM", "LOW");
  /** Shown for a request that has no office (yet), band (yet) or region. */
  static final String NONE_LABEL = "Not yet set";
  /** The filter value for "not set": requests without an office, a band, ... */
  static final String NONE = "none";

  private final Map<String, String> regions = new TreeMap<>();
  private final Map<String, String> offices = new LinkedHashMap<>();
  private final Map<String, String> themes = new LinkedHashMap<>();

  MetricsCodes(ReferenceData referenceData) {
    referenceData.memberStates().stream().map(MemberState::region).forEach(region -> regions.put(region, region));
    referenceData.offices().stream().sorted(Comparator.comparing(Office::name))
        .forEach(office -> offices.put(office.code(), office.name()));
    referenceData.thematicAreas().stream().sorted(Comparator.comparing(ThematicArea::label))
        .forEach(area -> themes.put(area.code(), area.label()));
  }

  String region(String value) {
    return checked("region", value, regions);
  }

  String office(String value) {
    return checked("office", value, offices);
  }

  String theme(String value) {
    return checked("theme", value, themes);
  }

  String band(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (NONE.equals(value.trim())) {
      return NONE;
    }
    if (!BANDS.contains(value.trim())) {
      throw new BadMetricsQuery("band", "'" + value + "' is not a priority band (HIGH, MEDIUM or LOW)");
    }
    return value.trim();
  }

  Map<String, String> regions() {
    return regions;
  }

  Map<String, String> offices() {
    return offices;
  }

  Map<String, String> themes() {
    return themes;
  }

  /** The name of a code of the given dimension, or the code itself when unknown. */
  String label(String dimension, String code) {
    if (code == null || code.isEmpty()) {
      return NONE_LABEL;
    }
    return switch (dimension) {
      case "office" -> offices.getOrDefault(code, code);
      case "theme" -> themes.getOrDefault(code, code);
      default -> code;
    };
  }

  private static String checked(String parameter, String value, Map<String, String> known) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String code = value.trim();
    if (NONE.equals(code)) {
      return NONE;
    }
    if (!known.containsKey(code)) {
      throw new BadMetricsQuery(parameter, "'" + (code.length() > 60 ? code.substring(0, 60) + "…" : code)
          + "' is not a known " + parameter);
    }
    return code;
  }
}
