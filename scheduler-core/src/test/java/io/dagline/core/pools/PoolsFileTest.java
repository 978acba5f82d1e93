package io.dagline.core.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolsFileTest {

    @Test
    void shouldReadEveryFieldOfAPool() {
        Pools pools = PoolsFile.parse("""
                # production first
                default.ordering = fifo
                pool.etl.ordering = dagline
                pool.etl.weight = 2
                pool.etl.minShare = 4
                pool.etl.tenant = acme
                pool.adhoc.ordering = critical-path
                """);

        assertThat(pools.defaultOrdering()).isEqualTo(PoolOrdering.FIFO);
        assertThat(pools.pool("etl")).isEqualTo(new PoolConfig("etl", PoolOrdering.DAGLINE, 2, 4, "acme"));
        assertThat(pools.pool("adhoc")).isEqualTo(new PoolConfig("adhoc", PoolOrdering.CRITICAL_PATH, 1, 0, null));
    }

    @Test
    void shouldGiveUndeclaredPoolsSparksDefaultsAndTheDefaultOrdering() {
        Pools pools = PoolsFile.parse("default.ordering = heft\npool.small.weight = 3\n");

        assertThat(pools.pool("nobody")).isEqualTo(new PoolConfig("nobody", PoolOrdering.HEFT, 1, 0, null));
        assertThat(pools.pool("small")).isEqualTo(new PoolConfig("small", PoolOrdering.HEFT, 3, 0, null));
        assertThat(PoolsFile.parse("").pool("x").ordering()).isEqualTo(PoolOrdering.DAGLINE);
    }

    @Test
    void shouldAcceptEveryOrderingName() {
        for (PoolOrdering ordering : PoolOrdering.values()) {
            assertThat(PoolsFile.parse("pool.p.ordering = " + ordering.fileName().toUpperCase()).pool("p").ordering())
                    .isEqualTo(ordering);
        }
    }

    @Test
    void shouldRejectWhatItDoesNotKnowNamingTheKey() {
        assertThatThrownBy(() -> PoolsFile.parse("pool.etl.wieght = 2"))
                .hasMessageContaining("unknown key \"pool.etl.wieght\"");
        assertThatThrownBy(() -> PoolsFile.parse("pool.etl.ordering = lifo"))
                .hasMessageContaining("pool.etl.ordering").hasMessageContaining("\"lifo\"")
                .hasMessageContaining("fifo, fair, drf, critical-path, dagline, heft, adaptive");
        assertThatThrownBy(() -> PoolsFile.parse("pool.etl.weight = two"))
                .hasMessageContaining("pool.etl.weight must be an integer");
        assertThatThrownBy(() -> PoolsFile.parse("pool.etl.weight = 0"))
                .hasMessageContaining("weight must be positive");
        assertThatThrownBy(() -> PoolsFile.parse("pool.etl.minShare = -1"))
                .hasMessageContaining("minShare must not be negative");
    }
}
