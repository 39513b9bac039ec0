package dev.tcpunit.junit;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' image pull policy for these tests (see {@code testcontainers.properties}): never
 * pull; the images are built locally by {@code .ci/build-images.sh}.
 */
public final class NeverPull implements ImagePullPolicy {

  /** Created by Testcontainers from {@code testcontainers.properties}. */
  public NeverPull() {}

  @Override
  public boolean shouldPull(DockerImageName imageName) {
    return false;
  }
}
