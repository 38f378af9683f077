package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deploys by committing KServe {@code InferenceService} manifests to a git repository, from which
 * Argo CD or Flux apply them (see {@link KServeManifests} for the layout). A commit is made only
 * when a manifest changes, so re-applying a request is a no-op; when a remote is configured, the
 * branch is pushed after every commit and a push that fails fails the request.
 *
 * <p>The working copy belongs to this target: uncommitted changes in it are discarded. Requests on
 * the same repository are serialised within the JVM; nodes of a cluster must each use their own
 * working copy of a shared remote.
 */
@Component
class GitOpsTarget implements DeploymentTarget {

  private static final Logger log = LoggerFactory.getLogger(GitOpsTarget.class);
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
  private static final String REMOTE = "origin";
  private static final int TRANSPORT_TIMEOUT_SECONDS = 60;

  private final GitOpsProperties properties;
  private final KServeManifests manifests;
  private final Path directory;
  private final String localBranch;
  private final String trackingBranch;

  public GitOpsTarget(GitOpsProperties properties) {
    this.properties = properties;
    this.manifests = new KServeManifests(properties.namespace());
    this.directory = Path.of(properties.repository()).toAbsolutePath().normalize();
    this.localBranch = Constants.R_HEADS + properties.branch();
    this.trackingBranch = Constants.R_REMOTES + REMOTE + "/" + properties.branch();
  }

  @Override
  public DeploymentTargetKind kind() {
    return DeploymentTargetKind.GITOPS;
  }

  @Override
  public DeploymentResult apply(DeploymentRequest request) {
    synchronized (lock()) {
      try (Git git = open()) {
        Repository repository = git.getRepository();
        catchUpWithRemote(git);
        RevCommit head = commit(repository, localBranch);
        KServeManifests.Change change =
            manifests.plan(request, path -> read(repository, head, path));
        byte[] current = read(repository, head, change.path());

        if (Arrays.equals(current, change.content())) {
          pushIfRemoteIsBehind(git);
          String reference = head == null ? null : head.name();
          return new DeploymentResult(
              reference,
              false,
              "Unchanged: "
                  + change.path()
                  + " is already as requested ("
                  + change.summary()
                  + ")");
        }

        RevCommit commit = commitChange(git, head, change, request);
        log.info("{}: committed {} to {}", change.summary(), commit.name(), directory);
        pushIfRemoteIsBehind(git);
        return new DeploymentResult(
            commit.name(), true, change.summary() + " (" + change.path() + ")");
      } catch (IOException | GitAPIException e) {
        throw new DeploymentFailedException(
            "GitOps repository "
                + directory
                + ": "
                + request.idempotencyKey()
                + " failed: "
                + redact(String.valueOf(e)),
            e);
      }
    }
  }

  /**
   * READY when the manifest {@code request} asks for is at the tip of the branch, on the remote
   * when one is configured; PENDING otherwise.
   */
  @Override
  public DeploymentStatus status(DeploymentRequest request) {
    synchronized (lock()) {
      try (Git git = open()) {
        Repository repository = git.getRepository();
        RevCommit tip;
        if (properties.hasRemote()) {
          fetch(git);
          tip = commit(repository, trackingBranch);
        } else {
          tip = commit(repository, localBranch);
        }
        KServeManifests.Change change =
            manifests.plan(request, path -> read(repository, tip, path));
        return Arrays.equals(read(repository, tip, change.path()), change.content())
            ? DeploymentStatus.READY
            : DeploymentStatus.PENDING;
      } catch (IOException | GitAPIException e) {
        throw new DeploymentFailedException(
            "GitOps repository "
                + directory
                + ": status of "
                + request.idempotencyKey()
                + " unknown: "
                + redact(String.valueOf(e)),
            e);
      }
    }
  }

  private Object lock() {
    return LOCKS.computeIfAbsent(directory, d -> new Object());
  }

  /** Opens the working copy, initialising it on first use, on the configured branch. */
  private Git open() throws IOException, GitAPIException {
    Git git;
    if (Files.exists(directory.resolve(Constants.DOT_GIT))) {
      git = Git.open(directory.toFile());
    } else {
      Files.createDirectories(directory);
      git =
          Git.init().setDirectory(directory.toFile()).setInitialBranch(properties.branch()).call();
      log.info("Initialised GitOps repository {} on branch {}", directory, properties.branch());
    }
    try {
      Repository repository = git.getRepository();
      if (properties.hasRemote()) {
        StoredConfig config = repository.getConfig();
        if (!properties.remoteUrl().equals(config.getString("remote", REMOTE, "url"))) {
          config.setString("remote", REMOTE, "url", properties.remoteUrl());
          config.setString(
              "remote", REMOTE, "fetch", "+refs/heads/*:" + Constants.R_REMOTES + REMOTE + "/*");
          config.save();
        }
      }
      if (!localBranch.equals(repository.getFullBranch())) {
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link(localBranch);
        if (repository.resolve(localBranch) != null) {
          git.reset().setMode(ResetType.HARD).call();
        }
      }
      return git;
    } catch (IOException | GitAPIException | RuntimeException e) {
      git.close();
      throw e;
    }
  }

  /**
   * Fetches the remote and moves the local branch to the remote's tip unless the local branch
   * already contains it. Local commits the remote does not have are kept when they build on the
   * remote's tip (a push failed earlier) and dropped otherwise: the request that made them failed
   * and is applied again on top of the remote's state.
   */
  private void catchUpWithRemote(Git git) throws IOException, GitAPIException {
    if (!properties.hasRemote()) {
      return;
    }
    fetch(git);
    Repository repository = git.getRepository();
    ObjectId remote = repository.resolve(trackingBranch);
    if (remote == null) {
      return;
    }
    ObjectId local = repository.resolve(localBranch);
    if (local != null && contains(repository, local, remote)) {
      return;
    }
    if (local != null && !contains(repository, remote, local)) {
      log.warn(
          "GitOps branch {} diverged from {}: dropping unpushed local commits after {}",
          properties.branch(),
          redact(properties.remoteUrl()),
          local.name());
    }
    RefUpdate update = repository.updateRef(localBranch);
    update.setNewObjectId(remote);
    update.setForceUpdate(true);
    update.setRefLogMessage("catch up with " + REMOTE, false);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW
        && result != RefUpdate.Result.FORCED
        && result != RefUpdate.Result.FAST_FORWARD
        && result != RefUpdate.Result.NO_CHANGE) {
      throw new IOException("Cannot move " + localBranch + " to " + remote.name() + ": " + result);
    }
    git.reset().setMode(ResetType.HARD).setRef(remote.name()).call();
  }

  private void fetch(Git git) throws GitAPIException {
    git.fetch()
        .setRemote(REMOTE)
        .setRemoveDeletedRefs(true)
        .setCredentialsProvider(credentials())
        .setTimeout(TRANSPORT_TIMEOUT_SECONDS)
        .call();
  }

  private RevCommit commitChange(
      Git git, RevCommit head, KServeManifests.Change change, DeploymentRequest request)
      throws IOException, GitAPIException {
    discardUncommittedChanges(git, head);
    Path file = directory.resolve(change.path());
    if (change.content() != null) {
      Files.createDirectories(file.getParent());
      Files.write(file, change.content());
      git.add().addFilepattern(change.path()).call();
    } else {
      git.rm().addFilepattern(change.path()).call();
    }
    PersonIdent author = new PersonIdent(properties.authorName(), properties.authorEmail());
    RevCommit commit =
        git.commit()
            .setMessage(message(change, request))
            .setAuthor(author)
            .setCommitter(author)
            .setSign(false)
            .setNoVerify(true)
            .call();
    return commit;
  }

  private static void discardUncommittedChanges(Git git, RevCommit head)
      throws IOException, GitAPIException {
    if (head != null) {
      git.reset().setMode(ResetType.HARD).call();
      return;
    }
    DirCache index = git.getRepository().lockDirCache();
    try {
      index.clear();
      index.write();
      index.commit();
    } finally {
      index.unlock();
    }
  }

  static String message(KServeManifests.Change change, DeploymentRequest request) {
    StringBuilder message = new StringBuilder(change.summary()).append("\n\n");
    message
        .append(change.content() == null ? "Removes " : "Writes ")
        .append(change.path())
        .append(" for ")
        .append(request.stage().name().toLowerCase(Locale.ROOT))
        .append(' ')
        .append(request.action().name().toLowerCase(Locale.ROOT))
        .append(" of ")
        .append(request.modelName())
        .append(' ')
        .append(request.version());
    if (request.artifactUri() != null) {
      message.append(" (").append(request.artifactUri()).append(')');
    }
    message.append(".\n\n");
    if (request.versionId() != null) {
      message.append("Model-Version-Id: ").append(request.versionId()).append('\n');
    }
    message.append("Idempotency-Key: ").append(request.idempotencyKey()).append('\n');
    return message.toString();
  }

  private void pushIfRemoteIsBehind(Git git) throws IOException, GitAPIException {
    if (!properties.hasRemote()) {
      return;
    }
    Repository repository = git.getRepository();
    ObjectId local = repository.resolve(localBranch);
    if (local == null || local.equals(repository.resolve(trackingBranch))) {
      return;
    }
    Iterable<PushResult> results =
        git.push()
            .setRemote(REMOTE)
            .setRefSpecs(new RefSpec(localBranch + ":" + localBranch))
            .setCredentialsProvider(credentials())
            .setTimeout(TRANSPORT_TIMEOUT_SECONDS)
            .call();
    for (PushResult result : results) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK
            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          throw new DeploymentFailedException(
              "Push of "
                  + properties.branch()
                  + " to "
                  + redact(properties.remoteUrl())
                  + " failed: "
                  + update.getStatus()
                  + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
        }
      }
    }
    log.info(
        "Pushed {} {} to {}", properties.branch(), local.name(), redact(properties.remoteUrl()));
  }

  private CredentialsProvider credentials() {
    if (properties.password() == null) {
      return null;
    }
    String username = properties.username() == null ? "git" : properties.username();
    return new UsernamePasswordCredentialsProvider(username, properties.password());
  }

  private static RevCommit commit(Repository repository, String ref) throws IOException {
    ObjectId id = repository.resolve(ref);
    if (id == null) {
      return null;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(id);
    }
  }

  /** Whether {@code descendant} contains {@code ancestor}. */
  private static boolean contains(Repository repository, ObjectId descendant, ObjectId ancestor)
      throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
    }
  }

  /** The content of {@code path} at {@code commit}, or null when it does not exist. */
  private static byte[] read(Repository repository, RevCommit commit, String path) {
    if (commit == null) {
      return null;
    }
    try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      return walk == null ? null : repository.open(walk.getObjectId(0)).getBytes();
    } catch (IOException e) {
      throw new DeploymentFailedException("Cannot read " + path + " at " + commit.name(), e);
    }
  }

  /** {@code text} without the user info of URLs in it, which may carry a token. */
  static String redact(String text) {
    return text == null ? null : text.replaceAll("//[^/@\\s]*@", "//");
  }
}
