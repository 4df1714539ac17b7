package io.strata.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticationMechanismTest {

  private static final String KEY = "strata_abcDEF123-_xyz";

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String secret(String authorization) {
    return ApiKeyAuthenticationMechanism.secret(null, authorization);
  }

  @Test
  void theKeyHeaderAndBearerTokensCarryTheKeyAsItIs() {
    assertThat(ApiKeyAuthenticationMechanism.secret(" " + KEY + " ", "Bearer other")).isEqualTo(KEY);
    assertThat(secret("Bearer " + KEY)).isEqualTo(KEY);
    assertThat(secret("bearer " + KEY)).isEqualTo(KEY);
  }

  @Test
  void basicAuthCarriesTheKeyAsPasswordWithAnyUserName() {
    assertThat(secret("Basic " + base64("loki:" + KEY))).isEqualTo(KEY);
    assertThat(secret("Basic " + base64(":" + KEY))).isEqualTo(KEY);
    assertThat(secret("Basic " + base64(KEY + ":"))).isEqualTo(KEY);
    assertThat(secret("Basic not-base64!")).isNull();
    assertThat(secret("Basic " + base64("no colon"))).isNull();
  }

  @Test
  void elasticsearchApiKeysAreTakenRawOrAsBase64IdColonKey() {
    assertThat(secret("ApiKey " + KEY)).isEqualTo(KEY);
    assertThat(secret("ApiKey " + base64("my-shipper:" + KEY))).isEqualTo(KEY);
    assertThat(secret("ApiKey " + base64(KEY))).isEqualTo(KEY);
    assertThat(secret("apikey " + base64("id:" + KEY))).isEqualTo(KEY);
  }

  @Test
  void otherSchemesCarryNoKey() {
    assertThat(secret(null)).isNull();
    assertThat(secret("Digest abc")).isNull();
    assertThat(secret("Bearer")).isNull();
  }
}
