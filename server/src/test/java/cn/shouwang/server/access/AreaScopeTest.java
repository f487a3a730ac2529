package cn.shouwang.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AreaScopeTest {

    @Test
    void theCodeRangeCoversExactlyTheArea() {
        assertThat(new AreaScope("220322000000").lowestCode()).isEqualTo("220322000000");
        assertThat(new AreaScope("220322000000").highestCode()).isEqualTo("220322999999");
        assertThat(new AreaScope("220322103000").highestCode()).isEqualTo("220322103999");
        assertThat(new AreaScope("220322103205").lowestCode()).isEqualTo("220322103205");
        assertThat(new AreaScope("220322103205").highestCode()).isEqualTo("220322103205");
        assertThat(new AreaScope("220000000000").highestCode()).isEqualTo("229999999999");
    }

    @Test
    void aFigureTableGroupsByTheLevelBelowAndAVillageByItself() {
        assertThat(new AreaScope("220000000000").childDigits()).isEqualTo(4);   // province → cities
        assertThat(new AreaScope("220300000000").childDigits()).isEqualTo(6);   // city → counties
        assertThat(new AreaScope("220322000000").childDigits()).isEqualTo(9);   // county → townships
        assertThat(new AreaScope("220322103000").childDigits()).isEqualTo(12);  // township → villages
        assertThat(new AreaScope("220322103205").childDigits()).isEqualTo(12);  // a village stays itself
    }
}
