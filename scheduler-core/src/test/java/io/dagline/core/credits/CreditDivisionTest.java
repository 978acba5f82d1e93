package io.dagline.core.credits;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.credits.CreditDivision.Claim;
import io.dagline.core.credits.CreditDivision.PoolShare;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreditDivisionTest {

  @Test
  void shouldShareEquallyWithinAPoolAndGiveTheRestAsHeadroom() {
    Map<String, Integer> grants = CreditDivision.divide(10, List.of(
        new Claim("a", null, 100, 0, 1), new Claim("b", null, 100, 0, 2)), Map.of());
    assertThat(grants).containsEntry("a", 5).containsEntry("b", 5);

    Map<String, Integer> small = CreditDivision.divide(10, List.of(
        new Claim("a", null, 1, 0, 1), new Claim("b", null, 2, 0, 2)), Map.of());
    assertThat(small.values().stream().mapToInt(Integer::intValue).sum()).as("nothing wasted").isEqualTo(10);
    assertThat(small.get("a")).isGreaterThanOrEqualTo(1);
    assertThat(small.get("b")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldServeTheOldestClaimFirstWhenCreditsDoNotGoRound() {
    Map<String, Integer> grants = CreditDivision.divide(2, List.of(
        new Claim("new", null, 5, 0, 9), new Claim("old", null, 5, 0, 1), new Claim("mid", null, 5, 0, 5)), Map.of());
    assertThat(grants).containsEntry("old", 1).containsEntry("mid", 1).containsEntry("new", 0);
  }

  @Test
  void shouldDivideBetweenPoolsByMinShareThenWeight() {
    Map<String, PoolShare> pools = Map.of("a", new PoolShare(1, 0), "b", new PoolShare(3, 0), "c", new PoolShare(1, 4));
    Map<String, Integer> grants = CreditDivision.divide(12, List.of(
        new Claim("a1", "a", 50, 0, 1), new Claim("b1", "b", 50, 0, 2), new Claim("c1", "c", 50, 0, 3)), pools);
    // c first gets its minShare 4; the other 8 by weight 1:3:1 → a 2 (of 1.6), b 5 (of 4.8), c 1 more (of 1.6).
    assertThat(grants.get("c1")).isGreaterThanOrEqualTo(4);
    assertThat(grants.get("b1")).isGreaterThan(grants.get("a1"));
    assertThat(grants.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
  }

  @Test
  void shouldLetAnIdlePartitionKeepItsGrantOnlyWhileNobodyNeedsIt() {
    Map<String, Integer> free = CreditDivision.divide(8, List.of(
        new Claim("idle", null, 0, 3, 1), new Claim("busy", null, 4, 4, 2)), Map.of());
    assertThat(free).containsEntry("idle", 3).containsEntry("busy", 5);

    Map<String, Integer> needed = CreditDivision.divide(8, List.of(
        new Claim("idle", null, 0, 3, 1), new Claim("busy", null, 8, 5, 2)), Map.of());
    assertThat(needed).containsEntry("idle", 0).containsEntry("busy", 8);
  }

  @Test
  void shouldNeverGrantMoreThanTheCapacityNorLeaveADemandingPartitionWithNothingWhileCreditsGoRound() {
    Random random = new Random(7);
    for (int r = 0; r < 500; r++) {
      int round = r;
      int capacity = random.nextInt(40);
      int claims = 1 + random.nextInt(12);
      List<Claim> all = new java.util.ArrayList<>();
      for (int i = 0; i < claims; i++) {
        all.add(new Claim("p" + i, "pool" + random.nextInt(3), random.nextInt(6), random.nextInt(5), random.nextInt(100)));
      }
      Map<String, Integer> pooled = CreditDivision.divide(capacity, all,
          Map.of("pool0", new PoolShare(2, 1), "pool1", new PoolShare(1, 0)));
      assertThat(pooled.values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(capacity);
      // Every demanding partition gets a credit once there are enough to go round, with or without pool shares.
      all.stream().filter(claim -> claim.demand() > 0 && capacity >= all.stream().filter(c -> c.demand() > 0).count())
          .forEach(claim -> assertThat(pooled.get(claim.key())).as("round %d, pooled: %s", round, claim).isPositive());
      Map<String, Integer> grants = CreditDivision.divide(capacity, all, Map.of());
      assertThat(grants.values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(capacity);
      long demanding = all.stream().filter(claim -> claim.demand() > 0).count();
      if (capacity >= demanding) {
        all.stream().filter(claim -> claim.demand() > 0)
            .forEach(claim -> assertThat(grants.get(claim.key())).as("round %d: %s", round, claim).isPositive());
      }
    }
  }
}
