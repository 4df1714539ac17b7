package io.strata.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every REST resource method and every public method of a service either records its action in the
 * audit trail ({@link Audited}) or says why it need not ({@link AuditExempt}): a new endpoint or
 * service method that does neither fails this test, so nothing is left unaudited by oversight.
 */
class AuditCoverageTest {

  private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target", "classes");

  @Test
  void everyResourceAndServiceMethodIsAuditedOrExempt() throws Exception {
    List<String> uncovered = new ArrayList<>();
    int checked = 0;
    for (Class<?> type : strataClasses()) {
      boolean resource = type.isAnnotationPresent(Path.class);
      boolean service = type.getSimpleName().endsWith("Service") || Arrays.stream(
          type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Audited.class));
      if (!resource && !service) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        if (method.isSynthetic() || !Modifier.isPublic(method.getModifiers())
            || Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        if (resource && !service && !isEndpoint(method)) {
          continue;
        }
        checked++;
        if (!covered(type, method)) {
          uncovered.add(type.getName() + "#" + method.getName());
        }
      }
    }
    assertThat(checked).as("methods checked").isGreaterThan(40);
    assertThat(uncovered).as("neither @Audited nor @AuditExempt").isEmpty();
  }

  @Test
  void exemptionsGiveAReasonAndActionsAName() throws Exception {
    for (Class<?> type : strataClasses()) {
      AuditExempt onType = type.getAnnotation(AuditExempt.class);
      if (onType != null) {
        assertThat(onType.value()).as(type.getName()).hasSizeGreaterThan(15);
      }
      for (Method method : type.getDeclaredMethods()) {
        AuditExempt exempt = method.getAnnotation(AuditExempt.class);
        if (exempt != null) {
          assertThat(exempt.value()).as(type.getName() + "#" + method.getName()).hasSizeGreaterThan(15);
        }
        Audited audited = method.getAnnotation(Audited.class);
        if (audited != null) {
          assertThat(audited.value()).matches("[a-z_]+(\\.[a-z_]+)?");
        }
      }
    }
  }

  private static boolean covered(Class<?> type, Method method) {
    return method.isAnnotationPresent(Audited.class) || method.isAnnotationPresent(AuditExempt.class)
        || type.isAnnotationPresent(AuditExempt.class);
  }

  private static boolean isEndpoint(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }

  private static List<Class<?>> strataClasses() throws IOException, ClassNotFoundException {
    List<Class<?>> classes = new ArrayList<>();
    java.nio.file.Path root = CLASSES.resolve("io/strata");
    assertThat(root).isDirectory();
    try (Stream<java.nio.file.Path> files = Files.walk(root)) {
      for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
        String name = CLASSES.relativize(file).toString();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        classes.add(Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
            AuditCoverageTest.class.getClassLoader()));
      }
    }
    return classes;
  }
}
