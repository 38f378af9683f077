package io.modelops.orchestrator.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo users, one or more per group, created only with the {@code demo} profile (the default of
 * {@code ./mvnw spring-boot:run}). Their passwords are documented in the README; never use this
 * profile for real data.
 */
@Component
@Profile("demo")
@Order(1)
@EnableConfigurationProperties(DemoUsers.Properties.class)
class DemoUsers implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  /** The demo users. */
  @ConfigurationProperties("modelops.demo")
  public record Properties(List<DemoUser> users) {
    public Properties {
      users = users == null ? List.of() : List.copyOf(users);
    }
  }

  /** One demo user. */
  public record DemoUser(
      String id,
      String firstName,
      String lastName,
      String email,
      String password,
      List<String> groups) {

    public DemoUser {
      if (email != null) {
        io.modelops.orchestrator.notification.MailAddresses.require(
            email, "modelops.demo.users[" + id + "].email");
      }
    }
  }

  private final IdentityService identityService;
  private final Properties properties;

  public DemoUsers(IdentityService identityService, Properties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (DemoUser demo : properties.users()) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.email());
        user.setPassword(demo.password());
        identityService.saveUser(user);
      }
      for (String group : demo.groups()) {
        if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
          identityService.createMembership(demo.id(), group);
        }
      }
    }
    log.warn(
        "Demo profile active: {} demo users with documented passwords exist. Do not use for real"
            + " models.",
        properties.users().size());
  }
}
