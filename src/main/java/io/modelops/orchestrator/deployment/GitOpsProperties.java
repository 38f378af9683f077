package io.modelops.orchestrator.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code GITOPS} deployment target: KServe manifests committed to a git repository, from which
 * Argo CD or Flux apply them to the cluster.
 *
 * @param repository local working copy; created and initialised on first use
 * @param remoteUrl HTTPS or file URL of the repository Argo CD / Flux watch; when set, every commit
 *     is pushed there, and commits made there by others are built upon
 * @param branch branch that is committed to (and pushed)
 * @param username user for the push ({@code MODELOPS_GITOPS_USERNAME}); {@code git} when only a
 *     token is given
 * @param password password or access token for the push ({@code MODELOPS_GITOPS_TOKEN})
 * @param namespace Kubernetes namespace of the InferenceServices
 * @param authorName author and committer name of the commits
 * @param authorEmail author and committer e-mail of the commits
 */
@ConfigurationProperties("modelops.deployment.gitops")
public record GitOpsProperties(
    @DefaultValue("./data/gitops") String repository,
    String remoteUrl,
    @DefaultValue("main") String branch,
    String username,
    String password,
    @DefaultValue("models") String namespace,
    @DefaultValue("ModelOps Orchestrator") String authorName,
    @DefaultValue("modelops@localhost") String authorEmail) {

  public GitOpsProperties {
    remoteUrl = blankToNull(remoteUrl);
    username = blankToNull(username);
    password = blankToNull(password);
    if (repository == null || repository.isBlank()) {
      repository = "./data/gitops";
    }
    if (branch == null || branch.isBlank()) {
      branch = "main";
    }
    if (namespace == null || namespace.isBlank()) {
      namespace = "models";
    }
    if (authorName == null || authorName.isBlank()) {
      authorName = "ModelOps Orchestrator";
    }
    if (authorEmail == null || authorEmail.isBlank()) {
      authorEmail = "modelops@localhost";
    }
    io.modelops.orchestrator.notification.MailAddresses.require(
        authorEmail, "modelops.deployment.gitops.author-email");
  }

  /** A local repository without remote, with the defaults for everything else. */
  public static GitOpsProperties local(String repository) {
    return new GitOpsProperties(repository, null, null, null, null, null, null, null);
  }

  public boolean hasRemote() {
    return remoteUrl != null;
  }

  @Override
  public String toString() {
    return "GitOpsProperties[repository="
        + repository
        + ", remoteUrl="
        + remoteUrl
        + ", branch="
        + branch
        + ", username="
        + username
        + ", password="
        + (password == null ? "" : "******")
        + ", namespace="
        + namespace
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
