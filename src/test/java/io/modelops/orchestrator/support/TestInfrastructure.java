package io.modelops.orchestrator.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application at the shared embedded PostgreSQL and GreenMail servers. */
public class TestInfrastructure
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "spring.datasource.url=" + TestDatabase.jdbcUrl(),
            "spring.datasource.username=postgres",
            "spring.datasource.password=postgres",
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + TestMail.port())
        .applyTo(context);
  }
}
