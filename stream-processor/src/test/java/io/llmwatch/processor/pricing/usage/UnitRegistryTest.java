package io.llmwatch.processor.pricing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitRegistryTest {

    private static final UnitRegistry UNITS = UnitRegistry.standard();

    @Test
    void knowsEveryPriceKeyOfTheCatalogueSchema() {
        assertThat(UNITS.priceKeys()).contains("input_mtok", "cache_write_mtok", "cache_read_mtok", "output_mtok",
                "input_audio_mtok", "cache_audio_read_mtok", "output_audio_mtok", "requests_kcount",
                "input_text_mtok", "output_text_mtok", "cache_text_read_mtok", "cache_text_write_mtok",
                "cache_audio_write_mtok", "input_image_mtok", "output_image_mtok", "cache_image_read_mtok",
                "cache_image_write_mtok", "input_video_mtok", "output_video_mtok", "cache_video_read_mtok",
                "cache_video_write_mtok");
    }

    @Test
    void aUnitIsPartOfEveryUnitWhoseDimensionsItHas() {
        assertThat(UNITS.ancestorsOf(unit("cache_audio_read_tokens")))
                .containsExactlyInAnyOrder(unit("input_tokens"), unit("cache_read_tokens"),
                        unit("input_audio_tokens"));
        assertThat(UNITS.ancestorsOf(unit("input_tokens"))).isEmpty();
    }

    @Test
    void theJoinOfTwoOverlappingUnitsIsTheirCommonPart() {
        assertThat(UNITS.join(unit("cache_read_tokens"), unit("input_audio_tokens")))
                .contains(unit("cache_audio_read_tokens"));
        assertThat(UNITS.join(unit("input_tokens"), unit("output_tokens"))).isEmpty();
    }

    @Test
    void requestsArePricedButNeverReported() {
        assertThat(UNITS.unitForPriceKey("requests_kcount")).map(UsageUnit::per).contains(1_000L);
        assertThat(UNITS.reportableUsageKeys()).doesNotContain(UnitRegistry.REQUESTS);
    }

    @Test
    void directionDecidesWhetherAPriceIsInputOrOutput() {
        assertThat(unit("cache_write_tokens").isInput()).isTrue();
        assertThat(unit("output_audio_tokens").isOutput()).isTrue();
        assertThat(unit("web_searches").isInput() || unit("web_searches").isOutput()).isFalse();
    }

    private static UsageUnit unit(String usageKey) {
        return UNITS.unitForUsageKey(usageKey).orElseThrow();
    }
}
