package org.unodc.uponrequest.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Administrators see which accounts, clients and browsers the sign-in throttle holds back or watches. */
@Controller
class ThrottledSignInsController {

  /** One line of the page; times in UTC, {@code heldUntil} null when the key may try now. */
  record Line(String countedAgainst, String name, int failures, String lastFailure, String heldUntil) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final SignInThrottle throttle;

  ThrottledSignInsController(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @GetMapping(SecurityConfiguration.THROTTLED_SIGN_INS)
  String throttledSignIns(Model model) {
    Instant now = throttle.now();
    model.addAttribute("now", TIME.format(now));
    model.addAttribute("lines", throttle.watched().stream().map(key -> new Line(
        switch (key.kind()) {
          case ACCOUNT -> "Account";
          case CLIENT -> "Client address";
          case DEVICE -> "A signed-in browser of the account";
        },
        key.kind() == SignInThrottle.Kind.DEVICE ? key.account() : key.name(),
        key.failures(),
        TIME.format(key.lastFailure()),
        key.held(now) ? TIME.format(key.heldUntil()) : null)).toList());
    return "throttled-sign-ins";
  }
}
