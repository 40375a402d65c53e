package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A convention or protocol (seeds/instruments.csv).
 *
 * @param treatyReference UN Treaty Collection (MTDSG) reference, e.g. "XVIII-12-a", only for
 *     instruments deposited with the Secretary-General, otherwise {@code null}
 * @param entryIntoForce date the instrument entered into force, {@code null} while it is not in force
 */
public record Instrument(
    String code,
    String shortName,
    String title,
    String treatyReference,
    Depositary depositary,
    InstrumentFamily family,
    LocalDate entryIntoForce) {

  public Instrument {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(depositary, "depositary");
    Objects.requireNonNull(family, "family");
  }

  public boolean inForce() {
    return entryIntoForce != null;
  }

  /** In force on that date (entered into force on or before it). */
  public boolean inForceOn(LocalDate date) {
    return entryIntoForce != null && !entryIntoForce.isAfter(date);
  }

  public boolean depositedWithSecretaryGeneral() {
    return depositary == Depositary.UN_SECRETARY_GENERAL;
  }
}
