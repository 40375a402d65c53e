package org.unodc.uponrequest.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * One login for every door. Spring Security authenticates (form login for people, HTTP Basic
 * for machines) against Camunda's identity service; Camunda's own filters then take the
 * authenticated user from the request, so Tasklist, Cockpit and Admin open without a second
 * login and engine-rest runs every call as that user, with Camunda authorizations applied.
 */
@Configuration
class SecurityConfiguration {

  static final String LOGIN_PAGE = "/login";
  static final String ENGINE_REST = "/engine-rest";

  /** Policy for the product's own pages; the Camunda webapps send their own (nonce-based) policy. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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
        .securityMatcher(new AntPathRequestMatcher(ENGINE_REST + "/**")) // not an MVC path: Jersey serves it
        .authenticationProvider(identity)
        .authorizeHttpRequests(requests -> requests
            // checking another user's password would let anyone with READ on users guess it, or lock the account
            .requestMatchers(new AntPathRequestMatcher(ENGINE_REST + "/**/identity/verify")).denyAll()
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(challenge))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(context -> context.requireExplicitSave(true))
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(challenge))
        .build();
  }

  /** Everything else: the product's pages, /api and the Camunda webapps. */
  @Bean
  @Order(2)
  SecurityFilterChain application(HttpSecurity http, CamundaIdentityAuthenticationProvider identity) throws Exception {
    var api = new AntPathRequestMatcher("/api/**");
    var webappApi = new AntPathRequestMatcher("/camunda/api/**");
    var webappLogout = new AntPathRequestMatcher("/camunda/api/admin/auth/user/*/logout", "POST");
    var machineClient = new RequestHeaderRequestMatcher("Authorization");
    var productPages = new NegatedRequestMatcher(new AntPathRequestMatcher("/camunda/**"));
    return http
        .authenticationProvider(identity)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(LOGIN_PAGE, "/error", "/actuator/health", "/actuator/health/**",
                "/css/**", "/images/**", "/favicon.ico").permitAll()
            .requestMatchers(new AntPathRequestMatcher("/camunda/api/engine/engine/*/identity/verify")).denyAll()
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/", false).failureUrl(LOGIN_PAGE + "?error"))
        .httpBasic(basic -> basic.realmName("UponRequest"))
        // the webapps' own logout button must end the Spring session too, or the next request logs straight back in
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(new AntPathRequestMatcher("/logout", "POST"), webappLogout))
            .logoutSuccessHandler((request, response, authentication) -> {
              if (webappLogout.matches(request)) {
                response.setStatus(HttpServletResponse.SC_OK);
              } else {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?logout");
              }
            }))
        // the webapps run Camunda's own CSRF filter; machine clients authenticate every call
        .csrf(csrf -> csrf.ignoringRequestMatchers(new AntPathRequestMatcher("/camunda/**"), machineClient))
        .exceptionHandling(e -> e
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                new OrRequestMatcher(api, webappApi)))
        .headers(headers -> headers
            .frameOptions(frame -> frame.deny())
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
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setInitParameters(Map.of(
        "authentication-provider", ContainerBasedAuthenticationProvider.class.getName(),
        "rest-url-pattern-prefix", ENGINE_REST));
    registration.addUrlPatterns(ENGINE_REST + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
