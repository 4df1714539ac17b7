package io.strata.retention;

import io.strata.infra.http.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a retention policy before it is stored: its shape, each stream's selector, and every class's
 * days against the floor of the compliance profile, the tenant's own ceiling ({@code max_days}) and
 * the operator's maximum for the tenant. A refusal is a 400 problem naming the field, the stream and
 * the bound it breaks.
 */
public final class RetentionRules {

  /** Most streams one policy may have; each costs a selector evaluation per indexed event. */
  public static final int MAX_STREAMS = 100;
  /** The longest retention anyone may set: a hundred years. */
  public static final int MAX_DAYS = 36_500;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final String TYPE = "invalid-retention-policy";

  /** Checks a selector; throws with a message for the user when it cannot be a stream selector. */
  @FunctionalInterface
  public interface SelectorCheck {
    void check(String selector);
  }

  private RetentionRules() {}

  /**
   * The policy to store for {@code body}, with defaults filled in (profile {@code none}, priority 0);
   * throws a 400 problem when it is not acceptable.
   *
   * @param tenantMaxDays the operator's maximum for the tenant, or null for none
   */
  public static RetentionPolicy validate(RetentionPolicy body, Integer tenantMaxDays,
      SelectorCheck selectors) {
    if (body == null) {
      throw problem("Send a policy: {\"default_days\": N, \"streams\": [...], \"profile\": ...}.",
          null);
    }
    String profileName = body.profile() == null ? ComplianceProfile.NONE.label() : body.profile();
    ComplianceProfile profile = ComplianceProfile.of(profileName);
    if (profile == null) {
      throw problem("'profile' must be one of " + ComplianceProfile.labels() + ".", "profile");
    }
    Integer maxDays = body.maxDays();
    if (maxDays != null) {
      requireDays(maxDays, "max_days", null);
      if (maxDays < profile.minDays()) {
        throw problem("'max_days' (" + maxDays + ") is below the " + profile.label()
            + " minimum of " + profile.minDays() + " days.", "max_days")
            .with("bound", profile.label() + " minimum " + profile.minDays() + " days");
      }
    }
    if (body.defaultDays() == null) {
      throw problem("'default_days' is required.", "default_days");
    }
    checkDays(body.defaultDays(), "default_days", null, profile, maxDays, tenantMaxDays);
    List<RetentionStream> given = body.streams() == null ? List.of() : body.streams();
    if (given.size() > MAX_STREAMS) {
      throw problem("A policy may have at most " + MAX_STREAMS + " streams; this one has "
          + given.size() + ".", "streams");
    }
    List<RetentionStream> streams = new ArrayList<>(given.size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      RetentionStream stream = given.get(i);
      String at = "streams[" + i + "]";
      if (stream == null) {
        throw problem(at + " is null.", at);
      }
      String name = stream.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw problem(at + ".name must be 1-32 lower-case letters, digits, '-' or '_', starting"
            + " with a letter or digit.", at + ".name");
      }
      if (name.equals(RetentionPolicy.DEFAULT_CLASS)) {
        throw problem("'default' names the events no stream selects; choose another stream name.",
            at + ".name").with("stream", name);
      }
      if (!names.add(name)) {
        throw problem("Two streams are named '" + name + "'.", at + ".name").with("stream", name);
      }
      if (stream.selector() == null || stream.selector().isBlank()) {
        throw problem("Stream '" + name + "' needs a selector (a query, such as service:payments).",
            at + ".selector").with("stream", name);
      }
      try {
        selectors.check(stream.selector());
      } catch (ProblemException e) {
        throw problem("The selector of stream '" + name + "' is not valid: " + e.getMessage(),
            at + ".selector").with("stream", name);
      } catch (IllegalArgumentException e) {
        throw problem("The selector of stream '" + name + "' cannot be used: " + e.getMessage(),
            at + ".selector").with("stream", name);
      }
      if (stream.days() == null) {
        throw problem("Stream '" + name + "' needs 'days'.", at + ".days").with("stream", name);
      }
      checkDays(stream.days(), at + ".days", name, profile, maxDays, tenantMaxDays);
      streams.add(new RetentionStream(name, stream.selector().strip(), stream.days(),
          stream.priority() == null ? 0 : stream.priority()));
    }
    return new RetentionPolicy(body.defaultDays(), List.copyOf(streams), profile.label(), maxDays,
        null, null);
  }

  private static void checkDays(int days, String field, String stream, ComplianceProfile profile,
      Integer maxDays, Integer tenantMaxDays) {
    requireDays(days, field, stream);
    String what = stream == null ? "'default_days'" : "Stream '" + stream + "'";
    if (days < profile.minDays()) {
      throw problem(what + " keeps events " + days + " days; the " + profile.label()
          + " profile requires at least " + profile.minDays() + ".", field, stream)
          .with("bound", profile.label() + " minimum " + profile.minDays() + " days");
    }
    if (maxDays != null && days > maxDays) {
      throw problem(what + " keeps events " + days + " days, more than the policy's max_days ("
          + maxDays + ").", field, stream).with("bound", "max_days " + maxDays);
    }
    if (tenantMaxDays != null && days > tenantMaxDays) {
      throw problem(what + " keeps events " + days + " days; the operator allows this tenant at"
          + " most " + tenantMaxDays + ".", field, stream)
          .with("bound", "max_retention_days " + tenantMaxDays);
    }
  }

  private static void requireDays(int days, String field, String stream) {
    if (days < 1 || days > MAX_DAYS) {
      throw problem("'" + field + "' must be between 1 and " + MAX_DAYS + " days.", field, stream);
    }
  }

  private static ProblemException problem(String detail, String field, String stream) {
    ProblemException problem = problem(detail, field);
    return stream == null ? problem : problem.with("stream", stream);
  }

  private static ProblemException problem(String detail, String field) {
    ProblemException problem = ProblemException.badRequest(TYPE, detail);
    return field == null ? problem : problem.with("field", field);
  }
}
