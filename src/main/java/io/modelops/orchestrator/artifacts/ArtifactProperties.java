package io.modelops.orchestrator.artifacts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the orchestrator may read artifacts from (today: the DMN files of decision models it
 * deploys into its engine).
 *
 * @param fileRoots directories {@code file:} artifacts may be read from; a file must lie under one
 *     of them after symbolic links and {@code ..} are resolved
 * @param allowedHosts hosts {@code https:} artifacts may be downloaded from: {@code host} (default
 *     port) or {@code host:port}; empty means none
 * @param allowHttp whether plain {@code http:} is allowed (to the allowed hosts only)
 * @param allowPrivateAddresses whether an allowed host may resolve to a loopback, private,
 *     link-local, multicast or unspecified address
 * @param maxSize the largest artifact read
 * @param connectTimeout how long connecting to an artifact host may take
 * @param readTimeout how long a whole download may take
 * @param decisionModelMaxSize the largest decision model the engine accepts, by any deployment
 * @param processModelMaxSize the largest process or case model (BPMN, CMMN) the engine accepts, by
 *     any deployment
 */
@ConfigurationProperties("modelops.artifacts")
public record ArtifactProperties(
    @DefaultValue("./data/artifacts") List<Path> fileRoots,
    @DefaultValue List<String> allowedHosts,
    @DefaultValue("false") boolean allowHttp,
    @DefaultValue("false") boolean allowPrivateAddresses,
    @DefaultValue("1MB") DataSize maxSize,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("20s") Duration readTimeout,
    @DefaultValue("1MB") DataSize decisionModelMaxSize,
    @DefaultValue("4MB") DataSize processModelMaxSize) {

  public ArtifactProperties {
    fileRoots = List.copyOf(fileRoots);
    allowedHosts =
        allowedHosts.stream()
            .map(h -> h.trim().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .toList();
  }
}
