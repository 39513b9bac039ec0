package dev.tcpunit.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The container of repeated {@link Toxic @Toxic} annotations; write {@code @Toxic} several times
 * instead.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ProxiedExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Toxics {

  /**
   * The toxics.
   *
   * @return the annotations, in declaration order
   */
  Toxic[] value();
}
