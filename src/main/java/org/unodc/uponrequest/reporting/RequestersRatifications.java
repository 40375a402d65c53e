package org.unodc.uponrequest.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.Instrument;
import org.unodc.uponrequest.referencedata.Ratification;
import org.unodc.uponrequest.referencedata.RatificationStatus;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.reporting.ReportFigures.InstrumentCount;
import org.unodc.uponrequest.reporting.ReportFigures.Ratifications;
import org.unodc.uponrequest.reporting.ReportFigures.StateStatus;

/**
 * Para 29 asks for the status of ratifications of the Organized Crime Convention and its
 * Protocols; the Convention against Corruption is added, as UNODC reports them together. Taken
 * from the reference data (seeds/ratifications.csv) for the states that filed requests in the
 * period, with the data's date, and marked illustrative while the seeds say they are.
 */
@Component
class RequestersRatifications {

  static final List<String> INSTRUMENTS = List.of("UNTOC", "UNTOC_TIP", "UNTOC_SOM", "UNTOC_FIREARMS", "UNCAC");

  private final ReferenceData referenceData;

  RequestersRatifications(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  /** @param requestsByState the requesting states (ISO3) and their requests in the period */
  Ratifications of(Map<String, Long> requestsByState) {
    List<String> known = requestsByState.keySet().stream().filter(iso3 -> referenceData.memberState(iso3).isPresent()).toList();
    List<InstrumentCount> instruments = new ArrayList<>();
    for (String code : INSTRUMENTS) {
      long parties = 0;
      long signatories = 0;
      for (String state : known) {
        RatificationStatus status = referenceData.ratificationStatus(state, code);
        parties += status == RatificationStatus.PARTY || status == RatificationStatus.CONSENTED ? 1 : 0;
        signatories += status == RatificationStatus.SIGNATORY ? 1 : 0;
      }
      instruments.add(new InstrumentCount(code, referenceData.instrument(code).map(Instrument::shortName).orElse(code),
          parties, signatories, known.size() - parties - signatories));
    }
    List<StateStatus> states = known.stream()
        .map(iso3 -> new StateStatus(iso3, referenceData.memberState(iso3).orElseThrow().name(), requestsByState.get(iso3),
            INSTRUMENTS.stream().map(code -> words(referenceData.ratificationStatus(iso3, code))).toList()))
        .sorted(java.util.Comparator.comparing(StateStatus::name))
        .toList();
    String source = referenceData.ratifications().stream().map(Ratification::source).findFirst().orElse("");
    return new Ratifications(referenceData.ratificationsAsOf().orElse(null), referenceData.ratificationsIllustrative(),
        source, instruments, states);
  }

  static String words(RatificationStatus status) {
    return switch (status) {
      case PARTY -> "Party";
      case SIGNATORY -> "Signatory";
      case NOT_PARTY -> "Not party";
      case CONSENTED -> "Consented, not in force";
    };
  }
}
