package org.unodc.uponrequest.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of every page: the one the user chose (kept as the Camunda user's {@code locale}
 * info, so it follows the user to another browser or node), else the best of the browser's
 * {@code Accept-Language} among the six, else English. The choice is cached in the session.
 */
@Component("localeResolver")
class UserLanguage implements LocaleResolver {

  static final String USER_INFO_KEY = "locale";
  private static final String SESSION_KEY = UserLanguage.class.getName();

  private final IdentityService identityService;

  UserLanguage(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return chosen(request).orElseGet(() -> fromBrowser(request)).locale();
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    Languages language = Languages.of(locale);
    String user = user();
    if (user != null) {
      identityService.setUserInfo(user, USER_INFO_KEY, language.code());
    }
    request.getSession().setAttribute(SESSION_KEY, language);
  }

  private Optional<Languages> chosen(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_KEY) instanceof Languages remembered) {
      return Optional.of(remembered);
    }
    String user = user();
    if (user == null) {
      return Optional.empty();
    }
    Optional<Languages> stored = Languages.of(identityService.getUserInfo(user, USER_INFO_KEY));
    if (session != null) {
      stored.ifPresent(language -> session.setAttribute(SESSION_KEY, language));
    }
    return stored;
  }

  private static Languages fromBrowser(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    if (header == null || header.isBlank()) {
      return Languages.EN;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
        Optional<Languages> language = Languages.of(range.getRange());
        if (language.isPresent() && range.getWeight() > 0) {
          return language.get();
        }
      }
    } catch (IllegalArgumentException malformed) {
      // a malformed header counts as no preference
    }
    return Languages.EN;
  }

  private static String user() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
        || "anonymousUser".equals(authentication.getName()) ? null : authentication.getName();
  }
}
