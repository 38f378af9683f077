package io.modelops.orchestrator.web.html;

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

  private static final String STYLE =
      "form.sign-in{display:flex;flex-direction:column;gap:.7rem;max-width:20rem;margin-top:1rem}"
          + "form.sign-in label{display:flex;flex-direction:column;font-size:.9rem;gap:.2rem}"
          + "form.sign-in input{font-size:1rem;padding:.35rem .45rem}"
          + "form.sign-in button,form.sign-out button{font-size:1rem;padding:.4rem .8rem;width:max-content}";

  @GetMapping("/login")
  public ResponseEntity<String> signIn(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      CsrfToken csrf) {
    return HtmlPage.response(
        HtmlPage.document(
            "Sign in · ModelOps Orchestrator",
            html -> {
              html.open("style").trusted(STYLE).close("style");
              html.element("h1", "Sign in");
              html.element(
                  "p",
                  "The model inventory and the model reports. Use your user of Tasklist and Cockpit.",
                  "class",
                  "meta");
              if (error != null) {
                html.element(
                    "p", "Wrong user name or password.", "class", "note open", "role", "alert");
              }
              if (logout != null) {
                html.element("p", "You have signed out.", "class", "note", "role", "status");
              }
              html.open("form", "class", "sign-in", "method", "post", "action", "/login");
              html.open("label").text("User name");
              html.empty(
                  "input",
                  "type",
                  "text",
                  "name",
                  "username",
                  "autocomplete",
                  "username",
                  "required",
                  "required",
                  "autofocus",
                  "autofocus");
              html.close("label");
              html.open("label").text("Password");
              html.empty(
                  "input",
                  "type",
                  "password",
                  "name",
                  "password",
                  "autocomplete",
                  "current-password",
                  "required",
                  "required");
              html.close("label");
              csrfField(html, csrf);
              html.open("button", "type", "submit").text("Sign in").close("button");
              html.close("form");
            }));
  }

  @GetMapping("/logout")
  public ResponseEntity<String> signOut(CsrfToken csrf) {
    return HtmlPage.response(
        HtmlPage.document(
            "Sign out · ModelOps Orchestrator",
            html -> {
              html.open("style").trusted(STYLE).close("style");
              html.element("h1", "Sign out");
              html.element("p", "Sign out of the model inventory, Tasklist and Cockpit?");
              html.open("form", "class", "sign-out", "method", "post", "action", "/logout");
              csrfField(html, csrf);
              html.open("button", "type", "submit").text("Sign out").close("button");
              html.close("form");
            }));
  }

  private static void csrfField(HtmlBuilder html, CsrfToken csrf) {
    html.empty(
        "input", "type", "hidden", "name", csrf.getParameterName(), "value", csrf.getToken());
  }
}
