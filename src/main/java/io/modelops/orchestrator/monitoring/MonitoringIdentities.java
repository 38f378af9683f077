package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.security.Groups;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may supply the health evidence of a version: members of {@link Groups#MONITORS}, never the
 * identity that registered the version (even if it is a member).
 *
 * <p>The rule is applied twice: on ingestion ({@link #requirePoster}, 403 otherwise) and on every
 * read that gates a canary or production ({@link #trustedPosters}): the canary analysis and the
 * health evaluation count only points and windows whose stored poster is a member <em>now</em> and
 * not the registrant, so evidence posted before a membership was removed, or rows without a poster
 * (stored before posters were recorded), do not count.
 */
@Component
public class MonitoringIdentities {

  /** More members than this in the monitoring group is a configuration error: fail closed. */
  static final int MAX_MONITORS = 1_000;

  private final IdentityService identityService;

  public MonitoringIdentities(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * Refuses (403) a poster who is not a monitoring identity or who registered the version.
   *
   * @throws ResponseStatusException 403
   */
  public void requirePoster(String userId, ModelVersion version) {
    if (userId == null
        || identityService.createUserQuery().userId(userId).memberOfGroup(Groups.MONITORS).count()
            == 0) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "Health evidence (metric points, feature windows) is accepted only from monitoring"
              + " identities (group "
              + Groups.MONITORS
              + ")");
    }
    if (userId.equals(version.registeredBy())) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          userId
              + " registered "
              + version.modelName()
              + ":"
              + version.version()
              + " and may not post health evidence for it");
    }
  }

  /**
   * The identities whose stored evidence about the version counts: the current members of {@link
   * Groups#MONITORS} except the version's registrant. Empty when there are none.
   */
  public Set<String> trustedPosters(ModelVersion version) {
    var members =
        identityService
            .createUserQuery()
            .memberOfGroup(Groups.MONITORS)
            .listPage(0, MAX_MONITORS + 1);
    if (members.size() > MAX_MONITORS) {
      throw new IllegalStateException(
          "More than " + MAX_MONITORS + " members in group " + Groups.MONITORS);
    }
    Set<String> posters = new TreeSet<>();
    for (User user : members) {
      posters.add(user.getId());
    }
    posters.remove(version.registeredBy());
    return Set.copyOf(posters);
  }
}
