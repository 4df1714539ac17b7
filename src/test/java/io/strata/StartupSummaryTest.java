package io.strata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupSummaryTest {

  private static final List<String> DEMO = List.of("alice", "bob", "carol", "olivia");

  @Test
  void embeddedDefaultNamesTheConsoleTheDemoUsersTheirPasswordAndTheKeyFile() {
    assertThat(StartupSummary.line("http://localhost:8080", true, DEMO, "strata-demo",
        Optional.of(Path.of("/srv/strata/data/operator.key"))))
        .isEqualTo("Strata is ready: console http://localhost:8080/ui/, demo users alice, bob, carol,"
            + " olivia (password strata-demo); operator key in /srv/strata/data/operator.key");
  }

  @Test
  void aPasswordOfOnesOwnAndAKeyFromTheEnvironmentAreNeverPrinted() {
    String line = StartupSummary.line("https://logs.example.com/", true, DEMO, "s3cret-Of-Mine",
        Optional.empty());
    assertThat(line).doesNotContain("s3cret-Of-Mine")
        .contains("console https://logs.example.com/ui/")
        .contains("(password from STRATA_DEMO_PASSWORD)")
        .endsWith("; operator key from STRATA_OPERATOR_KEY");
  }

  @Test
  void aKeycloakOfOnesOwnHasNoDemoUsers() {
    assertThat(StartupSummary.line("http://localhost:8080", true, List.of(), "strata-demo",
        Optional.of(Path.of("/d/operator.key"))))
        .isEqualTo("Strata is ready: console http://localhost:8080/ui/, signed in with your identity"
            + " provider's users; operator key in /d/operator.key");
  }

  @Test
  void withoutSignInTheConsoleIsSaidToBeOff() {
    assertThat(StartupSummary.line("http://localhost:8080", false, List.of(), "strata-demo",
        Optional.empty()))
        .contains("(off: QUARKUS_OIDC_TENANT_ENABLED=false, API keys only)")
        .doesNotContain("demo users");
  }
}
