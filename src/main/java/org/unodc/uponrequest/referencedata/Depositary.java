package org.unodc.uponrequest.referencedata;

/** Who keeps an instrument's treaty actions, and so publishes its status list (seeds/instruments.csv). */
public enum Depositary {
  /** The Secretary-General of the United Nations: status in the UN Treaty Collection (MTDSG). */
  UN_SECRETARY_GENERAL("Secretary-General of the United Nations"),
  ICAO("International Civil Aviation Organization"),
  IMO("Secretary-General of the International Maritime Organization"),
  IAEA("Director General of the International Atomic Energy Agency"),
  GOVERNMENTS_RUS_GBR_USA("Governments of the Russian Federation, the United Kingdom and the United States"),
  GOVERNMENTS_RUS_GBR_USA_AND_ICAO(
      "Governments of the Russian Federation, the United Kingdom and the United States, and ICAO");

  private final String label;

  Depositary(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
