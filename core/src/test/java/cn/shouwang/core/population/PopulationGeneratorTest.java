package cn.shouwang.core.population;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.person.IdNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PopulationGeneratorTest {
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

    private static List<GeneratedHousehold> generate(long seed, int n) {
        PopulationGenerator g = new PopulationGenerator(seed, DivisionFile.builtInSiping().ruralVillages(), AS_OF);
        List<GeneratedHousehold> out = new ArrayList<>();
        g.households(n).forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSameSeedGivesTheSamePopulation() {
        assertThat(generate(7, 500)).isEqualTo(generate(7, 500));
        assertThat(generate(7, 50)).isNotEqualTo(generate(8, 50));
    }

    @Test
    void idNumbersAreValidUniqueAndCarryTheHouseholdsCounty() {
        Set<String> seen = new HashSet<>();
        for (GeneratedHousehold h : generate(1, 20_000)) {
            assertThat(h.householdId()).hasSize(17).startsWith(h.villageCode());
            assertThat(h.head().relation()).isEqualTo(Relation.HEAD);
            assertThat(h.head().status()).isEqualTo(MemberStatus.ACTIVE);
            for (GeneratedMember m : h.members()) {
                IdNumber id = IdNumber.of(m.idNumber());
                assertThat(id.areaPrefix()).isEqualTo(h.villageCode().substring(0, 6));
                assertThat(id.birthDate()).isEqualTo(m.birthDate());
                assertThat(id.sex()).isEqualTo(m.sex());
                assertThat(seen.add(m.idNumber())).as("unique id number").isTrue();
            }
        }
    }

    @Test
    void sharesAreThoseDocumented() {
        List<GeneratedHousehold> hs = generate(3, 30_000);
        double persons = hs.stream().mapToInt(h -> h.members().size()).sum();
        double formerlyPoor = hs.stream().filter(GeneratedHousehold::formerlyPoor).count();
        double monitored = hs.stream().filter(h -> h.monitoring() != null).count();
        long elderly = hs.stream().flatMap(h -> h.members().stream())
                .filter(m -> IdNumber.of(m.idNumber()).ageOn(AS_OF) >= 60).count();
        assertThat(persons / hs.size()).isBetween(2.95, 3.15);
        assertThat(formerlyPoor / hs.size()).isBetween(0.09, 0.11);
        assertThat(monitored / hs.size()).isBetween(0.025, 0.045);
        assertThat(elderly / persons).as("ageing rural population").isBetween(0.22, 0.40);
        long belowLine = hs.stream().filter(h -> {
            AnnualIncome inc = h.incomes().get(0);
            long active = h.members().stream().filter(m -> m.status() == MemberStatus.ACTIVE).count();
            return inc.netIncome().subtract(inc.eligibleOutOfPocket()).doubleValue() / active < 6700;
        }).count();
        assertThat(belowLine / (double) hs.size()).as("households below a 6,700 line").isBetween(0.02, 0.15);
    }

    @Test
    void streamsWithoutHoldingThePopulation() {
        PopulationGenerator g = new PopulationGenerator(5, DivisionFile.builtInSiping().ruralVillages(), AS_OF);
        Iterator<GeneratedHousehold> it = g.households(3);
        it.next(); it.next(); it.next();
        assertThat(it.hasNext()).isFalse();
        assertThat(PopulationGenerator.householdsForPersons(10_000_000)).isBetween(3_200_000L, 3_400_000L);
    }
}
