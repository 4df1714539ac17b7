package io.strata.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash chain of the audit trail. Each event's canonical form is a JSON object with its fields in
 * a fixed order and its parameters sorted by name, times at microseconds (what PostgreSQL keeps);
 * its hash is {@code SHA-256(prev_hash ‖ canonical)} in lowercase hex, the first event's {@code
 * prev_hash} being {@link #GENESIS}. Changing, removing or reordering any event changes every hash
 * after it.
 */
public final class AuditHashing {

  /** The {@code prev_hash} of a trail's first event. */
  public static final String GENESIS = "0".repeat(64);

  private static final JsonFactory JSON = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  private AuditHashing() {}

  /** Times as the trail keeps them: UTC, microseconds. */
  public static Instant truncate(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  /** The canonical form of {@code record} (its hashes aside). */
  public static byte[] canonical(AuditRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("chain", record.chain());
      json.writeNumberField("seq", record.seq());
      json.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(truncate(record.time())));
      json.writeStringField("tenant", record.tenant());
      json.writeStringField("actor_type", record.actorType());
      json.writeStringField("actor_id", record.actorId());
      json.writeStringField("actor_name", record.actorName());
      json.writeStringField("source", record.source());
      json.writeStringField("user_agent", record.userAgent());
      json.writeStringField("action", record.action());
      json.writeStringField("target", record.target());
      json.writeObjectFieldStart("params");
      for (Map.Entry<String, String> param : record.params().entrySet()) {
        json.writeStringField(param.getKey(), param.getValue());
      }
      json.writeEndObject();
      json.writeStringField("outcome", record.outcome());
      json.writeNumberField("status", record.status());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code SHA-256(prevHash ‖ canonical(record))} in hex. */
  public static String hash(String prevHash, AuditRecord record) {
    MessageDigest digest = sha256();
    digest.update(prevHash.getBytes(StandardCharsets.US_ASCII));
    digest.update(canonical(record));
    return HEX.formatHex(digest.digest());
  }

  /** The params as the trail stores them: a JSON object, keys sorted. */
  public static String paramsJson(Map<String, String> params) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> param : new java.util.TreeMap<>(params).entrySet()) {
        json.writeStringField(param.getKey(), param.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The parameters of {@link #paramsJson}'s form read back: a flat object of strings. */
  public static Map<String, String> paramsFromJson(String json) {
    Map<String, String> params = new java.util.TreeMap<>();
    try (com.fasterxml.jackson.core.JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        params.put(name, parser.getValueAsString());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return params;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
