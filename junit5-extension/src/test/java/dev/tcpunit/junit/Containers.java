package dev.tcpunit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Containers for {@code @Proxied} fixtures, built from the local images of {@code
 * .ci/build-images.sh}; every one carries a label so that a test can find what is left running.
 */
final class Containers {

  static final DockerImageName BUSYBOX = DockerImageName.parse("tcpunit/busybox:1");
  static final String TOXIPROXY_IMAGE = "tcpunit/toxiproxy:local";
  static final String LABEL = "dev.tcpunit.test";

  /** Configuration parameters for fixtures: Docker is required (the outer test checked it). */
  static final String[] PARAMETERS = {
    Proxied.DOCKER_REQUIRED, "true", "tcpunit.toxiproxy.image", TOXIPROXY_IMAGE
  };

  private Containers() {}

  /**
   * An echo server on port 7: busybox {@code nc} running {@code cat} for every connection. Started
   * up to three times: the engine publishes the port on a host port of the ephemeral range, which a
   * socket of a test running in parallel may hold at that moment ("address already in use").
   */
  static GenericContainer<?> echo(String label) {
    return new GenericContainer<>(BUSYBOX)
        .withCommand("nc", "-ll", "-p", "7", "-e", "cat")
        .withExposedPorts(7)
        .withLabel(LABEL, label)
        .withStartupAttempts(3);
  }

  /** A fresh label value, to find one fixture's containers. */
  static String newLabel() {
    return UUID.randomUUID().toString();
  }

  /** The ids of the running containers with a label value. */
  static List<String> running(String label) {
    return DockerClientFactory.lazyClient()
        .listContainersCmd()
        .withLabelFilter(Map.of(LABEL, label))
        .exec()
        .stream()
        .map(c -> c.getId())
        .toList();
  }

  /** The ids of the running shared Toxiproxy containers of a network ({@code bridge} or an id). */
  static List<String> toxiproxies(String network) {
    return DockerClientFactory.lazyClient()
        .listContainersCmd()
        .withLabelFilter(Map.of("dev.tcpunit.toxiproxy.network", network))
        .exec()
        .stream()
        .map(c -> c.getId())
        .toList();
  }

  /**
   * Runs a test class only when a Docker engine answers; on a CI server ({@code CI=true}) a missing
   * engine fails the class instead, so that a broken CI setup is seen.
   */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(RequiresDocker.Condition.class)
  @interface RequiresDocker {

    /** The condition behind {@link RequiresDocker}. */
    final class Condition implements ExecutionCondition {
      @Override
      public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
          return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        if ("true".equals(System.getenv("CI"))) {
          throw new IllegalStateException(
              "CI=true but no Docker engine answers: .ci/run must start one (.ci/docker-engine.sh)");
        }
        return ConditionEvaluationResult.disabled("no Docker engine: container tests skipped");
      }
    }
  }
}
