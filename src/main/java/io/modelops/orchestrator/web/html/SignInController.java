package io.modelops.orchestrator.web.html;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page of the pages for people (the dashboard and the model reports), and the
 * confirmation of signing out. Spring Security checks the posted credentials against Camunda's
 * users (POST /login) and ends the session (POST /logout); both posts need the CSRF token these
 * pages carry.
 */
@Controller
class SignInController {

  private final Pages pages;

  SignInController(Pages pages) {
    this.pages = pages;
  }

  @GetMapping("/login")
  public ResponseEntity<String> signIn(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      CsrfToken csrf) {
    return Pages.response(
        pages.render(
            "sign-in", Map.of("error", error != null, "loggedOut", logout != null, "csrf", csrf)));
  }

  @GetMapping("/logout")
  public ResponseEntity<String> signOut(CsrfToken csrf) {
    return Pages.response(pages.render("sign-out", Map.of("csrf", csrf)));
  }
}
