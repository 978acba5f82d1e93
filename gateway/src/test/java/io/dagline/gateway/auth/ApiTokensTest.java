package io.dagline.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

  @Test
  void shouldFindTheTenantOfAKnownTokenFromItsDigestOnly() {
    // printf %s s3cret | sha256sum
    ApiTokens tokens = ApiTokens.parse(List.of("team-a:1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0"));
    assertThat(tokens.tenantOf("s3cret")).contains("team-a");
    assertThat(tokens.tenantOf("s3cret ")).isEmpty();
    assertThat(tokens.tenantOf("")).isEmpty();
  }

  @Test
  void shouldRefuseEntriesThatAreNotTenantColonDigest() {
    assertThatThrownBy(() -> ApiTokens.parse(List.of("team-a"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiTokens.parse(List.of("team-a:s3cret"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> ApiTokens.parse(List.of(":" + "a".repeat(64)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReserveOnlyListedPools() {
    PoolOwners owners = PoolOwners.parse(List.of("gpu:team-a"));
    assertThat(owners.allows("team-a", "gpu")).isTrue();
    assertThat(owners.allows("team-b", "gpu")).isFalse();
    assertThat(owners.allows("team-b", "default")).isTrue();
    assertThat(owners.allows(null, "gpu")).as("authentication off").isTrue();
  }
}
