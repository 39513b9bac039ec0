package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.Proxied;
import dev.tcpunit.junit.Toxic;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One {@code @Proxied} on a container field, checked without loading Testcontainers.
 *
 * @param field the container's field
 * @param annotation the declaration
 * @param name the proxy's name, or empty
 * @param element the field in words, for messages
 */
record ProxiedDeclaration(Field field, Proxied annotation, String name, String element) {

  static final String CONTAINER_TYPE = "org.testcontainers.containers.GenericContainer";

  /** Keys a declaration's proxy in a store. */
  record Key(Field field) {}

  /** The {@code @Proxied} container fields of a class, static or instance ones. */
  static List<ProxiedDeclaration> of(Class<?> type, boolean statics) {
    List<ProxiedDeclaration> all = new ArrayList<>();
    List<Field> fields =
        ReflectionSupport.findFields(
            type,
            f ->
                Modifier.isStatic(f.getModifiers()) == statics
                    && AnnotationSupport.isAnnotated(f, Proxied.class)
                    && isContainerType(f.getType()),
            HierarchyTraversalMode.TOP_DOWN);
    for (Field field : fields) {
      all.add(of(field));
    }
    return all;
  }

  static ProxiedDeclaration of(Field field) {
    Proxied annotation = AnnotationSupport.findAnnotation(field, Proxied.class).orElseThrow();
    ProxiedDeclaration declaration =
        new ProxiedDeclaration(field, annotation, annotation.name(), Elements.field(field));
    if (!annotation.upstream().isEmpty()) {
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires no upstream on a container field but upstream is \""
              + annotation.upstream()
              + "\". Remove upstream: the proxy relays to the container's port.");
    }
    int port = annotation.port();
    if (port != -1 && (port < 1 || port > 65535)) {
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires a port of 1-65535, or -1 for the container's only exposed port, but"
              + " port is "
              + port
              + ". Fix the port.");
    }
    declaration.seed();
    boolean toxiproxy = annotation.backend() == Proxied.Backend.TOXIPROXY;
    if (!toxiproxy && !annotation.toxiproxyImage().isEmpty()) {
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires backend = TOXIPROXY for a toxiproxyImage but the backend is "
              + annotation.backend()
              + ". Set backend = TOXIPROXY, or remove toxiproxyImage.");
    }
    if (toxiproxy && !annotation.seed().isEmpty()) {
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires no seed with backend = TOXIPROXY but seed is \""
              + annotation.seed()
              + "\": Toxiproxy draws its own random numbers. Remove the seed, or replay with"
              + " backend = IN_PROCESS.");
    }
    if (toxiproxy) {
      for (Toxic toxic : ToxicDeclarations.on(field)) {
        if (!ToxiproxyToxics.TYPES.contains(toxic.type())) {
          throw new ExtensionConfigurationException(
              ToxiproxyToxics.unsupported(
                  "@Toxic(type = \"" + toxic.type() + "\") on " + declaration.element(),
                  toxic.type()));
        }
      }
    }
    return declaration;
  }

  /**
   * The seed of an in-process proxy's random decisions.
   *
   * @return the seed, or {@code null} for a fresh one
   */
  @Nullable Long seed() {
    if (annotation.seed().isEmpty()) {
      return null;
    }
    try {
      return Long.valueOf(annotation.seed().trim());
    } catch (NumberFormatException e) {
      throw new ExtensionConfigurationException(
          label()
              + " requires seed as a decimal long but it is \""
              + annotation.seed()
              + "\". Copy the seed from the timeline, for example seed = \"42\".");
    }
  }

  /** Whether a type is a Testcontainers container, found by name so that none is loaded. */
  static boolean isContainerType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(CONTAINER_TYPE)) {
        return true;
      }
    }
    return false;
  }

  Key key() {
    return new Key(field);
  }

  /** The annotation and the field: {@code @Proxied(name = "db") on field [...]}. */
  String label() {
    return "@Proxied" + (name.isEmpty() ? "" : "(name = \"" + name + "\")") + " on " + element;
  }
}
