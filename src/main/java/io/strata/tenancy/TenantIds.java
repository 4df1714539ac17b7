package io.strata.tenancy;

import io.strata.infra.http.ProblemException;
import java.util.regex.Pattern;

/** The rule for tenant ids: lowercase letters, digits and dashes, 2 to 63 characters. */
public final class TenantIds {

  private static final Pattern VALID = Pattern.compile("[a-z0-9-]{2,63}");

  private TenantIds() {}

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /** Returns {@code id}, or throws a 400 problem naming the rule. */
  public static String require(String id) {
    if (!isValid(id)) {
      throw ProblemException.badRequest("invalid-tenant-id",
          "Tenant id '" + id + "' is invalid: use 2 to 63 characters of a-z, 0-9 and '-'.")
          .with("field", "id");
    }
    return id;
  }
}
