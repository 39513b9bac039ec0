package dev.tcpunit.junit.internal;

import dev.tcpunit.server.ConnectionScript;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/** Instantiates the {@code script} class of a {@code @TcpServer} and asks it for its script. */
final class ScriptClasses {

  private ScriptClasses() {}

  static ConnectionScript supply(
      Class<? extends Supplier<ConnectionScript>> type, Declaration declaration) {
    Supplier<ConnectionScript> supplier = instantiate(type, declaration);
    String on = "@TcpServer on " + declaration.element() + " requires script ";
    ConnectionScript script;
    try {
      script = supplier.get();
    } catch (RuntimeException e) {
      throw declaration.fail(
          on
              + type.getSimpleName()
              + " to supply a ConnectionScript but get() threw "
              + e
              + ". Fix "
              + type.getSimpleName()
              + ".get().",
          e);
    }
    if (script == null) {
      throw declaration.fail(
          on
              + type.getSimpleName()
              + " to supply a ConnectionScript but get() returned null. Return a script from "
              + type.getSimpleName()
              + ".get().",
          null);
    }
    return script;
  }

  private static Supplier<ConnectionScript> instantiate(
      Class<? extends Supplier<ConnectionScript>> type, Declaration declaration) {
    String on =
        "@TcpServer on "
            + declaration.element()
            + " requires script to be a class with a no-arg constructor but "
            + type.getSimpleName();
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw declaration.fail(
          on
              + " is "
              + (type.isInterface() ? "an interface" : "abstract")
              + ". Name a concrete class.",
          null);
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw declaration.fail(on + " is an inner class. Make it a static nested class.", null);
    }
    Constructor<? extends Supplier<ConnectionScript>> constructor;
    try {
      constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw declaration.fail(on + " has none. Add a no-arg constructor.", e);
    } catch (RuntimeException e) {
      throw declaration.fail(on + " is not accessible: " + e + ". Make it public.", e);
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw declaration.fail(
          "@TcpServer on "
              + declaration.element()
              + " requires script "
              + type.getSimpleName()
              + " to be instantiable but its constructor threw "
              + cause
              + ". Fix the constructor.",
          cause);
    } catch (ReflectiveOperationException e) {
      throw declaration.fail(on + " cannot be instantiated: " + e + ".", e);
    }
  }
}
