package org.unodc.uponrequest.referencedata;

/**
 * The treaty action behind a ratification row (seeds/ratifications.csv), with the letter the UN
 * Treaty Collection prints after the date in its status lists.
 */
public enum ConsentAction {
  SIGNATURE(""),
  RATIFICATION(""),
  ACCEPTANCE("A"),
  APPROVAL("AA"),
  ACCESSION("a"),
  SUCCESSION("d"),
  FORMAL_CONFIRMATION("c"),
  DEFINITIVE_SIGNATURE("s");

  private final String suffix;

  ConsentAction(String suffix) {
    this.suffix = suffix;
  }

  /** The UN Treaty Collection's letter ("a" for accession...), empty for ratification and signature. */
  public String suffix() {
    return suffix;
  }

  /** An act by which a state consents to be bound (everything but a simple signature). */
  public boolean consentToBeBound() {
    return this != SIGNATURE;
  }

  /** The consent action the letter stands for; no letter means ratification. */
  public static ConsentAction ofSuffix(String suffix) {
    String letter = suffix == null ? "" : suffix.trim();
    if (letter.isEmpty()) {
      return RATIFICATION;
    }
    for (ConsentAction action : values()) {
      if (action != SIGNATURE && action.suffix.equals(letter)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown treaty action letter '" + letter + "'");
  }
}
