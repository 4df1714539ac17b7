package io.strata.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public service or REST resource method (or every such method of a class) that records
 * nothing in the audit trail, and says why: it reads no events and changes nothing, or the method
 * it calls records the action.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuditExempt {

  /** Why nothing is recorded here. */
  String value();
}
