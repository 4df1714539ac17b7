package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcTargetTest {

  private static JdbcTarget of(String reactiveUrl) {
    return JdbcTarget.fromReactive(reactiveUrl, Optional.empty(), Optional.empty());
  }

  @Test
  void hostPortAndDatabaseCarryOver() {
    assertThat(of("postgresql://db.example.com:6543/strata").url())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/strata");
    assertThat(of("postgres://db.example.com:6543/strata").url())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/strata");
    assertThat(of("vertx-reactive:postgresql://db.example.com:6543/strata").url())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/strata");
  }

  @Test
  void missingHostAndPortAreTheReactiveClientsDefaults() {
    assertThat(of("postgresql://db/strata").url()).isEqualTo("jdbc:postgresql://db:5432/strata");
    assertThat(of("postgresql:///strata").url())
        .isEqualTo("jdbc:postgresql://localhost:5432/strata");
  }

  @Test
  void ipv6HostsKeepTheirBrackets() {
    assertThat(of("postgresql://[::1]:5433/strata").url())
        .isEqualTo("jdbc:postgresql://[::1]:5433/strata");
    assertThat(of("postgresql:///strata?host=fe80::1").url())
        .isEqualTo("jdbc:postgresql://[fe80::1]:5432/strata");
  }

  @Test
  void credentialsInTheUrlAreUsedWhenNotConfigured() {
    JdbcTarget target = of("postgresql://strata:s%40cret@db:5432/strata");
    assertThat(target.url()).isEqualTo("jdbc:postgresql://db:5432/strata");
    assertThat(target.user()).contains("strata");
    assertThat(target.password()).contains("s@cret");
  }

  @Test
  void configuredCredentialsWinOverTheUrls() {
    JdbcTarget target = JdbcTarget.fromReactive("postgresql://url-user:url-pass@db/strata",
        Optional.of("config-user"), Optional.of("config-pass"));
    assertThat(target.user()).contains("config-user");
    assertThat(target.password()).contains("config-pass");
  }

  @Test
  void credentialsAsParameters() {
    JdbcTarget target = of("postgresql://db/strata?user=strata&password=pw");
    assertThat(target.url()).isEqualTo("jdbc:postgresql://db:5432/strata");
    assertThat(target.user()).contains("strata");
    assertThat(target.password()).contains("pw");
  }

  @Test
  void theUrlNamesNoCredentialsWhenNoneAreGiven() {
    JdbcTarget target = of("postgresql://db/strata");
    assertThat(target.user()).isEmpty();
    assertThat(target.password()).isEmpty();
  }

  @Test
  void serverParametersGetTheirJdbcNames() {
    assertThat(of("postgresql://db/strata?sslmode=verify-full&application_name=strata%20node"
        + "&search_path=logs,public&options=-c%20statement_timeout%3D5s").url())
        .isEqualTo("jdbc:postgresql://db:5432/strata?sslmode=verify-full"
            + "&ApplicationName=strata%20node&currentSchema=logs%2Cpublic"
            + "&options=-c%20statement_timeout%3D5s");
  }

  @Test
  void theApplicationNameFallsBack() {
    assertThat(of("postgresql://db/strata?fallback_application_name=a").url())
        .isEqualTo("jdbc:postgresql://db:5432/strata?ApplicationName=a");
    assertThat(of("postgresql://db/strata?fallback_application_name=a&application_name=b").url())
        .isEqualTo("jdbc:postgresql://db:5432/strata?ApplicationName=b");
  }

  @Test
  void parametersOverrideTheAddress() {
    assertThat(of("postgresql://db:1/strata?host=other&port=2&dbname=logs").url())
        .isEqualTo("jdbc:postgresql://other:2/logs");
  }

  @Test
  void settingsOfTheReactiveClientItselfAreLeftOut() {
    assertThat(of("postgresql://db/strata?pipeliningLimit=1&cachePreparedStatements=true").url())
        .isEqualTo("jdbc:postgresql://db:5432/strata");
  }

  @Test
  void anEncodedDatabaseNameStaysTheSameDatabase() {
    assertThat(of("postgresql://db/my%20db").url()).isEqualTo("jdbc:postgresql://db:5432/my%20db");
  }

  @Test
  void aUrlWithoutDatabaseIsRefused() {
    assertThatThrownBy(() -> of("postgresql://db:5432"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no database");
    assertThatThrownBy(() -> of("postgresql://db:5432/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no database");
  }

  @Test
  void aUnixSocketIsRefusedWithTheWayOut() {
    assertThatThrownBy(() -> of("postgresql://%2Fvar%2Frun%2Fpostgresql/strata"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strata.schema.jdbc-url");
  }

  @Test
  void otherUrlsAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> of("mysql://root:hunter2@db/strata"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void thePasswordStaysOutOfToString() {
    assertThat(of("postgresql://strata:hunter2@db/strata").toString())
        .doesNotContain("hunter2").contains("jdbc:postgresql://db:5432/strata");
  }
}
