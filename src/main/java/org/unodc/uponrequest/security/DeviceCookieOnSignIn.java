package org.unodc.uponrequest.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** After a right password on the sign-in page: the device cookie, then on to where the user was going. */
class DeviceCookieOnSignIn extends SavedRequestAwareAuthenticationSuccessHandler {

  private final DeviceCookies deviceCookies;
  private final SignInThrottle throttle;

  DeviceCookieOnSignIn(DeviceCookies deviceCookies, SignInThrottle throttle) {
    this.deviceCookies = deviceCookies;
    this.throttle = throttle;
    setDefaultTargetUrl("/");
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws ServletException, IOException {
    deviceCookies.issue(authentication.getName(), throttle.now(), response);
    super.onAuthenticationSuccess(request, response, authentication);
  }
}
