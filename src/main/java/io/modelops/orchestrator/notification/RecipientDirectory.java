package io.modelops.orchestrator.notification;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** E-mail addresses of users and groups, from Camunda's identity service. */
@Component
public class RecipientDirectory {

  private static final Logger log = LoggerFactory.getLogger(RecipientDirectory.class);

  private final IdentityService identityService;

  public RecipientDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * The user's address, or null when the user is unknown, has none, or has one that is not a plain
   * address ({@link MailAddresses}; logged, so one bad profile cannot break a whole mail).
   */
  public String emailOfUser(String userId) {
    if (userId == null) {
      return null;
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null ? null : usable(user);
  }

  /** Addresses of all members of a group that have a usable one. */
  public List<String> emailsOfGroup(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).list().stream()
        .map(RecipientDirectory::usable)
        .filter(Objects::nonNull)
        .toList();
  }

  private static String usable(User user) {
    String email = user.getEmail();
    if (email == null || email.isBlank()) {
      return null;
    }
    if (!MailAddresses.isValid(email)) {
      log.warn(
          "User {} has an e-mail address that is not one plain address and gets no mail: '{}'",
          user.getId(),
          MailAddresses.printable(email));
      return null;
    }
    return email;
  }
}
