package org.unodc.uponrequest.security;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Member states' focal points work through the portal and {@code /api} only: the engine's doors
 * (engine-rest, the webapps and their APIs) are for UNODC staff. A signed-in user passes when
 * they belong to at least one group that is not a state's focal-point group; someone in focal-point
 * groups only, or in no group at all, is refused, as {@link EngineCaller} treats them as a state.
 */
final class MemberStatesUseThePortal implements AuthorizationManager<RequestAuthorizationContext> {

  static final String PORTAL = "/portal/requests";

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    Authentication caller = authentication.get();
    return new AuthorizationDecision(caller != null && caller.isAuthenticated()
        && SignedInGroups.includesStaff(SignedInGroups.of(caller)));
  }

  /** Refusals: a focal point opening a webapp page is sent to the portal; everything else is the usual 403. */
  static final class ToThePortal implements org.springframework.security.web.access.AccessDeniedHandler {

    private final org.springframework.security.web.util.matcher.RequestMatcher webappPages;
    private final org.springframework.security.web.access.AccessDeniedHandler otherwise =
        new org.springframework.security.web.access.AccessDeniedHandlerImpl();

    ToThePortal(org.springframework.security.web.util.matcher.RequestMatcher webappPages) {
      this.webappPages = webappPages;
    }

    @Override
    public void handle(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
        org.springframework.security.access.AccessDeniedException denied) throws java.io.IOException, jakarta.servlet.ServletException {
      if (webappPages.matches(request) && isMemberStateOnly(
          org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication())) {
        response.sendRedirect(request.getContextPath() + PORTAL);
      } else {
        otherwise.handle(request, response, denied);
      }
    }
  }

  static boolean isMemberStateOnly(Authentication caller) {
    return caller != null && caller.isAuthenticated() && !SignedInGroups.includesStaff(SignedInGroups.of(caller))
        && !"anonymousUser".equals(caller.getName());
  }
}
