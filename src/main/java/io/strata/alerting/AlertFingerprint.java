package io.strata.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What identifies an alert across evaluations: the SHA-256 (hex) of the canonical JSON of its rule
 * id and group values, {@code {"group":{...sorted by field...},"rule":"rule_..."}}. Also the group
 * values as stored (JSON, in the rule's {@code group_by} order).
 */
final class AlertFingerprint {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final TypeReference<LinkedHashMap<String, String>> GROUP =
      new TypeReference<>() {};

  private AlertFingerprint() {}

  static String of(String ruleId, Map<String, String> group) {
    Map<String, Object> canonical = new TreeMap<>();
    canonical.put("rule", ruleId);
    canonical.put("group", new TreeMap<>(group));
    try {
      byte[] text = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("maps of strings are always JSON; SHA-256 always exists", e);
    }
  }

  static String write(Map<String, String> group) {
    try {
      return JSON.writeValueAsString(group);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings are always JSON", e);
    }
  }

  static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, GROUP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert's group is always JSON", e);
    }
  }
}
