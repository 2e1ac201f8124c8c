package chorus.server.cluster;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event that happened on another instance of the cluster and is replayed here, so this
 * instance's kiosks and walls see it. Observers that must act only where the change was made
 * (screening a comment, publishing to the cluster) observe {@code @Default} events only.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface FromCluster {
  /** For firing: {@code event.select(FromCluster.LITERAL)}. */
  final class Literal extends jakarta.enterprise.util.AnnotationLiteral<FromCluster>
      implements FromCluster {
    private static final long serialVersionUID = 1L;
  }

  Literal LITERAL = new Literal();
}
