package dev.tcpunit.junit.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Describes fields, methods and parameters for messages, with simple type names: {@code field
 * [ScriptedServer FooTests.server]}, {@code method [void FooTests.bar(URI)]}, {@code parameter [URI
 * uri] in method [void FooTests.bar(URI)]}.
 */
final class Elements {

  private Elements() {}

  static String field(Field field) {
    String modifier = Modifier.isFinal(field.getModifiers()) ? "final " : "";
    return "field ["
        + modifier
        + field.getType().getSimpleName()
        + " "
        + field.getDeclaringClass().getSimpleName()
        + "."
        + field.getName()
        + "]";
  }

  static String executable(Executable executable) {
    String parameters =
        Arrays.stream(executable.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
    String owner = executable.getDeclaringClass().getSimpleName();
    if (executable instanceof Constructor) {
      return "constructor [" + owner + parameters + "]";
    }
    Method method = (Method) executable;
    return "method ["
        + method.getReturnType().getSimpleName()
        + " "
        + owner
        + "."
        + method.getName()
        + parameters
        + "]";
  }

  static String parameter(Parameter parameter, Executable executable) {
    return "parameter ["
        + parameter.getType().getSimpleName()
        + " "
        + parameter.getName()
        + "] in "
        + executable(executable);
  }
}
