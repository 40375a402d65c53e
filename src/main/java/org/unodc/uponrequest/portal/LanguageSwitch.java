package org.unodc.uponrequest.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language switcher: remembers the choice for the user and returns to the page it was made on.
 * A language the portal does not speak is refused (400) and nothing is remembered; a return address
 * that is not one of the portal's pages is replaced by the user's requests (never an open redirect),
 * since the page's own address may hold a query the pattern does not take.
 */
@Controller
class LanguageSwitch {

  /** Only the portal's own pages are returned to, so the switcher cannot be used to send users elsewhere. */
  private static final Pattern PORTAL_PAGE = Pattern.compile("/portal(/[A-Za-z0-9\\-/]*)?(\\?[A-Za-z0-9=&%+\\-_.]*)?");

  private final LocaleResolver languages;

  LanguageSwitch(LocaleResolver languages) {
    this.languages = languages;
  }

  @PostMapping("/portal/language")
  String change(@RequestParam(defaultValue = "") String language, @RequestParam(name = "return", defaultValue = "") String back,
      HttpServletRequest request, HttpServletResponse response) {
    Languages chosen = Languages.of(language).filter(known -> known.code().equals(language))
        .orElseThrow(PortalPages::unreadableForm);
    languages.setLocale(request, response, chosen.locale());
    return "redirect:" + (PORTAL_PAGE.matcher(back).matches() && !back.contains("//") ? back : PortalPages.HOME);
  }
}
