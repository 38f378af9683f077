package io.modelops.orchestrator.web.html;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The page templates as the application renders them, without a Spring context. */
public final class TestTemplates {

  /** Pages rendered by a template engine set up as Spring Boot sets it up. */
  public static Pages pages() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    return new Pages(engine);
  }

  /** Links as the default configuration makes them (webapps under /camunda). */
  public static GovernanceLinks links() {
    return new GovernanceLinks(new CamundaBpmProperties());
  }

  private TestTemplates() {}
}
