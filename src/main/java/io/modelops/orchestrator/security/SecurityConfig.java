package io.modelops.orchestrator.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.approval.ApprovalRepository;
import io.modelops.orchestrator.approval.ReviewRequestFilter;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.findings.FindingsRegister;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three filter chains, because three kinds of clients use this application:
 *
 * <ol>
 *   <li>{@code /api/**} and {@code /engine-rest/**}: machines and scripts. Stateless HTTP Basic
 *       against Camunda's identity service; the user becomes the engine's current user, so
 *       Camunda's authorizations apply to the engine REST API too (it is open by default). Each
 *       group reaches only the engine endpoints of {@link EngineRestAllowList}; the rest of the
 *       engine REST API is for administrators. A browser is never asked for Basic credentials (it
 *       would keep them and send them for pages of other sites too), and state-changing requests
 *       that look cross-site are refused unless they carry {@value CrossSiteRequestFilter#HEADER}
 *       (see {@link CrossSiteRequestFilter}).
 *   <li>{@code /camunda/**}: Tasklist, Cockpit and Admin bring their own login, session and CSRF
 *       protection; Spring Security leaves them in place.
 *   <li>everything else: health and API docs are public; the pages for people (the inventory
 *       dashboard, its CSV export and the model reports under {@code /dashboard}) need a user, who
 *       signs in at {@code /login} (a session with CSRF protection, the same users as everywhere);
 *       machine clients may use HTTP Basic there too. Other actuator endpoints are for admins.
 * </ol>
 *
 * <p>No chain grants cross-origin access (CORS): no other origin may read an answer or send a
 * header of its own.
 */
@Configuration
class SecurityConfig {

  /** Where people sign in. */
  public static final String LOGIN = "/login";

  private static final String[] REGISTRANTS = {
    Groups.authority(Groups.CI),
    Groups.authority(Groups.DATA_SCIENTISTS),
    Groups.authority(Groups.ADMIN)
  };

  /** Who may ask for a retraining. */
  private static final String[] RETRAINERS = {
    Groups.authority(Groups.DATA_SCIENTISTS),
    Groups.authority(Groups.OPS),
    Groups.authority(Groups.ADMIN)
  };

  /** Who may raise, close and reopen findings (the service checks who holds which task). */
  private static final String[] VALIDATORS = {
    Groups.authority(Groups.VALIDATORS), Groups.authority(Groups.RISK)
  };

  private static final String[] AUDITORS = {
    Groups.authority(Groups.ADMIN),
    Groups.authority(Groups.RISK),
    Groups.authority(Groups.VALIDATORS),
    Groups.authority(Groups.OPS)
  };

  /** Who may attach evidence at all (which kind: see evidence.UploadRule). */
  private static final String[] EVIDENCE_UPLOADERS = {
    Groups.authority(Groups.DATA_SCIENTISTS),
    Groups.authority(Groups.CI),
    Groups.authority(Groups.VALIDATORS),
    Groups.authority(Groups.RISK)
  };

  private static final String[] OPERATORS = {
    Groups.authority(Groups.OPS), Groups.authority(Groups.ADMIN)
  };

  /**
   * Plain path matchers. The engine REST API and the webapps are not served by Spring MVC's
   * dispatcher, so MVC-aware matchers (the default for string patterns) would not match them and
   * the requests would fall through to the wrong chain.
   */
  static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  /** URLs the firewall rejects (encoded slashes, NUL...) are answered as problem details too. */
  @Bean
  org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejected) ->
        io.modelops.orchestrator.web.Problems.write(
            request,
            response,
            org.springframework.http.HttpStatus.BAD_REQUEST,
            "Request rejected",
            "The request URL is not allowed: " + rejected.getMessage());
  }

  /** Runs only inside the API chain, after authentication (not as a servlet filter). */
  @Bean
  ReviewRequestFilter reviewRequestFilter(
      TaskService taskService,
      CatalogRepository catalog,
      ApprovalRepository approvals,
      FindingsRegister findings,
      ObjectMapper objectMapper) {
    return new ReviewRequestFilter(taskService, catalog, approvals, findings, objectMapper);
  }

  @Bean
  FilterRegistrationBean<ReviewRequestFilter> reviewRequestFilterRegistration(
      ReviewRequestFilter filter) {
    FilterRegistrationBean<ReviewRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false); // registered in the security chain only
    return registration;
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      IdentityService identityService,
      ProblemSecurityHandlers problems,
      ReviewRequestFilter reviewRequestFilter)
      throws Exception {
    http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
        .authorizeHttpRequests(
            auth -> {
              for (EngineRestAllowList.Rule rule : EngineRestAllowList.rules()) {
                auth.requestMatchers(path(rule.method(), rule.pattern()))
                    .hasAnyAuthority(EngineRestAllowList.authorities(rule));
              }
              auth.requestMatchers(path(HttpMethod.POST, "/api/models/*/versions"))
                  .hasAnyAuthority(REGISTRANTS)
                  .requestMatchers(
                      path(HttpMethod.POST, "/api/models/*/versions/*/metrics"),
                      path(HttpMethod.POST, "/api/models/*/versions/*/feature-windows"))
                  .hasAuthority(Groups.authority(Groups.MONITORS))
                  .requestMatchers(
                      path(HttpMethod.POST, "/api/models/*/rollback"),
                      path(HttpMethod.POST, "/api/models/*/versions/*/stop"))
                  .hasAnyAuthority(OPERATORS)
                  // evidence: the service decides which of these may attach which kind
                  .requestMatchers(path(HttpMethod.POST, "/api/models/*/versions/*/attachments"))
                  .hasAnyAuthority(EVIDENCE_UPLOADERS)
                  .requestMatchers(path(HttpMethod.POST, "/api/models/*/retrain"))
                  .hasAnyAuthority(RETRAINERS)
                  // the data versions are scored on is chosen by validation, not by registrants
                  .requestMatchers(path(HttpMethod.POST, "/api/models/*/evaluation-datasets"))
                  .hasAnyAuthority(
                      Groups.authority(Groups.VALIDATORS), Groups.authority(Groups.RISK))
                  // computed metrics come from evaluators only (the service excludes a
                  // registrant of the versions scored)
                  .requestMatchers(path(HttpMethod.POST, "/api/evaluations/*/results"))
                  .hasAuthority(Groups.authority(Groups.EVALUATORS))
                  // training results come from training pipelines only: whoever supplies a
                  // candidate must not be one who decides it
                  .requestMatchers(path(HttpMethod.POST, "/api/retraining/*/result"))
                  .hasAuthority(Groups.authority(Groups.CI))
                  // findings: the service checks owner, raiser, registrant and the review task
                  .requestMatchers(
                      path(HttpMethod.POST, "/api/models/*/versions/*/findings"),
                      path(HttpMethod.POST, "/api/findings/*/close"),
                      path(HttpMethod.POST, "/api/findings/*/reopen"))
                  .hasAnyAuthority(VALIDATORS)
                  .requestMatchers(path(HttpMethod.POST, "/api/findings/*/risk-acceptance"))
                  .hasAuthority(Groups.authority(Groups.RISK))
                  .requestMatchers(path(HttpMethod.POST, "/api/findings/*/remediation"))
                  .authenticated()
                  .requestMatchers(
                      path(HttpMethod.GET, "/api/audit/**"), path(HttpMethod.GET, "/api/audit"))
                  .hasAnyAuthority(AUDITORS)
                  .requestMatchers(path(HttpMethod.GET, "/api/**"))
                  .authenticated()
                  // everything else of the engine REST API: administrators only
                  .requestMatchers(path("/engine-rest/**"))
                  .hasAuthority(Groups.authority(Groups.ADMIN))
                  .anyRequest()
                  .denyAll();
            })
        .httpBasic(
            basic ->
                basic.realmName(ProblemSecurityHandlers.REALM).authenticationEntryPoint(problems))
        .exceptionHandling(
            ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        // cookies neither authenticate nor protect here: see CrossSiteRequestFilter
        .csrf(AbstractHttpConfigurer::disable)
        .cors(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .addFilterAfter(reviewRequestFilter, EngineAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher(path("/camunda/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        // The webapps protect their own API with a CSRF token filter and a session login.
        .csrf(AbstractHttpConfigurer::disable)
        .cors(AbstractHttpConfigurer::disable)
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        .requestCache(AbstractHttpConfigurer::disable);
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain defaultSecurity(HttpSecurity http, ProblemSecurityHandlers problems)
      throws Exception {
    AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(LOGIN);
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        Stream.of(
                                "/",
                                "/error",
                                "/favicon.ico",
                                "/css/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info")
                            .map(SecurityConfig::path)
                            .toArray(RequestMatcher[]::new))
                    .permitAll()
                    .requestMatchers(path("/actuator/prometheus"))
                    .hasAnyAuthority(Groups.authority(Groups.ADMIN), Groups.authority(Groups.OPS))
                    .requestMatchers(path("/actuator/**"))
                    .hasAuthority(Groups.authority(Groups.ADMIN))
                    .requestMatchers(path("/dashboard"), path("/dashboard/**"))
                    .authenticated()
                    .anyRequest()
                    .authenticated())
        // People sign in with a form (our page at /login) and keep a session; the session id
        // changes at sign-in, and every POST (sign-in, sign-out) needs the CSRF token.
        .formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl("/dashboard").permitAll())
        .logout(logout -> logout.logoutSuccessUrl(LOGIN + "?logout").permitAll())
        .csrf(Customizer.withDefaults())
        .cors(AbstractHttpConfigurer::disable)
        .sessionManagement(
            s ->
                s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                    .sessionFixation(fixation -> fixation.changeSessionId()))
        // Scripts and tests may still send HTTP Basic (preemptively: browsers are never asked).
        .httpBasic(
            basic ->
                basic.realmName(ProblemSecurityHandlers.REALM).authenticationEntryPoint(problems))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (request, response, failure) ->
                            (BrowserRequests.fromBrowser(request) ? loginPage : problems)
                                .commence(request, response, failure))
                    .accessDeniedHandler(problems));
    return http.build();
  }
}
