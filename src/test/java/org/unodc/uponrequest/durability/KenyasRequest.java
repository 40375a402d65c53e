package org.unodc.uponrequest.durability;

/** A request of Kenya's, as the drills and benchmarks file it over HTTP. */
public final class KenyasRequest {

  private KenyasRequest() {}

  /** Exactly the fields of the start form (forms/request-submission.form), as engine-rest's submit-form takes them. */
  public static String startForm(String title) {
    return """
        {"variables":{
          "memberState":{"value":"KEN"},
          "title":{"value":"%s"},
          "description":{"value":"Training and advisory support for the national authorities named in the annex."},
          "thematicAreas":{"value":"[\\"CORRUPTION\\"]","type":"Json"},
          "assistanceTypes":{"value":"[\\"CAPACITY_BUILDING\\"]","type":"Json"},
          "estimatedBudgetUsd":{"value":250000},
          "urgency":{"value":"NORMAL"},
          "requesterName":{"value":"Wanjiru Kamau"},
          "requesterEmail":{"value":"wanjiru.kamau@example.org"}
        }}""".formatted(title);
  }

  /** The same request as the API takes it: the form's fields as a JSON object. */
  public static String api(String title) {
    return """
        {"memberState":"KEN","title":"%s",
         "description":"Training and advisory support for the national authorities named in the annex.",
         "thematicAreas":["CORRUPTION"],"assistanceTypes":["CAPACITY_BUILDING"],"estimatedBudgetUsd":250000,
         "urgency":"NORMAL","requesterName":"Wanjiru Kamau","requesterEmail":"wanjiru.kamau@example.org"}""".formatted(title);
  }
}
