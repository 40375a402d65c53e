package org.unodc.uponrequest.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What the sign-in throttle needs to know about the caller, taken from the request by the form
 * login and by HTTP Basic: the client (IPv4 address, or IPv6 /64, since one host holds a whole
 * /64) and the device cookie, still unverified (it is checked against the account named).
 */
record SignInDetails(String client, String deviceCookie) {

  static final SignInDetails UNKNOWN = new SignInDetails("unknown", null);

  /** Builds the details of each sign-in request. */
  static final AuthenticationDetailsSource<HttpServletRequest, SignInDetails> SOURCE = request ->
      new SignInDetails(client(request.getRemoteAddr()), deviceCookie(request));

  static String client(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.isBlank()) {
      return UNKNOWN.client();
    }
    if (!remoteAddress.contains(":")) {
      return remoteAddress;
    }
    try {
      byte[] bytes = InetAddress.getByName(remoteAddress).getAddress(); // a literal: no name lookup
      if (bytes.length != 16) {
        return remoteAddress;
      }
      Arrays.fill(bytes, 8, 16, (byte) 0);
      return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
    } catch (UnknownHostException notAnAddress) {
      return remoteAddress;
    }
  }

  private static String deviceCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    return Arrays.stream(cookies).filter(cookie -> DeviceCookies.NAME.equals(cookie.getName()))
        .map(Cookie::getValue).findFirst().orElse(null);
  }
}
