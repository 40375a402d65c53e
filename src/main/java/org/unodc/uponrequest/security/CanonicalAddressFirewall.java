package org.unodc.uponrequest.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring's strict firewall (no ";", "//", "%2F", "%2E", "%25", backslash...) plus one rule: no
 * percent-encoded letter, digit or "-._~" in the path. Those mean the same as the plain character
 * (RFC 3986), no browser or HTTP library writes them, and servers disagree on decoding them, so
 * they only serve to write an address that a rule or the id seal would not recognise.
 */
class CanonicalAddressFirewall extends StrictHttpFirewall {

  private static final Pattern ENCODED_UNRESERVED = Pattern.compile("%(?:[46][1-9a-fA-F]|[57][0-9aA]|3[0-9]|2[dDeE]|5[fF]|7[eE])");

  @Override
  public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
    if (ENCODED_UNRESERVED.matcher(request.getRequestURI()).find()) {
      throw new RequestRejectedException("The request was rejected because the URL encodes a character that needs no encoding");
    }
    return super.getFirewalledRequest(request);
  }
}
