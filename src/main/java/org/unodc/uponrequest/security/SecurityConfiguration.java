package org.unodc.uponrequest.security;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPatternParser;
import org.unodc.uponrequest.process.Groups;

/**
 * One login for every door. Spring Security authenticates (form login for people, HTTP Basic
 * for machines) against Camunda's identity service, through the sign-in throttle; Camunda's own
 * filters then take the authenticated user from the request, so Tasklist, Cockpit and Admin open
 * without a second login and engine-rest runs every call as that user, with Camunda
 * authorizations applied.
 *
 * <p>Every rule matches the decoded, normalised path ({@link PathPatternRequestMatcher}: percent
 * decoding, no matrix parameters), and is written with a trailing {@code /**} where the address
 * may go on, so "/verify", "/verify/" and "/verify;x=y" are one door. The firewall turns away the
 * spellings that cannot be normalised safely (see {@link CanonicalAddressFirewall}).
 */
@Configuration
class SecurityConfiguration {

  static final String LOGIN_PAGE = "/login";
  static final String ENGINE_REST = "/engine-rest";
  static final String THROTTLED_SIGN_INS = "/security/throttled-sign-ins";
  /** The product's pages for administrators, e.g. the mail outbox (notifications/OutboxPage). */
  static final String ADMIN_PAGES = "/admin";
  /** The managers' dashboard, reports and the figures behind them (metrics, reporting). */
  public static final String MANAGER_PAGES = "/manager";
  public static final String METRICS_API = "/api/metrics";

  /** Policy for the product's own pages; the Camunda webapps send their own (nonce-based) policy. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  /**
   * Any path of the application, servlet or not (engine-rest and the webapps are Jersey, not MVC).
   * Case-blind: a rule that refuses holds for every case; one that admits opens nothing more, as
   * the servlets behind are case-sensitive.
   */
  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withPathPatternParser(caseBlind());

  private static PathPatternParser caseBlind() {
    PathPatternParser parser = new PathPatternParser();
    parser.setCaseSensitive(false);
    return parser;
  }

  static RequestMatcher path(String pattern) {
    return PATHS.matcher(pattern);
  }

  static RequestMatcher path(HttpMethod method, String pattern) {
    return PATHS.matcher(method, pattern);
  }

  private static final String[] MANAGERS_OR_ADMINS = {SignedInGroups.PREFIX + Groups.MANAGERS,
      SignedInGroups.PREFIX + Groups.CAMUNDA_ADMIN};

  /**
   * The engine's activity counts (instances, tasks, decisions per period): what the programme
   * delivers is the managers' to read, not every officer's.
   */
  static RequestMatcher engineMetrics() {
    return new OrRequestMatcher(path(ENGINE_REST + "/metrics/**"), path(ENGINE_REST + "/engine/{engine}/metrics/**"),
        path("/camunda/api/engine/engine/{engine}/metrics/**"));
  }

  /** The same builder for rules given as plain strings, so none falls back to servlet-specific matching. */
  @Bean
  PathPatternRequestMatcher.Builder pathPatternRequestMatcherBuilder() {
    return PATHS;
  }

  @Bean
  WebSecurityCustomizer canonicalAddresses() {
    return web -> web.httpFirewall(new CanonicalAddressFirewall());
  }

  /** A refused spelling is the caller's mistake (400), not the server's (500); problem details at the API. */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return new RejectedAddresses();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Camunda's password checks other than the product's sign-in: they would tell anyone signed in
   * whether another user's password is right (an oracle outside the throttle). Every engine name.
   */
  static RequestMatcher camundaPasswordChecks() {
    return new OrRequestMatcher(
        path(ENGINE_REST + "/identity/verify/**"),
        path(ENGINE_REST + "/engine/*/identity/verify/**"),
        path("/camunda/api/engine/engine/*/identity/verify/**"),
        path("/camunda/api/*/auth/user/*/login/**"));
  }

  /**
   * engine-rest is for machine clients: HTTP Basic on every call, no session, so a browser
   * session can never be ridden across sites into it (no CSRF surface).
   */
  @Bean
  @Order(1)
  SecurityFilterChain engineRest(HttpSecurity http, CamundaIdentityAuthenticationProvider identity) throws Exception {
    BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
    challenge.setRealmName("UponRequest");
    return http
        .securityMatcher(path(ENGINE_REST + "/**"))
        .authenticationProvider(identity)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(camundaPasswordChecks()).denyAll()
            .requestMatchers(engineMetrics()).hasAnyAuthority(MANAGERS_OR_ADMINS)
            // member states' focal points use the portal and /api
            .anyRequest().access(new MemberStatesUseThePortal()))
        .httpBasic(basic -> basic.authenticationEntryPoint(challenge).authenticationDetailsSource(SignInDetails.SOURCE))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(context -> context.requireExplicitSave(true))
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(challenge))
        .build();
  }

  /** Everything else: the product's pages, /api and the Camunda webapps. */
  @Bean
  @Order(2)
  SecurityFilterChain application(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
      DeviceCookies deviceCookies, SignInThrottle throttle) throws Exception {
    var api = path("/api/**");
    var webappApi = path("/camunda/api/**");
    var webappLogout = path(HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout");
    var machineClient = new RequestHeaderRequestMatcher("Authorization");
    var productPages = new NegatedRequestMatcher(path("/camunda/**"));
    return http
        .authenticationProvider(identity)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(path(LOGIN_PAGE), path("/error"), path("/actuator/health/**"), path("/css/**"),
                path("/js/sign-in.js"), path("/images/**"), path("/favicon.ico")).permitAll()
            .requestMatchers(camundaPasswordChecks()).denyAll()
            .requestMatchers(engineMetrics()).hasAnyAuthority(MANAGERS_OR_ADMINS)
            // member states' focal points use the portal and /api; the webapps and their APIs are UNODC's
            .requestMatchers(path("/camunda/**")).access(new MemberStatesUseThePortal())
            // monitoring: managers and the metrics account (e.g. a Prometheus server's), nobody else
            .requestMatchers(path("/actuator/prometheus"), path("/actuator/prometheus/**"))
                .hasAnyAuthority(SignedInGroups.PREFIX + Groups.MANAGERS, SignedInGroups.PREFIX + Groups.METRICS_READERS)
            .requestMatchers(path(MANAGER_PAGES), path(MANAGER_PAGES + "/**"), path(METRICS_API + "/**"))
                .hasAuthority(SignedInGroups.PREFIX + Groups.MANAGERS)
            .requestMatchers(path(THROTTLED_SIGN_INS + "/**"), path(ADMIN_PAGES + "/**"))
                .hasAuthority(SignedInGroups.PREFIX + Groups.CAMUNDA_ADMIN)
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage(LOGIN_PAGE).failureUrl(LOGIN_PAGE + "?error")
            .authenticationDetailsSource(SignInDetails.SOURCE)
            .successHandler(new DeviceCookieOnSignIn(deviceCookies, throttle)))
        .httpBasic(basic -> basic.realmName("UponRequest").authenticationDetailsSource(SignInDetails.SOURCE))
        // the webapps' own logout button must end the Spring session too, or the next request logs straight back in
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(path(HttpMethod.POST, "/logout"), webappLogout))
            .logoutSuccessHandler((request, response, authentication) -> {
              if (webappLogout.matches(request)) {
                response.setStatus(HttpServletResponse.SC_OK);
              } else {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?logout");
              }
            }))
        // the webapps run Camunda's own CSRF filter; machine clients authenticate every call
        .csrf(csrf -> csrf.ignoringRequestMatchers(path("/camunda/**"), machineClient))
        .exceptionHandling(e -> e
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                new OrRequestMatcher(api, webappApi))
            // a focal point opening Tasklist or another webapp page is taken to the portal; any other refusal is a 403
            .accessDeniedHandler(new MemberStatesUseThePortal.ToThePortal(path(HttpMethod.GET, "/camunda/app/**"))))
        .headers(headers -> headers
            .frameOptions(frame -> frame.deny())
            .cacheControl(cache -> cache.disable()) // replaced by one that lets browsers keep the webapps' files
            .addHeaderWriter(WebappFiles.cacheControl())
            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(productPages,
                new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY))))
        .build();
  }

  /** Single sign-on into Tasklist, Cockpit and Admin from the Spring session. */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
    var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setInitParameters(Map.of("authentication-provider", ContainerBasedAuthenticationProvider.class.getName()));
    registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /** engine-rest calls run as the authenticated user, so Camunda authorizations and tenant checks apply. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(ActingUser actingUser) {
    var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(new EngineRestAuthentication(actingUser));
    registration.setInitParameters(Map.of(
        "authentication-provider", ContainerBasedAuthenticationProvider.class.getName(),
        "rest-url-pattern-prefix", ENGINE_REST));
    registration.addUrlPatterns(ENGINE_REST + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
