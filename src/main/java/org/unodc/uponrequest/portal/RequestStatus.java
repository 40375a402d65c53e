package org.unodc.uponrequest.portal;

import org.unodc.uponrequest.process.Outcome;

/** Where a request stands in one word: open, or how it ended. */
enum RequestStatus {
  OPEN, WITHDRAWN, DECLINED, UNFUNDED, COMPLETED;

  static RequestStatus of(boolean open, Object outcome) {
    if (open || outcome == null) {
      return OPEN;
    }
    return switch (Outcome.valueOf(outcome.toString())) {
      case COMPLETED -> COMPLETED;
      case DECLINED -> DECLINED;
      case WITHDRAWN, WITHDRAWN_NO_ANSWER -> WITHDRAWN;
      case CLOSED_UNFUNDED -> UNFUNDED;
    };
  }
}
