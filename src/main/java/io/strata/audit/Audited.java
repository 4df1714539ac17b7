package io.strata.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public service method or REST resource method that records its action in the audit
 * trail, and names the action. {@code AuditCoverageTest} fails for a method that is neither this
 * nor {@link AuditExempt}; the ITs check that the action is recorded once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

  /** The action recorded, e.g. {@code search}, {@code key.create}. */
  String value();
}
