package io.modelops.orchestrator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelops.orchestrator.catalog.ModelType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class GitOpsTargetTest {

  private static final String MODEL = "fraud-detector";
  private static final String V140 = "s3://models/fraud-detector/1.4.0";
  private static final String V130 = "s3://models/fraud-detector/1.3.0";

  @TempDir Path workspace;

  @Test
  void shouldWriteTheStagingManifest() throws Exception {
    // given
    GitOpsTarget target = localTarget();

    // when
    DeploymentResult result =
        target.apply(request(DeploymentStage.STAGING, DeploymentAction.DEPLOY));

    // then
    Map<String, Object> manifest = manifest("fraud-detector/staging.yaml");
    assertThat(manifest.get("apiVersion")).isEqualTo("serving.kserve.io/v1beta1");
    assertThat(manifest.get("kind")).isEqualTo("InferenceService");
    assertThat(at(manifest, "metadata", "name")).isEqualTo("fraud-detector-staging");
    assertThat(at(manifest, "metadata", "namespace")).isEqualTo("models");
    assertThat(at(manifest, "metadata", "labels"))
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/managed-by", "modelops",
                "modelops.io/model", "fraud-detector",
                "modelops.io/version", "1.4.0"));
    assertThat(at(manifest, "spec", "predictor", "model", "storageUri")).isEqualTo(V140);
    assertThat(at(manifest, "spec", "predictor", "model", "modelFormat", "name"))
        .isEqualTo("sklearn");
    assertThat(at(manifest, "spec", "predictor", "canaryTrafficPercent")).isNull();
    assertThat(result.changed()).isTrue();
    assertThat(result.targetReference()).isEqualTo(head().name()).hasSize(40);
    assertThat(Files.exists(repository().resolve("fraud-detector/production.yaml"))).isFalse();
  }

  @Test
  void shouldUseTheCustomModelFormatWithoutFramework() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    DeploymentRequest request =
        new DeploymentRequest(
            MODEL,
            "1.4.0",
            UUID.randomUUID(),
            ModelType.VENDOR,
            null,
            V140,
            DeploymentStage.STAGING,
            DeploymentAction.DEPLOY,
            0,
            null,
            null);

    // when
    target.apply(request);

    // then
    assertThat(
            at(
                manifest("fraud-detector/staging.yaml"),
                "spec",
                "predictor",
                "model",
                "modelFormat",
                "name"))
        .isEqualTo("custom");
  }

  @Test
  void shouldWriteTheCanaryTrafficShareNextToThePreviousVersion() throws Exception {
    // given
    GitOpsTarget target = localTarget();

    // when
    target.apply(canary(10));

    // then
    Map<String, Object> manifest = manifest("fraud-detector/production.yaml");
    assertThat(at(manifest, "metadata", "name")).isEqualTo("fraud-detector");
    assertThat(at(manifest, "spec", "predictor", "canaryTrafficPercent")).isEqualTo(10);
    assertThat(at(manifest, "spec", "predictor", "model", "storageUri")).isEqualTo(V140);
    assertThat(at(manifest, "metadata", "annotations", "modelops.io/previous-version"))
        .isEqualTo("1.3.0");
    RevCommit commit = head();
    assertThat(commit.getShortMessage()).isEqualTo("Deploy fraud-detector 1.4.0 to canary (10 %)");
    assertThat(commit.getFullMessage())
        .contains("\nIdempotency-Key: fraud-detector:1.4.0:CANARY:DEPLOY");
    assertThat(commit.getAuthorIdent().getName()).isEqualTo("ModelOps Orchestrator");
    assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("modelops@localhost");
  }

  @Test
  void shouldRemoveTheCanaryShareOnPromotion() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    target.apply(canary(10));

    // when
    DeploymentResult result =
        target.apply(request(DeploymentStage.CANARY, DeploymentAction.PROMOTE));

    // then
    Map<String, Object> manifest = manifest("fraud-detector/production.yaml");
    assertThat(at(manifest, "spec", "predictor"))
        .isEqualTo(
            Map.of("model", Map.of("modelFormat", Map.of("name", "sklearn"), "storageUri", V140)));
    assertThat(at(manifest, "metadata", "labels", "modelops.io/version")).isEqualTo("1.4.0");
    assertThat(result.changed()).isTrue();
    assertThat(commitCount()).isEqualTo(2);
  }

  @Test
  void shouldNotCommitTwiceForTheSameContent() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    DeploymentResult first = target.apply(canary(10));

    // when
    DeploymentResult second = target.apply(canary(10));

    // then
    assertThat(commitCount()).isEqualTo(1);
    assertThat(first.changed()).isTrue();
    assertThat(second.changed()).isFalse();
    assertThat(second.targetReference())
        .isEqualTo(first.targetReference())
        .isEqualTo(head().name());
  }

  @Test
  void shouldWriteByteIdenticalManifestsForTheSameRequest() throws Exception {
    // given
    GitOpsTarget one =
        new GitOpsTarget(GitOpsProperties.local(workspace.resolve("one").toString()));
    GitOpsTarget two =
        new GitOpsTarget(GitOpsProperties.local(workspace.resolve("two").toString()));

    // when
    one.apply(canary(25));
    two.apply(canary(25));

    // then
    byte[] first = Files.readAllBytes(workspace.resolve("one/fraud-detector/production.yaml"));
    byte[] second = Files.readAllBytes(workspace.resolve("two/fraud-detector/production.yaml"));
    assertThat(first).isEqualTo(second);
    assertThat(new String(first, StandardCharsets.UTF_8))
        .startsWith("# Managed by ModelOps Orchestrator")
        .contains("canaryTrafficPercent: 25\n");
  }

  @Test
  void shouldRestoreThePreviousVersionInANewCommitOnRollback() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    DeploymentResult canary = target.apply(canary(10));

    // when
    DeploymentResult rollback =
        target.apply(request(DeploymentStage.CANARY, DeploymentAction.ROLLBACK));

    // then
    Map<String, Object> manifest = manifest("fraud-detector/production.yaml");
    assertThat(at(manifest, "spec", "predictor", "model", "storageUri")).isEqualTo(V130);
    assertThat(at(manifest, "spec", "predictor", "canaryTrafficPercent")).isNull();
    assertThat(at(manifest, "metadata", "labels", "modelops.io/version")).isEqualTo("1.3.0");
    assertThat(rollback.changed()).isTrue();
    assertThat(rollback.targetReference()).isNotEqualTo(canary.targetReference());
    RevCommit commit = head();
    assertThat(commit.getParent(0).name()).isEqualTo(canary.targetReference());
    assertThat(commit.getShortMessage())
        .isEqualTo("Roll back fraud-detector 1.4.0 to 1.3.0 in production");
  }

  @Test
  void shouldRemoveTheProductionManifestOnRollbackWithoutPreviousVersion() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    target.apply(firstRelease(DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE));

    // when
    DeploymentResult result =
        target.apply(firstRelease(DeploymentStage.PRODUCTION, DeploymentAction.ROLLBACK));

    // then
    assertThat(result.changed()).isTrue();
    assertThat(Files.exists(repository().resolve("fraud-detector/production.yaml"))).isFalse();
    assertThat(readAtHead("fraud-detector/production.yaml")).isNull();
    assertThat(commitCount()).isEqualTo(2);
  }

  @Test
  void shouldRemoveTheStagingManifestOnStop() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    target.apply(request(DeploymentStage.STAGING, DeploymentAction.DEPLOY));

    // when
    DeploymentResult result = target.apply(request(DeploymentStage.STAGING, DeploymentAction.STOP));

    // then
    assertThat(result.changed()).isTrue();
    assertThat(readAtHead("fraud-detector/staging.yaml")).isNull();
  }

  @Test
  void shouldAddTheStopAnnotationWithoutPreviousVersion() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    target.apply(firstRelease(DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE));

    // when
    DeploymentResult stop =
        target.apply(firstRelease(DeploymentStage.PRODUCTION, DeploymentAction.STOP));
    DeploymentResult again =
        target.apply(firstRelease(DeploymentStage.PRODUCTION, DeploymentAction.STOP));

    // then
    Map<String, Object> manifest = manifest("fraud-detector/production.yaml");
    assertThat(at(manifest, "metadata", "annotations", "serving.kserve.io/stop")).isEqualTo("true");
    assertThat(at(manifest, "spec", "predictor", "model", "storageUri")).isEqualTo(V140);
    assertThat(stop.changed()).isTrue();
    assertThat(again.changed()).isFalse();
    assertThat(commitCount()).isEqualTo(2);
  }

  @Test
  void shouldRestoreThePreviousVersionOnStopWithPreviousVersion() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    target.apply(canary(10));

    // when
    target.apply(request(DeploymentStage.CANARY, DeploymentAction.STOP));

    // then
    Map<String, Object> manifest = manifest("fraud-detector/production.yaml");
    assertThat(at(manifest, "spec", "predictor", "model", "storageUri")).isEqualTo(V130);
    assertThat(at(manifest, "metadata", "annotations")).isNull();
  }

  @Test
  void shouldPushEachCommitToTheRemote() throws Exception {
    // given
    Path remote = bareRemote();
    GitOpsTarget target = new GitOpsTarget(remoteProperties(remote));

    // when
    DeploymentResult staging =
        target.apply(request(DeploymentStage.STAGING, DeploymentAction.DEPLOY));
    DeploymentResult canary = target.apply(canary(10));

    // then
    assertThat(remoteBranch(remote)).isEqualTo(canary.targetReference());
    try (Git git = Git.open(remote.toFile())) {
      RevCommit tip = git.log().setMaxCount(1).call().iterator().next();
      assertThat(tip.getParent(0).name()).isEqualTo(staging.targetReference());
    }
  }

  @Test
  void shouldPushWhenUnchangedButTheRemoteIsBehind() throws Exception {
    // given
    DeploymentResult committed = localTarget().apply(canary(10));
    Path remote = bareRemote();
    GitOpsTarget target = new GitOpsTarget(remoteProperties(remote));

    // when
    DeploymentResult result = target.apply(canary(10));

    // then
    assertThat(result.changed()).isFalse();
    assertThat(result.targetReference()).isEqualTo(committed.targetReference());
    assertThat(remoteBranch(remote)).isEqualTo(committed.targetReference());
  }

  @Test
  void shouldBuildOnCommitsOthersPushedToTheRemote() throws Exception {
    // given
    Path remote = bareRemote();
    GitOpsTarget target = new GitOpsTarget(remoteProperties(remote));
    target.apply(request(DeploymentStage.STAGING, DeploymentAction.DEPLOY));
    String othersCommit = commitAsSomeoneElse(remote, "README.md", "Platform team notes\n");

    // when
    DeploymentResult result = target.apply(canary(10));

    // then
    assertThat(remoteBranch(remote)).isEqualTo(result.targetReference());
    try (Git git = Git.open(remote.toFile())) {
      RevCommit tip = git.log().setMaxCount(1).call().iterator().next();
      assertThat(tip.getParent(0).name()).isEqualTo(othersCommit);
    }
    assertThat(Files.readString(repository().resolve("README.md")))
        .isEqualTo("Platform team notes\n");
  }

  @Test
  void shouldFailWhenTheRemoteCannotBeReached() {
    // given
    Path missing = workspace.resolve("no-such-remote.git");
    GitOpsTarget target = new GitOpsTarget(remoteProperties(missing));

    // when / then
    assertThatThrownBy(() -> target.apply(canary(10)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("fraud-detector:1.4.0:CANARY:DEPLOY");
  }

  @Test
  void shouldReportReadyOnceTheManifestIsCommitted() {
    // given
    GitOpsTarget target = localTarget();
    DeploymentRequest staging = request(DeploymentStage.STAGING, DeploymentAction.DEPLOY);
    DeploymentStatus before = target.status(staging);

    // when
    target.apply(staging);

    // then
    assertThat(before).isEqualTo(DeploymentStatus.PENDING);
    assertThat(target.status(staging)).isEqualTo(DeploymentStatus.READY);
    assertThat(target.status(canary(10))).isEqualTo(DeploymentStatus.PENDING);
  }

  @Test
  void shouldReportPendingUntilTheCommitIsPushed() throws Exception {
    // given
    localTarget().apply(canary(10));
    Path remote = bareRemote();
    GitOpsTarget target = new GitOpsTarget(remoteProperties(remote));
    DeploymentStatus beforePush = target.status(canary(10));

    // when
    target.apply(canary(10));

    // then
    assertThat(beforePush).isEqualTo(DeploymentStatus.PENDING);
    assertThat(target.status(canary(10))).isEqualTo(DeploymentStatus.READY);
  }

  @Test
  void shouldCommitConcurrentRequestsOneAfterTheOther() throws Exception {
    // given
    GitOpsTarget target = localTarget();
    int models = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<DeploymentResult>> results = new ArrayList<>();

    // when
    try {
      for (int i = 0; i < models; i++) {
        String model = "model-" + i;
        Callable<DeploymentResult> apply =
            () -> {
              start.await();
              return target.apply(
                  new DeploymentRequest(
                      model,
                      "1.0.0",
                      UUID.randomUUID(),
                      ModelType.ML,
                      "sklearn",
                      "s3://models/" + model + "/1.0.0",
                      DeploymentStage.STAGING,
                      DeploymentAction.DEPLOY,
                      0,
                      null,
                      null));
            };
        results.add(pool.submit(apply));
      }
      start.countDown();
      for (Future<DeploymentResult> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).changed()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    // then
    assertThat(commitCount()).isEqualTo(models);
    for (int i = 0; i < models; i++) {
      assertThat(readAtHead("model-" + i + "/staging.yaml")).isNotNull();
    }
  }

  private GitOpsTarget localTarget() {
    return new GitOpsTarget(GitOpsProperties.local(repository().toString()));
  }

  private GitOpsProperties remoteProperties(Path remote) {
    return new GitOpsProperties(
        repository().toString(),
        remote.toUri().toString(),
        "main",
        null,
        null,
        "models",
        null,
        null);
  }

  private Path repository() {
    return workspace.resolve("gitops");
  }

  private Path bareRemote() throws Exception {
    Path remote = workspace.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    return remote;
  }

  private static String remoteBranch(Path remote) throws IOException {
    try (Git git = Git.open(remote.toFile())) {
      ObjectId id = git.getRepository().resolve("refs/heads/main");
      return id == null ? null : id.name();
    }
  }

  private String commitAsSomeoneElse(Path remote, String file, String content) throws Exception {
    Path clone = workspace.resolve("someone-else");
    try (Git git =
        Git.cloneRepository()
            .setURI(remote.toUri().toString())
            .setDirectory(clone.toFile())
            .call()) {
      Files.writeString(clone.resolve(file), content);
      git.add().addFilepattern(file).call();
      PersonIdent someone = new PersonIdent("Platform Team", "platform@example.org");
      RevCommit commit =
          git.commit()
              .setMessage("Add notes")
              .setAuthor(someone)
              .setCommitter(someone)
              .setSign(false)
              .call();
      git.push().call();
      return commit.name();
    }
  }

  private RevCommit head() throws Exception {
    try (Git git = Git.open(repository().toFile())) {
      return git.log().setMaxCount(1).call().iterator().next();
    }
  }

  private int commitCount() throws Exception {
    try (Git git = Git.open(repository().toFile())) {
      int count = 0;
      for (RevCommit ignored : git.log().call()) {
        count++;
      }
      return count;
    }
  }

  private String readAtHead(String path) throws Exception {
    try (Git git = Git.open(repository().toFile());
        org.eclipse.jgit.treewalk.TreeWalk walk =
            org.eclipse.jgit.treewalk.TreeWalk.forPath(
                git.getRepository(), path, head().getTree())) {
      return walk == null
          ? null
          : new String(
              git.getRepository().open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }

  private Map<String, Object> manifest(String path) throws Exception {
    String committed = readAtHead(path);
    assertThat(committed).as("%s at HEAD", path).isNotNull();
    assertThat(Files.readString(repository().resolve(path))).isEqualTo(committed);
    return new Yaml().load(committed);
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> manifest, String... keys) {
    Object node = manifest;
    for (String key : keys) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = ((Map<String, Object>) map).get(key);
    }
    return node;
  }

  private static DeploymentRequest canary(int percent) {
    return new DeploymentRequest(
        MODEL,
        "1.4.0",
        UUID.fromString("7f9c1a52-3d2e-4b8a-9c61-0d5e2f4a1b3c"),
        ModelType.ML,
        "sklearn",
        V140,
        DeploymentStage.CANARY,
        DeploymentAction.DEPLOY,
        percent,
        "1.3.0",
        V130);
  }

  private static DeploymentRequest request(DeploymentStage stage, DeploymentAction action) {
    return new DeploymentRequest(
        MODEL,
        "1.4.0",
        UUID.fromString("7f9c1a52-3d2e-4b8a-9c61-0d5e2f4a1b3c"),
        ModelType.ML,
        "sklearn",
        V140,
        stage,
        action,
        action == DeploymentAction.PROMOTE ? 100 : 10,
        "1.3.0",
        V130);
  }

  private static DeploymentRequest firstRelease(DeploymentStage stage, DeploymentAction action) {
    return new DeploymentRequest(
        MODEL,
        "1.4.0",
        UUID.fromString("7f9c1a52-3d2e-4b8a-9c61-0d5e2f4a1b3c"),
        ModelType.ML,
        "sklearn",
        V140,
        stage,
        action,
        100,
        null,
        null);
  }
}
