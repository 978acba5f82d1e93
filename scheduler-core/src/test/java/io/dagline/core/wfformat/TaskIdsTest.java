package io.dagline.core.wfformat;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.Ids;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskIdsTest {

    @Test
    void shouldKeepValidIdsUnchanged() {
        assertThat(TaskIds.assign(List.of("NFCORE_RNASEQ.RNASEQ.CAT_FASTQ_1", "bowtie2-build_ID0000001")))
                .containsExactly(Map.entry("NFCORE_RNASEQ.RNASEQ.CAT_FASTQ_1", "NFCORE_RNASEQ.RNASEQ.CAT_FASTQ_1"),
                        Map.entry("bowtie2-build_ID0000001", "bowtie2-build_ID0000001"));
    }

    @Test
    void shouldReplaceEachDisallowedCharacterWithUnderscore() {
        assertThat(TaskIds.assign(List.of("a/b c", "ünï😀", "")))
                .containsExactly(Map.entry("a/b c", "a_b_c"), Map.entry("ünï😀", "_n__"),
                        Map.entry("", "_"));
    }

    @Test
    void shouldKeepRewrittenIdsUniqueAndWithinTheLengthLimit() {
        // given three ids that all become the same 200 characters
        String longId = "x".repeat(250);
        List<String> originals = List.of(longId + "/", longId + " ", "x".repeat(200));

        // when
        Map<String, String> ids = TaskIds.assign(originals);

        // then
        assertThat(ids.values()).doesNotHaveDuplicates().allSatisfy(id -> assertThat(Ids.isValid(id)).isTrue());
        assertThat(ids.get("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(ids.get(longId + "/")).isEqualTo("x".repeat(198) + "-2");
        assertThat(ids.get(longId + " ")).isEqualTo("x".repeat(198) + "-3");
    }
}
