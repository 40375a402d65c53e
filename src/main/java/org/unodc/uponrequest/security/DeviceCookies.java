package org.unodc.uponrequest.security;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * OWASP "device cookies": after a right password the browser gets a signed cookie naming the
 * account, a random device id and an expiry. A later sign-in to that account showing the cookie
 * is counted against that device alone, so a stranger's guesses cannot keep the owner out.
 * The signing key comes from {@code UPONREQUEST_DEVICE_COOKIE_KEY}, or is made at start (cookies
 * then last until the next restart, which only costs the owner the fallback to the shared limits).
 */
@Component
class DeviceCookies {

  static final String NAME = "UPONREQUEST_DEVICE";
  static final Duration LIFETIME = Duration.ofDays(30);
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final boolean secure;
  private final SecureRandom random = new SecureRandom();

  DeviceCookies(@Value("${UPONREQUEST_DEVICE_COOKIE_KEY:}") String configuredKey,
      @Value("${server.servlet.session.cookie.secure:false}") boolean secure) {
    byte[] bytes = configuredKey.isBlank() ? new byte[32] : configuredKey.getBytes(StandardCharsets.UTF_8);
    if (configuredKey.isBlank()) {
      random.nextBytes(bytes);
    }
    this.key = new SecretKeySpec(bytes, ALGORITHM);
    this.secure = secure;
  }

  /** Sets a fresh cookie for the account; only the sign-in form reads it back (path /login). */
  void issue(String account, Instant now, HttpServletResponse response) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    String payload = BASE64.encodeToString(SignInThrottle.normalised(account).getBytes(StandardCharsets.UTF_8))
        + "." + HexFormat.of().formatHex(id) + "." + now.plus(LIFETIME).getEpochSecond();
    ResponseCookie cookie = ResponseCookie.from(NAME, payload + "." + sign(payload))
        .path(SecurityConfiguration.LOGIN_PAGE).httpOnly(true).secure(secure).sameSite("Strict").maxAge(LIFETIME).build();
    response.addHeader("Set-Cookie", cookie.toString());
  }

  /** The device id of a cookie that is genuine, unexpired and issued for this account. */
  Optional<String> deviceOf(String cookie, String account, Instant now) {
    if (cookie == null) {
      return Optional.empty();
    }
    String[] parts = cookie.split("\\.");
    if (parts.length != 4) {
      return Optional.empty();
    }
    String payload = parts[0] + "." + parts[1] + "." + parts[2];
    if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    String named = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    long expires;
    try {
      expires = Long.parseLong(parts[2]);
    } catch (NumberFormatException malformed) {
      return Optional.empty();
    }
    if (!named.equals(SignInThrottle.normalised(account)) || !Instant.ofEpochSecond(expires).isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(named + "/" + parts[1]);
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return BASE64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", impossible);
    }
  }
}
