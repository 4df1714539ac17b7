package io.strata.alerting.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A channel's e-mail recipients as stored: a JSON array of addresses. */
public final class Recipients {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private Recipients() {}

  /** The addresses of {@code json}; an empty list for null. */
  public static List<String> read(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a channel's recipients are always a JSON array", e);
    }
  }

  static String write(List<String> addresses) {
    try {
      return JSON.writeValueAsString(addresses);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }
}
