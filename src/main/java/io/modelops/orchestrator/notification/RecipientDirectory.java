package io.modelops.orchestrator.notification;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** E-mail addresses of users and groups, from Camunda's identity service. */
@Component
public class RecipientDirectory {

  private final IdentityService identityService;

  public RecipientDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The user's address, or null when the user is unknown or has none. */
  public String emailOfUser(String userId) {
    if (userId == null) {
      return null;
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null ? null : user.getEmail();
  }

  /** Addresses of all members of a group that have one. */
  public List<String> emailsOfGroup(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).list().stream()
        .map(User::getEmail)
        .filter(Objects::nonNull)
        .filter(e -> !e.isBlank())
        .toList();
  }
}
