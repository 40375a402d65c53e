package org.unodc.uponrequest.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Spring Security checks passwords with Camunda's identity service, so an account made in
 * Camunda Admin logs into every door; every check passes the {@link SignInThrottle} first (the
 * form login and HTTP Basic both end here). Groups become authorities {@code GROUP_<id>}.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  /** One message for unknown user, wrong password and held back: no hint which. */
  static final String REFUSED = "Wrong user name or password, or too many attempts: try again in a minute";

  private static final Logger LOG = LoggerFactory.getLogger(CamundaIdentityAuthenticationProvider.class);

  private final IdentityService identityService;
  private final SignInThrottle throttle;
  private final DeviceCookies deviceCookies;

  CamundaIdentityAuthenticationProvider(@Lazy IdentityService identityService, SignInThrottle throttle,
      DeviceCookies deviceCookies) {
    this.identityService = identityService;
    this.throttle = throttle;
    this.deviceCookies = deviceCookies;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    SignInDetails details = authentication.getDetails() instanceof SignInDetails known ? known : SignInDetails.UNKNOWN;
    if (user == null || user.isBlank() || password == null) {
      throw new BadCredentialsException(REFUSED);
    }
    String device = deviceCookies.deviceOf(details.deviceCookie(), user, throttle.now()).orElse(null);
    Optional<SignInThrottle.Admission> admission = throttle.admit(new SignInThrottle.Attempt(user, details.client(), device));
    if (admission.isEmpty()) {
      LOG.warn("Sign-in held back by the throttle: user={} client={} device={}", loggable(user), details.client(), device != null);
      throw new BadCredentialsException(REFUSED);
    }
    try (SignInThrottle.Admission admitted = admission.get()) {
      if (!identityService.checkPassword(user, password.toString())) {
        LOG.warn("Sign-in failed (wrong password or unknown user): user={} client={} device={}", loggable(user),
            details.client(), device != null);
        throw new BadCredentialsException(REFUSED);
      }
      admitted.forgive();
    }
    List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(user).list().stream()
        .map(group -> new SimpleGrantedAuthority(SignedInGroups.PREFIX + group.getId()))
        .toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** The name as typed, without line breaks or control characters that could forge log lines. */
  static String loggable(String user) {
    String cleaned = user.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
  }
}
